package io.kizuna.health;

import java.util.List;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class Scorecards {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	Scorecards(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** The workspace's scorecards, creating the standard default on first use. */
	List<Scorecard> all(WorkspaceId workspace) {
		jdbc.sql("""
				insert into scorecard (workspace_id, name, tier, definition)
				select ?, 'Default', null, ?::jsonb
				where not exists (select 1 from scorecard where workspace_id = ? and tier is null)
				on conflict do nothing""")
			.params(workspace.value(), json.writeValueAsString(ScorecardDefinition.standard()), workspace.value())
			.update();
		return jdbc.sql("select scorecard_id, name, tier, definition from scorecard where workspace_id = ? order by scorecard_id")
			.param(workspace.value())
			.query((rs, row) -> new Scorecard(rs.getLong(1), rs.getString(2), rs.getString(3),
					json.readValue(rs.getString(4), ScorecardDefinition.class)))
			.list();
	}

	Optional<Scorecard> find(WorkspaceId workspace, long id) {
		return all(workspace).stream().filter(card -> card.id() == id).findFirst();
	}

	Scorecard add(WorkspaceId workspace, String name, String tier, ScorecardDefinition definition) {
		long id = jdbc.sql("""
				insert into scorecard (workspace_id, name, tier, definition) values (?, ?, ?, ?::jsonb)
				returning scorecard_id""")
			.params(workspace.value(), name, tier, json.writeValueAsString(definition))
			.query(Long.class)
			.single();
		return new Scorecard(id, name, tier, definition);
	}

	boolean update(WorkspaceId workspace, long id, String name, ScorecardDefinition definition) {
		return jdbc.sql("""
				update scorecard set name = ?, definition = ?::jsonb, updated_at = now()
				where workspace_id = ? and scorecard_id = ?""")
			.params(name, json.writeValueAsString(definition), workspace.value(), id)
			.update() == 1;
	}

	boolean delete(WorkspaceId workspace, long id) {
		return jdbc.sql("delete from scorecard where workspace_id = ? and scorecard_id = ? and tier is not null")
			.params(workspace.value(), id)
			.update() == 1;
	}
}
