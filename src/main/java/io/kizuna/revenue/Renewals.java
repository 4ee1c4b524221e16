package io.kizuna.revenue;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kizuna.health.HealthBands;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.UserManagement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Upcoming renewals and the renewal forecast. A renewal outcome is a live subscription state's term end that fell in
 * the past 12 months: renewed when the subscription was still live with MRR the day after it, churned otherwise. The
 * band it counts under is the account's band 30 days before the due date (what a forecaster would have seen).
 */
@Service
public class Renewals {

	/** Below this many outcomes in a band, P(renew) falls back to {@link #PRIOR}. */
	public static final int MIN_OUTCOMES = 10;

	/** Stated priors: typical B2B SaaS gross renewal rates by health band, used until a band has enough outcomes. */
	public static final Map<String, Double> PRIOR = Map.of("red", 0.50, "yellow", 0.75, "green", 0.90, "none", 0.80);

	static final List<String> BANDS = List.of("red", "yellow", "green", "none");

	private final JdbcClient jdbc;

	private final HealthBands health;

	private final WorkspaceManagement workspaces;

	private final UserManagement people;

	Renewals(JdbcClient jdbc, HealthBands health, WorkspaceManagement workspaces, UserManagement people) {
		this.jdbc = jdbc;
		this.health = health;
		this.workspaces = workspaces;
		this.people = people;
	}

	/** Today in the workspace's time zone. */
	public LocalDate today(WorkspaceId workspace) {
		return LocalDate.now(workspaces.get(workspace).timeZone());
	}

	/** Live subscriptions whose current term ends from {@code today} through {@code today + withinDays}. */
	public List<Renewal> upcoming(WorkspaceId workspace, LocalDate today, int withinDays) {
		return upcoming(workspace, today, withinDays, null);
	}

	/** The renewals of a saved segment's members only ({@code segmentId} null: every account). */
	public List<Renewal> upcoming(WorkspaceId workspace, LocalDate today, int withinDays, Long segmentId) {
		if (withinDays < 0 || withinDays > 730) {
			throw new InvalidInputException("withinDays: 0 to 730");
		}
		record Row(long accountId, Renewal renewal) {
		}
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("ws", workspace.value());
		params.put("today", Date.valueOf(today));
		params.put("until", Date.valueOf(today.plusDays(withinDays)));
		String members = Members.of("c", segmentId, params);
		List<Row> rows = jdbc.sql("""
				select c.account_id, sub.external_id, a.external_id, a.name, a.owner_user_id, c.plan,
				       c.current_term_end, c.mrr_minor * 12, c.currency, c.status
				from (select distinct on (c.subscription_id) c.*
				      from accounts_v_subscription_change c
				      where c.workspace_id = :ws and c.effective_on <= :today %s
				      order by c.subscription_id, c.effective_on desc, c.change_id desc) c
				join accounts_v_subscription sub on sub.workspace_id = c.workspace_id and sub.subscription_id = c.subscription_id
				join accounts_v_account a on a.workspace_id = c.workspace_id and a.account_id = c.account_id
				where c.status in ('active', 'past_due') and c.current_term_end between :today and :until
				order by c.current_term_end, c.mrr_minor desc, a.name""".formatted(members))
			.params(params)
			.query((rs, n) -> new Row(rs.getLong(1), new Renewal(rs.getString(2), rs.getString(3), rs.getString(4),
					(Long) rs.getObject(5), null, rs.getString(6), rs.getDate(7).toLocalDate(), rs.getLong(8),
					rs.getString(9).trim(), rs.getString(10), null, null)))
			.list();
		Map<HealthBands.AccountDay, HealthBands.Band> bands = health.asOf(workspace,
				rows.stream().map(r -> new HealthBands.AccountDay(r.accountId(), today)).distinct().toList());
		Map<Long, String> owners = new java.util.HashMap<>();
		people.users(workspace).forEach(u -> owners.put(u.id(), u.displayName()));
		return rows.stream().map(r -> {
			HealthBands.Band band = bands.getOrDefault(new HealthBands.AccountDay(r.accountId(), today),
					new HealthBands.Band(null, null));
			Renewal x = r.renewal();
			return new Renewal(x.subscriptionExternalId(), x.accountExternalId(), x.accountName(), x.ownerUserId(),
					owners.get(x.ownerUserId()), x.plan(), x.renewsOn(), x.arrMinor(), x.currency(), x.status(),
					band.score(), band.band());
		}).toList();
	}

	/** Expected renewing ARR for this month and the next {@code months − 1}. */
	public RenewalForecast forecast(WorkspaceId workspace, LocalDate today, int months) {
		return forecast(workspace, today, months, null);
	}

