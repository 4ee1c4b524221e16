package io.kizuna.health;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.kizuna.shared.PostgresCopy;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Daily health snapshots: one row per account and day with the explanation of its score. */
@Repository
class Snapshots {

	private static final TypeReference<List<MeasureResult>> MEASURES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final JsonMapper json;

	Snapshots(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.json = json;
	}

	/** Replaces the day's snapshots, so rescoring a day is idempotent. */
	void replaceDay(WorkspaceId workspace, LocalDate day, Collection<AccountScore> scores) {
		jdbc.sql("delete from health_snapshot where workspace_id = ? and day = ?")
			.params(workspace.value(), Date.valueOf(day))
			.update();
		PostgresCopy.copy(dataSource, """
				copy health_snapshot (workspace_id, account_id, day, scorecard_id, score, band, measures)
				from stdin with (format csv)""", scores.size(), rows -> {
			for (AccountScore s : scores) {
				rows.add(workspace.value(), s.accountId(), day, s.scorecardId(),
						s.score() == null ? null : BigDecimal.valueOf(s.score()).setScale(2, java.math.RoundingMode.HALF_UP),
						s.band() == null ? null : s.band().code(), json.writeValueAsString(s.measures()));
			}
		});
	}

	/** Each account's latest snapshot before the day: its score and band. */
	Map<Long, Snapshot> latestBefore(WorkspaceId workspace, LocalDate day) {
		Map<Long, Snapshot> latest = new HashMap<>();
		jdbc.sql("""
				select distinct on (account_id) account_id, day, score, band from health_snapshot
				where workspace_id = ? and day < ? and day >= ?
				order by account_id, day desc""")
			.params(workspace.value(), Date.valueOf(day), Date.valueOf(day.minusDays(400)))
			.query(rs -> {
				latest.put(rs.getLong(1), new Snapshot(rs.getDate(2).toLocalDate(), score(rs.getBigDecimal(3)),
						HealthBand.fromCode(rs.getString(4)), List.of()));
			});
		return latest;
	}

	/** An account's snapshots between two days, oldest first, with their measures. */
	List<Snapshot> history(WorkspaceId workspace, long accountId, LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select day, score, band, measures from health_snapshot
				where workspace_id = ? and account_id = ? and day between ? and ? order by day""")
			.params(workspace.value(), accountId, Date.valueOf(from), Date.valueOf(to))
			.query((rs, row) -> new Snapshot(rs.getDate(1).toLocalDate(), score(rs.getBigDecimal(2)),
					HealthBand.fromCode(rs.getString(3)),
					json.readValue(rs.getString(4), MEASURES)))
			.list();
	}

	private static Double score(BigDecimal score) {
		return score == null ? null : score.doubleValue();
	}

	record Snapshot(LocalDate day, Double score, HealthBand band, List<MeasureResult> measures) {
	}
}
