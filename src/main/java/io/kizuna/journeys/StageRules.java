package io.kizuna.journeys;

import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A workspace's stage rules in their order. */
@Component
class StageRules {

	private final JdbcClient jdbc;

	StageRules(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<StageRule> list(WorkspaceId workspace) {
		return jdbc.sql("select rule_id, position, definition, stage from journeys_rule where workspace_id = ? order by position, rule_id")
			.param(workspace.value())
			.query((rs, n) -> new StageRule(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4))).list();
	}

	/** Replaces every rule with these (definition, stage) pairs, in order. */
	void replace(WorkspaceId workspace, List<String[]> rules) {
		jdbc.sql("delete from journeys_rule where workspace_id = ?").param(workspace.value()).update();
		for (int i = 0; i < rules.size(); i++) {
			jdbc.sql("insert into journeys_rule (workspace_id, position, definition, stage) values (?, ?, ?, ?)")
				.params(workspace.value(), i + 1, rules.get(i)[0], rules.get(i)[1]).update();
		}
	}

	void retarget(WorkspaceId workspace, String from, String to) {
		jdbc.sql("update journeys_rule set stage = ? where workspace_id = ? and stage = ?")
			.params(to, workspace.value(), from).update();
	}
}