	/**
	 * The forecast of a saved segment's members only ({@code segmentId} null: every account): their renewals, weighed
	 * by the renewal rates observed among them (the prior where they had too few outcomes).
	 */
	public RenewalForecast forecast(WorkspaceId workspace, LocalDate today, int months, Long segmentId) {
		if (months < 1 || months > 24) {
			throw new InvalidInputException("months: 1 to 24");
		}
		List<RenewalForecast.BandProbability> probabilities = probabilities(workspace, today, segmentId);
		Map<String, Double> p = new LinkedHashMap<>();
		Map<String, Boolean> prior = new LinkedHashMap<>();
		probabilities.forEach(b -> {
			p.put(b.band(), b.probability());
			prior.put(b.band(), b.prior());
		});
		YearMonth first = YearMonth.from(today);
		LocalDate last = first.plusMonths(months - 1).atEndOfMonth();
		Map<String, long[]> sums = new TreeMap<>();
		for (Renewal renewal : upcoming(workspace, today, (int) (last.toEpochDay() - today.toEpochDay()), segmentId)) {
			String band = renewal.healthBand() == null ? "none" : renewal.healthBand();
			long[] sum = sums.computeIfAbsent(YearMonth.from(renewal.renewsOn()) + " " + renewal.currency(),
					k -> new long[4]);
			sum[0]++;
			sum[1] += renewal.arrMinor();
			sum[2] += Math.round(renewal.arrMinor() * p.get(band));
			sum[3] += prior.get(band) ? renewal.arrMinor() : 0;
		}
		List<RenewalForecast.Month> rows = new ArrayList<>();
		sums.forEach((key, sum) -> rows.add(new RenewalForecast.Month(YearMonth.parse(key.substring(0, 7)),
				key.substring(8), (int) sum[0], sum[1], sum[2], sum[3])));
		return new RenewalForecast(today, today.minusMonths(12), probabilities, rows);
	}

	/** P(renew) per band from the workspace's renewal outcomes of the past 12 months, or the prior when too few. */
	List<RenewalForecast.BandProbability> probabilities(WorkspaceId workspace, LocalDate today) {
		return probabilities(workspace, today, null);
	}

	List<RenewalForecast.BandProbability> probabilities(WorkspaceId workspace, LocalDate today, Long segmentId) {
		record Outcome(long accountId, LocalDate due, boolean renewed) {
		}
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("ws", workspace.value());
		params.put("since", Date.valueOf(today.minusMonths(12)));
		params.put("today", Date.valueOf(today));
		String members = Members.of("c", segmentId, params);
		List<Outcome> outcomes = jdbc.sql("""
				with dues as (
				    select distinct c.subscription_id, c.account_id, c.current_term_end as due
				    from accounts_v_subscription_change c
				    where c.workspace_id = :ws and c.current_term_end >= :since and c.current_term_end < :today
				      and c.status in ('active', 'past_due') and c.effective_on <= c.current_term_end %s)
				select d.account_id, d.due, coalesce(after.live, false)
				from dues d
				left join lateral (
				    select c.status in ('active', 'past_due') and c.mrr_minor > 0 as live
				    from accounts_v_subscription_change c
				    where c.workspace_id = :ws and c.subscription_id = d.subscription_id and c.effective_on <= d.due + 1
				    order by c.effective_on desc, c.change_id desc limit 1) after on true""".formatted(members))
			.params(params)
			.query((rs, n) -> new Outcome(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getBoolean(3)))
			.list();
		Map<HealthBands.AccountDay, HealthBands.Band> bands = health.asOf(workspace, outcomes.stream()
			.map(o -> new HealthBands.AccountDay(o.accountId(), o.due().minusDays(30)))
			.distinct()
			.toList());
		Map<String, int[]> counts = new LinkedHashMap<>();
		BANDS.forEach(b -> counts.put(b, new int[2]));
		for (Outcome o : outcomes) {
			HealthBands.Band band = bands.get(new HealthBands.AccountDay(o.accountId(), o.due().minusDays(30)));
			int[] c = counts.get(band == null || band.band() == null ? "none" : band.band());
			c[0]++;
			c[1] += o.renewed() ? 1 : 0;
		}
		List<RenewalForecast.BandProbability> result = new ArrayList<>();
		counts.forEach((band, c) -> result.add(c[0] >= MIN_OUTCOMES
				? new RenewalForecast.BandProbability(band, c[0], c[1], (double) c[1] / c[0], "observed")
				: new RenewalForecast.BandProbability(band, c[0], c[1], PRIOR.get(band), "prior")));
		return result;
	}
}
