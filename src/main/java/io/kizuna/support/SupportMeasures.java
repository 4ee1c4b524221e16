package io.kizuna.support;

import java.util.HashMap;
import java.util.Map;

import io.kizuna.health.HealthMeasure;
import io.kizuna.health.ScoringInput;
import io.kizuna.health.SignalFinding;
import io.kizuna.health.SignalInput;
import io.kizuna.health.SignalRule;
import io.kizuna.health.SignalSeverity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What support brings to health (item 8): two measures a scorecard can weigh — open tickets and tickets in the last
 * 30 days per account — and the "support spike" signal: at least 3 tickets in 7 days and more than twice the
 * account's weekly rate of the 8 weeks before. Each reads the whole workspace in one query.
 */
@Configuration(proxyBeanMethods = false)
class SupportMeasures {

	static Map<Long, Double> column(JdbcClient jdbc, long workspace, String column) {
		Map<Long, Double> values = new HashMap<>();
		jdbc.sql("select account_id, " + column + " from support_v_account_tickets where workspace_id = :ws")
			.param("ws", workspace)
			.query(rs -> {
				values.put(rs.getLong(1), rs.getDouble(2));
			});
		return values;
	}

	@Bean
	HealthMeasure supportOpenTickets(JdbcClient jdbc) {
		return new HealthMeasure() {
			@Override
			public String code() {
				return "support_open_tickets";
			}

			@Override
			public Map<Long, Double> rawValues(ScoringInput input) {
				Map<Long, Double> values = column(jdbc, input.workspaceId().value(), "open_tickets");
				// an account without tickets has none open: that is data (zero), not a gap
				input.states().keySet().forEach(id -> values.putIfAbsent(id, 0.0));
				return values;
			}
		};
	}

	@Bean
	HealthMeasure supportTickets30d(JdbcClient jdbc) {
		return new HealthMeasure() {
			@Override
			public String code() {
				return "support_tickets_30d";
			}

			@Override
			public Map<Long, Double> rawValues(ScoringInput input) {
				Map<Long, Double> values = column(jdbc, input.workspaceId().value(), "tickets_30d");
				input.states().keySet().forEach(id -> values.putIfAbsent(id, 0.0));
				return values;
			}
		};
	}

	@Bean
	SignalRule supportSpike(JdbcClient jdbc) {
		return new SignalRule() {
			@Override
			public String code() {
				return "support_spike";
			}

			@Override
			public int order() {
				return 200;
			}

			@Override
			public Map<Long, SignalFinding> detect(SignalInput input) {
				Map<Long, SignalFinding> findings = new HashMap<>();
				jdbc.sql("""
						select account_id,
						       count(*) filter (where created_at >= now() - interval '7 days') as week,
						       count(*) filter (where created_at < now() - interval '7 days') / 8.0 as usual
						from support_ticket
						where workspace_id = :ws and account_id is not null and merged_into_id is null
						  and type not in ('auto_reply', 'bounce') and created_at >= now() - interval '63 days'
						group by account_id
						having count(*) filter (where created_at >= now() - interval '7 days') >= 3""")
					.param("ws", input.scoring().workspaceId().value())
					.query(rs -> {
						long week = rs.getLong(2);
						double usual = rs.getDouble(3);
						if (week > 2 * usual) {
							findings.put(rs.getLong(1), new SignalFinding(week >= 6 ? SignalSeverity.HIGH
									: SignalSeverity.MEDIUM, Map.of("tickets_7d", week, "weekly_usual", Math.round(usual * 10) / 10.0)));
						}
					});
				return findings;
			}
		};
	}
}
