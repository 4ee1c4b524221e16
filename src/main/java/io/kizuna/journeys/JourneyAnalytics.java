package io.kizuna.journeys;

import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The journey view's figures, set-based over the stage history (ADR 0080). */
@Component
class JourneyAnalytics {

	private final JdbcClient jdbc;

	JourneyAnalytics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The cohort as a CTE over the accounts' published views; its parameters are appended to {@code params}. */
	private static String cohort(long ws, ZoneId zone, JourneyQuery q, List<Object> params) {
		StringBuilder sql = new StringBuilder("cohort as (select a.account_id, a.external_id, a.name from accounts_v_account a where a.workspace_id = ?");
		params.add(ws);
		if (q.tier() != null) {
			sql.append(" and a.tier = ?");
			params.add(q.tier());
		}
		if (q.signupMonth() != null) {
			sql.append(" and (a.created_at at time zone ?)::date between ? and ?");
			params.add(zone.getId());
			params.add(q.signupMonth().atDay(1));
			params.add(q.signupMonth().atEndOfMonth());
		}
		if (q.plan() != null) {
			sql.append(" and exists (select 1 from accounts_v_subscription s where s.workspace_id = a.workspace_id"
					+ " and s.account_id = a.account_id and s.plan = ?)");
			params.add(q.plan());
		}
		return sql.append(")").toString();
	}

	Journey journey(WorkspaceId workspace, ZoneId zone, JourneyQuery q, Map<String, Integer> stallSettings) {
		long ws = workspace.value();
		Timestamp from = Timestamp.from(q.from().atStartOfDay(zone).toInstant());
		Timestamp to = Timestamp.from(q.to().plusDays(1).atStartOfDay(zone).toInstant());

		List<Object> p = new ArrayList<>();
		String cohort = cohort(ws, zone, q, p);
		p.addAll(List.of(ws, from, ws, from, to, Journey.MAX_STEPS));
		long[] totals = new long[2];
		List<Journey.Link> links = new ArrayList<>();
		jdbc.sql("with " + cohort + """
				,
				marks as (
				    select * from (
				        select distinct on (c.account_id) c.account_id, c.to_stage as stage, c.changed_at, c.change_id, 0 as ord
				        from journeys_stage_change c join cohort k on k.account_id = c.account_id
				        where c.workspace_id = ? and c.changed_at < ?
				        order by c.account_id, c.changed_at desc, c.change_id desc) before_period
				    union all
				    select c.account_id, c.to_stage, c.changed_at, c.change_id, 1
				    from journeys_stage_change c join cohort k on k.account_id = c.account_id
				    where c.workspace_id = ? and c.changed_at >= ? and c.changed_at < ?),
				steps as (
				    select account_id, stage, ord,
				           row_number() over (partition by account_id order by ord, changed_at, change_id) - 1 as step
				    from marks),
				pairs as (
				    select p.step, p.stage as from_stage, n.stage as to_stage
				    from steps p join steps n on n.account_id = p.account_id and n.step = p.step + 1)
				select step, from_stage, to_stage, count(*) from pairs where step < ?
				group by step, from_stage, to_stage order by step, from_stage, to_stage""")
			.params(p)
			.query((rs, n) -> links.add(new Journey.Link(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4))))
			.list();

		List<Object> p2 = new ArrayList<>();
		String cohort2 = cohort(ws, zone, q, p2);
		p2.addAll(List.of(ws, from, to, ws, from, to, Journey.MAX_STEPS));
		jdbc.sql("with " + cohort2 + """
				,
				moved as (select c.account_id, count(*) as changes from journeys_stage_change c join cohort k on k.account_id = c.account_id
				          where c.workspace_id = ? and c.changed_at >= ? and c.changed_at < ? group by c.account_id)
				select (select count(*) from moved), (select count(*) from (
				    select c.account_id from journeys_stage_change c join cohort k on k.account_id = c.account_id
				    where c.workspace_id = ? and c.changed_at >= ? and c.changed_at < ?
				    group by c.account_id having count(*) > ?) t)""")
			.params(p2).query((rs, n) -> {
				totals[0] = rs.getLong(1);
				totals[1] = rs.getLong(2);
				return null;
			}).list();

