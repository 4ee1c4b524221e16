package io.kizuna.segments;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.kizuna.accounts.Page;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Saved segments and their recorded history: the segments module's own tables. */
@Repository
class Segments {

	static final RowMapper<Segment> SEGMENT = (rs, n) -> new Segment(rs.getLong("segment_id"), rs.getString("key"),
			rs.getString("name"), rs.getString("definition"), rs.getInt("member_count"),
			instant(rs.getTimestamp("evaluated_at")), instant(rs.getTimestamp("updated_at")));

	private static final String COLUMNS = "segment_id, key, name, definition, member_count, evaluated_at, updated_at";

	private final JdbcClient jdbc;

	Segments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Segment> list(WorkspaceId workspace) {
		return jdbc.sql("select " + COLUMNS + " from segment where workspace_id = ? order by name, segment_id")
			.params(workspace.value()).query(SEGMENT).list();
	}

	Optional<Segment> find(WorkspaceId workspace, String key) {
		return jdbc.sql("select " + COLUMNS + " from segment where workspace_id = ? and key = ?")
			.params(workspace.value(), key).query(SEGMENT).optional();
	}

	Optional<Long> idOf(WorkspaceId workspace, String key) {
		return jdbc.sql("select segment_id from segment where workspace_id = ? and key = ?")
			.params(workspace.value(), key).query(Long.class).optional();
	}

	int count(WorkspaceId workspace) {
		return jdbc.sql("select count(*) from segment where workspace_id = ?").params(workspace.value())
			.query(Integer.class).single();
	}

	long insert(WorkspaceId workspace, String key, String name, String definition) {
		return jdbc.sql("""
				insert into segment (workspace_id, key, name, definition) values (?, ?, ?, ?)
				returning segment_id""").params(workspace.value(), key, name, definition).query(Long.class).single();
	}

	void update(WorkspaceId workspace, long id, String name, String definition) {
		jdbc.sql("update segment set name = ?, definition = ?, updated_at = now() where workspace_id = ? and segment_id = ?")
			.params(name, definition, workspace.value(), id).update();
	}

	boolean delete(WorkspaceId workspace, String key) {
		return jdbc.sql("delete from segment where workspace_id = ? and key = ?").params(workspace.value(), key)
			.update() > 0;
	}

	Page<SegmentAccount> members(WorkspaceId workspace, long segmentId, int page, int size) {
		List<SegmentAccount> items = jdbc.sql("""
				select a.external_id, a.name, a.tier from segment_member m
				join accounts_v_account a on a.workspace_id = m.workspace_id and a.account_id = m.account_id
				where m.workspace_id = ? and m.segment_id = ?
				order by a.name, a.account_id limit ? offset ?""")
			.params(workspace.value(), segmentId, size, (long) page * size)
			.query((rs, n) -> new SegmentAccount(rs.getString(1), rs.getString(2), rs.getString(3))).list();
		long total = jdbc.sql("select count(*) from segment_member where workspace_id = ? and segment_id = ?")
			.params(workspace.value(), segmentId).query(Long.class).single();
		return new Page<>(items, page, size, total);
	}

	List<MembershipChange> changes(WorkspaceId workspace, long segmentId, int limit) {
		return jdbc.sql("""
				select a.external_id, a.name, c.entered, c.changed_at, c.reason from segment_membership_change c
				join accounts_v_account a on a.workspace_id = c.workspace_id and a.account_id = c.account_id
				where c.workspace_id = ? and c.segment_id = ?
				order by c.changed_at desc, a.name limit ?""").params(workspace.value(), segmentId, limit)
			.query((rs, n) -> new MembershipChange(rs.getString(1), rs.getString(2), rs.getBoolean(3),
					rs.getTimestamp(4).toInstant(), EvaluationReason.valueOf(rs.getString(5).toUpperCase())))
			.list();
	}

	List<SegmentSize> sizes(WorkspaceId workspace, long segmentId, LocalDate from) {
		return jdbc.sql("""
				select day, members from segment_size_daily where workspace_id = ? and segment_id = ? and day >= ?
				order by day""").params(workspace.value(), segmentId, from)
			.query((rs, n) -> new SegmentSize(rs.getObject(1, LocalDate.class), rs.getInt(2))).list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
