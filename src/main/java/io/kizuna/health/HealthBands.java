package io.kizuna.health;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Health bands for other modules: each account's latest score and band on or before a day, in one query. */
@Service
public class HealthBands {

	private final JdbcClient jdbc;

	HealthBands(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An account on a day. */
	public record AccountDay(long accountId, LocalDate day) {
	}

	/** A score and band; band null when the account had no scored measure that day. */
	public record Band(Double score, String band) {
	}

	/** The latest snapshot on or before each day; accounts never scored by then are absent. */
	public Map<AccountDay, Band> asOf(WorkspaceId workspace, List<AccountDay> accountDays) {
		Map<AccountDay, Band> bands = new HashMap<>();
		if (accountDays.isEmpty()) {
			return bands;
		}
		// Two parallel lists as text: the named-parameter template would expand Java arrays into value lists.
		String ids = accountDays.stream().map(d -> Long.toString(d.accountId())).collect(Collectors.joining(","));
		String days = accountDays.stream().map(d -> d.day().toString()).collect(Collectors.joining(","));
		jdbc.sql("""
				select q.account_id, q.day, h.score, h.band
				from unnest(cast(string_to_array(:ids, ',') as bigint[]), cast(string_to_array(:days, ',') as date[])) q(account_id, day)
				cross join lateral (
				    select s.score, s.band from health_snapshot s
				    where s.workspace_id = :ws and s.account_id = q.account_id and s.day <= q.day
				    order by s.day desc limit 1) h""")
			.param("ws", workspace.value())
			.param("ids", ids)
			.param("days", days)
			.query(rs -> {
				java.math.BigDecimal score = rs.getBigDecimal(3);
				bands.put(new AccountDay(rs.getLong(1), rs.getDate(2).toLocalDate()),
						new Band(score == null ? null : score.doubleValue(), rs.getString(4)));
			});
		return bands;
	}
}
