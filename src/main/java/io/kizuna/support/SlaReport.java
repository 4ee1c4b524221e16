package io.kizuna.support;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The SLA report: attainment of first response and resolution by policy, priority and month of creation (in the
 * workspace's zone), with median and p90 business minutes of the clocks that were achieved. A clock counts once it is
 * met or breached; one still running within its target is not yet counted either way. One grouping-sets query.
 */
@Service
public class SlaReport {

	public static final int MAX_MONTHS = 36;

	private final JdbcClient jdbc;

	SlaReport(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One row: {@code dimension} policy, priority or month; {@code key} the policy key, priority or yyyy-MM. */
	public record Row(String dimension, String key, long tickets, long firstMet, long firstBreached,
			long resolutionMet, long resolutionBreached, Double firstMedianMinutes, Double firstP90Minutes,
			Double resolutionMedianMinutes, Double resolutionP90Minutes) {

		/** Met share of the counted first responses (0–1), null when none was counted. */
		public Double firstAttainment() {
			return share(firstMet, firstBreached);
		}

		public Double resolutionAttainment() {
			return share(resolutionMet, resolutionBreached);
		}

		private static Double share(long met, long breached) {
			return met + breached == 0 ? null : (double) met / (met + breached);
		}
	}

	public List<Row> report(WorkspaceId ws, ZoneId zone, int months) {
		if (months < 1 || months > MAX_MONTHS) {
			throw new InvalidInputException("months: 1–" + MAX_MONTHS);
		}
		LocalDate from = LocalDate.now(zone).withDayOfMonth(1).minusMonths(months - 1L);
		return jdbc.sql("""
				with t as (
				    select policy_key, priority, to_char(created_at at time zone :zone, 'YYYY-MM') as month,
				           first_response_state, resolution_state, first_response_seconds, resolution_seconds
				    from support_ticket_sla
				    where workspace_id = :ws and created_at >= (cast(:from as date) at time zone :zone))
				select case when grouping(policy_key) = 0 then 'policy' when grouping(priority) = 0 then 'priority'
				            else 'month' end as dimension,
				       coalesce(policy_key, priority, month) as key,
				       count(*) as tickets,
				       count(*) filter (where first_response_state = 'met') as first_met,
				       count(*) filter (where first_response_state = 'breached') as first_breached,
				       count(*) filter (where resolution_state = 'met') as resolution_met,
				       count(*) filter (where resolution_state = 'breached') as resolution_breached,
				       percentile_cont(0.5) within group (order by first_response_seconds) / 60 as first_median,
				       percentile_cont(0.9) within group (order by first_response_seconds) / 60 as first_p90,
				       percentile_cont(0.5) within group (order by resolution_seconds) / 60 as resolution_median,
				       percentile_cont(0.9) within group (order by resolution_seconds) / 60 as resolution_p90
				from t
				group by grouping sets ((policy_key), (priority), (month))
				order by 1, 2""")
			.param("ws", ws.value()).param("zone", zone.getId()).param("from", java.sql.Date.valueOf(from))
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7), dbl(rs, 8), dbl(rs, 9), dbl(rs, 10), dbl(rs, 11)))
			.list();
	}

	private static Double dbl(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		double v = rs.getDouble(column);
		return rs.wasNull() ? null : v;
	}
}
