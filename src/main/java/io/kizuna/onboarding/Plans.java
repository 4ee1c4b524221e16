package io.kizuna.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The workspace's onboarding plans and their milestones. */
@Repository
class Plans {

	private final JdbcClient jdbc;

	Plans(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<OnboardingPlan> list(WorkspaceId workspace) {
		Map<String, List<Milestone>> milestones = new LinkedHashMap<>();
		jdbc.sql("""
				select plan_key, milestone_key, name_ja, name_en, kind, event_name, min_count, within_days, due_day, first_value
				from onboarding_milestone where workspace_id = ? order by plan_key, position""")
			.param(workspace.value())
			.query(rs -> {
				milestones.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
					.add(new Milestone(rs.getString(2), rs.getString(3), rs.getString(4),
							MilestoneKind.fromCode(rs.getString(5)), rs.getString(6), rs.getInt(7), rs.getInt(8),
							rs.getInt(9), rs.getBoolean(10)));
			});
		return jdbc.sql("""
				select plan_key, name_ja, name_en, scope, scope_value from onboarding_plan where workspace_id = ?
				order by case scope when 'plan' then 0 when 'tier' then 1 else 2 end, scope_value, plan_key""")
			.param(workspace.value())
			.query((rs, row) -> new OnboardingPlan(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), milestones.getOrDefault(rs.getString(1), List.of())))
			.list();
	}

	Optional<OnboardingPlan> find(WorkspaceId workspace, String key) {
		return list(workspace).stream().filter(p -> p.key().equals(key)).findFirst();
	}

	boolean scopeTaken(WorkspaceId workspace, String key, String scope, String value) {
		return jdbc.sql("""
				select exists (select 1 from onboarding_plan where workspace_id = ? and scope = ? and scope_value = ?
				               and plan_key <> ?)""")
			.params(workspace.value(), scope, value, key == null ? "" : key)
			.query(Boolean.class)
			.single();
	}

	/** Inserts or replaces the plan and all its milestones; progress of kept milestone keys stays. */
	void save(WorkspaceId workspace, String previousKey, OnboardingPlan plan) {
		int updated = previousKey == null ? 0 : jdbc.sql("""
				update onboarding_plan set plan_key = ?, name_ja = ?, name_en = ?, scope = ?, scope_value = ?,
				       updated_at = now()
				where workspace_id = ? and plan_key = ?""")
			.params(plan.key(), plan.nameJa(), plan.nameEn(), plan.scope(), plan.scopeValue(), workspace.value(),
					previousKey)
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into onboarding_plan (workspace_id, plan_key, name_ja, name_en, scope, scope_value)
					values (?, ?, ?, ?, ?, ?)""")
				.params(workspace.value(), plan.key(), plan.nameJa(), plan.nameEn(), plan.scope(), plan.scopeValue())
				.update();
		}
		jdbc.sql("delete from onboarding_milestone where workspace_id = ? and plan_key = ?")
			.params(workspace.value(), plan.key())
			.update();
		int position = 0;
		for (Milestone m : plan.milestones()) {
			jdbc.sql("""
					insert into onboarding_milestone (workspace_id, plan_key, milestone_key, position, name_ja, name_en, kind,
					                                  event_name, min_count, within_days, due_day, first_value)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(workspace.value(), plan.key(), m.key(), position++, m.nameJa(), m.nameEn(), m.kind().code(),
						m.eventName(), m.count(), m.withinDays(), m.dueDay(), m.firstValue())
				.update();
		}
	}

	boolean delete(WorkspaceId workspace, String key) {
		return jdbc.sql("delete from onboarding_plan where workspace_id = ? and plan_key = ?")
			.params(workspace.value(), key)
			.update() > 0;
	}
}