		List<Object> p3 = new ArrayList<>();
		String cohort3 = cohort(ws, zone, q, p3);
		p3.addAll(List.of(ws, from, to));
		List<Journey.Transition> transitions = jdbc.sql("with " + cohort3 + """
				select c.from_stage, c.to_stage, count(*) from journeys_stage_change c join cohort k on k.account_id = c.account_id
				where c.workspace_id = ? and c.changed_at >= ? and c.changed_at < ? and c.from_stage is not null
				group by 1, 2 order by 3 desc, 1, 2""")
			.params(p3).query((rs, n) -> new Journey.Transition(rs.getString(1), rs.getString(2), rs.getLong(3))).list();

		List<Object> p4 = new ArrayList<>();
		String cohort4 = cohort(ws, zone, q, p4);
		p4.addAll(List.of(ws, from, to));
		List<Journey.StageTime> times = jdbc.sql("with " + cohort4 + """
				,
				stays as (
				    select c.to_stage as stage, c.changed_at as entered,
				           lead(c.changed_at) over (partition by c.account_id order by c.changed_at, c.change_id) as left_at
				    from journeys_stage_change c join cohort k on k.account_id = c.account_id where c.workspace_id = ?)
				select stage, count(*),
				       percentile_cont(0.5) within group (order by extract(epoch from left_at - entered) / 86400),
				       percentile_cont(0.75) within group (order by extract(epoch from left_at - entered) / 86400)
				from stays where left_at >= ? and left_at < ? group by stage""")
			.params(p4).query((rs, n) -> new Journey.StageTime(rs.getString(1), rs.getLong(2), rs.getDouble(3),
					rs.getDouble(4)))
			.list();

		// thresholds: a stage's stall days, else its 75th percentile of completed stays over the whole workspace history
		Map<String, Integer> thresholds = new java.util.HashMap<>();
		jdbc.sql("""
				with stays as (
				    select to_stage as stage, changed_at as entered,
				           lead(changed_at) over (partition by account_id order by changed_at, change_id) as left_at
				    from journeys_stage_change where workspace_id = ?)
				select stage, ceil(percentile_cont(0.75) within group (order by extract(epoch from left_at - entered) / 86400))
				from stays where left_at is not null group by stage""")
			.param(ws).query((rs, n) -> thresholds.put(rs.getString(1), Math.max(1, rs.getInt(2)))).list();
		thresholds.putAll(stallSettings);

		String[] stageCodes = thresholds.keySet().toArray(String[]::new);
		Integer[] days = thresholds.values().toArray(Integer[]::new);
		List<Object> p5 = new ArrayList<>();
		String cohort5 = cohort(ws, zone, q, p5);
		p5.addAll(List.of(stageCodes, days, zone.getId(), zone.getId(), ws));
		List<Journey.StalledAccount> stalled = jdbc.sql("with " + cohort5 + """
				,
				t as (select * from unnest(?::text[], ?::int[]) as t(stage, days)),
				d as (
				    select k.external_id, k.name, s.stage, t.days,
				           (now() at time zone ?)::date - (s.entered_at at time zone ?)::date as days_in
				    from journeys_account_stage s join cohort k on k.account_id = s.account_id join t on t.stage = s.stage
				    where s.workspace_id = ?)
				select external_id, name, stage, days_in, days from d where days_in > days
				order by days_in - days desc, name limit 5000""")
			.params(p5).query((rs, n) -> new Journey.StalledAccount(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getLong(4), rs.getInt(5)))
			.list();
		Map<String, Long> stallCounts = new java.util.LinkedHashMap<>();
		stalled.forEach(s -> stallCounts.merge(s.stage(), 1L, Long::sum));
		List<Journey.Stall> stalls = thresholds.entrySet().stream()
			.map(e -> new Journey.Stall(e.getKey(), e.getValue(), stallSettings.containsKey(e.getKey()),
					stallCounts.getOrDefault(e.getKey(), 0L)))
			.toList();
		return new Journey(links, transitions, times, stalls, stalled.stream().limit(50).toList(), totals[0], totals[1]);
	}
}
