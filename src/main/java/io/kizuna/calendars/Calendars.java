package io.kizuna.calendars;

import java.sql.Time;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The calendars of a workspace with their hours and closures; every statement scoped by workspace. */
@Repository
class Calendars {

	private final JdbcClient jdbc;

	Calendars(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private record Row(long id, String key, String name, String zone, boolean holidays, boolean isDefault,
			java.sql.Timestamp updatedAt) {
	}

	List<Calendar> list(WorkspaceId workspace) {
		List<Row> rows = jdbc.sql("""
				select calendar_id, key, name, time_zone, japanese_holidays, is_default, updated_at
				from calendars_calendar where workspace_id = ? order by is_default desc, name, key""")
			.param(workspace.value())
			.query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getBoolean(5), rs.getBoolean(6), rs.getTimestamp(7)))
			.list();
		Map<Long, List<OpeningInterval>> hours = new HashMap<>();
		jdbc.sql("""
				select calendar_id, weekday, opens, closes from calendars_opening_hours
				where workspace_id = ? order by calendar_id, weekday, opens""")
			.param(workspace.value())
			.query(rs -> {
				hours.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new OpeningInterval(DayOfWeek.of(rs.getInt(2)), rs.getObject(3, LocalTime.class),
							rs.getObject(4, LocalTime.class)));
			});
		Map<Long, List<Closure>> closures = new HashMap<>();
		jdbc.sql("""
				select calendar_id, first_day, last_day, name, yearly from calendars_closure
				where workspace_id = ? order by calendar_id, first_day, closure_id""")
			.param(workspace.value())
			.query(rs -> {
				closures.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new Closure(rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
							rs.getString(4), rs.getBoolean(5)));
			});
		return rows.stream()
			.map(r -> new Calendar(r.key(), r.name(), ZoneId.of(r.zone()), r.holidays(), r.isDefault(),
					hours.getOrDefault(r.id(), List.of()), closures.getOrDefault(r.id(), List.of()),
					r.updatedAt().toInstant()))
			.toList();
	}

	Optional<Calendar> find(WorkspaceId workspace, String key) {
		return list(workspace).stream().filter(c -> c.key().equals(key)).findFirst();
	}

	Optional<Long> idOf(WorkspaceId workspace, String key) {
		return jdbc.sql("select calendar_id from calendars_calendar where workspace_id = ? and key = ?")
			.params(workspace.value(), key)
			.query(Long.class)
			.optional();
	}

	/** Holds a transaction-scoped lock on seeding this workspace's starting calendars. */
	void lockSeeding(WorkspaceId workspace) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('calendars_seed'), ?)").param((int) workspace.value())
			.query(rs -> {
			});
	}

	int count(WorkspaceId workspace) {
		return jdbc.sql("select count(*) from calendars_calendar where workspace_id = ?")
			.param(workspace.value())
			.query(Integer.class)
			.single();
	}

	/** Inserts or replaces the calendar by key; returns whether it was new. */
	boolean save(WorkspaceId workspace, CalendarDraft draft) {
		if (draft.isDefault()) {
			jdbc.sql("update calendars_calendar set is_default = false where workspace_id = ? and key <> ? and is_default")
				.params(workspace.value(), draft.key())
				.update();
		}
		Optional<Long> existing = idOf(workspace, draft.key());
		long id;
		if (existing.isPresent()) {
			id = existing.get();
			jdbc.sql("""
					update calendars_calendar set name = ?, time_zone = ?, japanese_holidays = ?,
					  is_default = is_default or ?, updated_at = now()
					where workspace_id = ? and calendar_id = ?""")
				.params(draft.name(), draft.zone(), draft.japaneseHolidays(), draft.isDefault(), workspace.value(), id)
				.update();
			jdbc.sql("delete from calendars_opening_hours where workspace_id = ? and calendar_id = ?")
				.params(workspace.value(), id)
				.update();
			jdbc.sql("delete from calendars_closure where workspace_id = ? and calendar_id = ?")
				.params(workspace.value(), id)
				.update();
		}
		else {
			id = jdbc.sql("""
					insert into calendars_calendar (workspace_id, key, name, time_zone, japanese_holidays, is_default)
					values (?, ?, ?, ?, ?, ?) returning calendar_id""")
				.params(workspace.value(), draft.key(), draft.name(), draft.zone(), draft.japaneseHolidays(),
						draft.isDefault())
				.query(Long.class)
				.single();
		}
		for (OpeningInterval i : draft.hours()) {
			jdbc.sql("""
					insert into calendars_opening_hours (workspace_id, calendar_id, weekday, opens, closes)
					values (?, ?, ?, ?, ?) on conflict (workspace_id, calendar_id, weekday, opens)
					do update set closes = greatest(calendars_opening_hours.closes, excluded.closes)""")
				.params(workspace.value(), id, i.day().getValue(), Time.valueOf(i.opens()), Time.valueOf(i.closes()))
				.update();
		}
		for (Closure c : draft.closures()) {
			jdbc.sql("""
					insert into calendars_closure (workspace_id, calendar_id, first_day, last_day, name, yearly)
					values (?, ?, ?, ?, ?, ?)""")
				.params(workspace.value(), id, c.from(), c.to(), c.name(), c.yearly())
				.update();
		}
		return existing.isEmpty();
	}

	boolean delete(WorkspaceId workspace, String key) {
		return jdbc.sql("delete from calendars_calendar where workspace_id = ? and key = ?")
			.params(workspace.value(), key)
			.update() > 0;
	}
}
