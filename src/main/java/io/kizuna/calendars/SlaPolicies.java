package io.kizuna.calendars;

import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SLA policies of a workspace in their order; every statement scoped by workspace. */
@Repository
class SlaPolicies {

	private static final String SELECT = """
			select p.key, p.name, p.position, c.key, p.priority, p.tier, p.segment_key, p.account_id,
			  p.first_response_minutes, p.next_response_minutes, p.resolution_minutes, p.warning_minutes
			from calendars_sla_policy p
			join calendars_calendar c on c.workspace_id = p.workspace_id and c.calendar_id = p.calendar_id
			where p.workspace_id = ?""";

	private final JdbcClient jdbc;

	SlaPolicies(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<SlaPolicy> list(WorkspaceId workspace) {
		return jdbc.sql(SELECT + " order by p.position, p.key").param(workspace.value()).query((rs, n) -> new SlaPolicy(
				rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
				rs.getString(7), rs.getObject(8, Long.class), rs.getObject(9, Integer.class),
				rs.getObject(10, Integer.class), rs.getObject(11, Integer.class), rs.getInt(12))).list();
	}

	Optional<SlaPolicy> find(WorkspaceId workspace, String key) {
		return list(workspace).stream().filter(p -> p.key().equals(key)).findFirst();
	}

	int count(WorkspaceId workspace) {
		return jdbc.sql("select count(*) from calendars_sla_policy where workspace_id = ?")
			.param(workspace.value())
			.query(Integer.class)
			.single();
	}

	List<String> keysOnCalendar(WorkspaceId workspace, long calendarId) {
		return jdbc.sql("select key from calendars_sla_policy where workspace_id = ? and calendar_id = ? order by key")
			.params(workspace.value(), calendarId)
			.query(String.class)
			.list();
	}


	/** Inserts or replaces the policy by key; returns whether it was new. */
	boolean save(WorkspaceId workspace, SlaPolicy p, long calendarId) {
		int updated = jdbc.sql("""
				update calendars_sla_policy set name = ?, position = ?, calendar_id = ?, priority = ?, tier = ?,
				  segment_key = ?, account_id = ?, first_response_minutes = ?, next_response_minutes = ?,
				  resolution_minutes = ?, warning_minutes = ?, updated_at = now()
				where workspace_id = ? and key = ?""")
			.params(p.name(), p.position(), calendarId, p.priority(), p.tier(), p.segmentKey(), p.accountId(),
					p.firstResponseMinutes(), p.nextResponseMinutes(), p.resolutionMinutes(), p.warningMinutes(),
					workspace.value(), p.key())
			.update();
		if (updated > 0) {
			return false;
		}
		jdbc.sql("""
				insert into calendars_sla_policy (workspace_id, key, name, position, calendar_id, priority, tier,
				  segment_key, account_id, first_response_minutes, next_response_minutes, resolution_minutes,
				  warning_minutes)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(workspace.value(), p.key(), p.name(), p.position(), calendarId, p.priority(), p.tier(),
					p.segmentKey(), p.accountId(), p.firstResponseMinutes(), p.nextResponseMinutes(),
					p.resolutionMinutes(), p.warningMinutes())
			.update();
		return true;
	}

	boolean delete(WorkspaceId workspace, String key) {
		return jdbc.sql("delete from calendars_sla_policy where workspace_id = ? and key = ?")
			.params(workspace.value(), key)
			.update() > 0;
	}
}
