package io.kizuna.text;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The analysed texts and the per-day counts kept beside them. Writes are batched; the day tables are rebuilt for the
 * days a batch touched, set-based, so a page reads counts instead of the texts.
 */
@Repository
class Documents {

	private final JdbcTemplate template;

	private final JdbcClient jdbc;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	Documents(JdbcTemplate template, JdbcClient jdbc,
			org.springframework.transaction.support.TransactionTemplate transactions) {
		this.template = template;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	record Row(CustomerText text, LocalDate day, Analysis analysis) {
	}

	void upsert(WorkspaceId workspace, List<Row> rows) {
		template.execute((Connection con) -> {
			try (PreparedStatement ps = con.prepareStatement("""
					insert into text_document (workspace_id, source, source_id, account_id, written_at, day, link, body,
					    status, skip_reason, language, sentiment, score, reasons, terms, tokens, analysed_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
					on conflict (workspace_id, source, source_id) do update set account_id = excluded.account_id,
					    written_at = excluded.written_at, day = excluded.day, link = excluded.link, body = excluded.body,
					    status = excluded.status, skip_reason = excluded.skip_reason, language = excluded.language,
					    sentiment = excluded.sentiment, score = excluded.score, reasons = excluded.reasons,
					    terms = excluded.terms, tokens = excluded.tokens, analysed_at = now()""")) {
				for (Row row : rows) {
					CustomerText t = row.text();
					Analysis a = row.analysis();
					ps.setLong(1, workspace.value());
					ps.setString(2, t.source());
					ps.setString(3, t.sourceId());
					if (t.account() == null) {
						ps.setNull(4, Types.BIGINT);
					}
					else {
						ps.setLong(4, t.account().value());
					}
					ps.setTimestamp(5, Timestamp.from(t.writtenAt()));
					ps.setDate(6, Date.valueOf(row.day()));
					ps.setString(7, t.link() != null && t.link().length() <= 500 && t.link().startsWith("/") ? t.link() : null);
					ps.setString(8, a.body());
					ps.setString(9, a.status());
					ps.setString(10, a.skipReason());
					ps.setString(11, a.language());
					ps.setString(12, a.sentiment());
					if (a.score() == null) {
						ps.setNull(13, Types.REAL);
					}
					else {
						ps.setDouble(13, a.score());
					}
					ps.setArray(14, array(con, a.reasons()));
					ps.setArray(15, array(con, a.terms()));
					ps.setArray(16, array(con, a.tokens()));
					ps.addBatch();
				}
				ps.executeBatch();
			}
			return null;
		});
	}

	private static Array array(Connection con, Collection<String> values) throws SQLException {
		return con.createArrayOf("text", values.toArray());
	}

	/** Rebuilds the per-day tables for these days (all sources), from the texts. */
	void refreshDays(WorkspaceId workspace, Collection<LocalDate> days) {
		if (days.isEmpty()) {
			return;
		}
		Date[] dates = days.stream().distinct().map(Date::valueOf).toArray(Date[]::new);
		// in the caller's transaction when there is one (it sees the texts just written); one rebuild per workspace
		// at a time, or two listeners deleting and inserting the same days deadlock
		transactions.executeWithoutResult(status -> rebuildDays(workspace, dates));
	}

	private void rebuildDays(WorkspaceId workspace, Date[] dates) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('text days'), ?)").param((int) workspace.value()).query()
			.listOfRows();
		template.execute((Connection con) -> {
			Array array = con.createArrayOf("date", dates);
			long ws = workspace.value();
			for (String sql : List.of("delete from text_term_day where workspace_id = ? and day = any(?)",
					"""
							insert into text_term_day (workspace_id, term, day, source, texts, negative)
							select d.workspace_id, t.term, d.day, d.source, count(*), count(*) filter (where d.sentiment = 'negative')
							from text_document d cross join unnest(d.terms) as t(term)
							where d.workspace_id = ? and d.day = any(?)
							group by d.workspace_id, t.term, d.day, d.source
							on conflict (workspace_id, day, source, term)
							do update set texts = excluded.texts, negative = excluded.negative""",
					"delete from text_day where workspace_id = ? and day = any(?)",
					"""
							insert into text_day (workspace_id, day, source, texts)
							select workspace_id, day, source, count(*) from text_document
							where workspace_id = ? and day = any(?) and status = 'analysed'
							group by workspace_id, day, source
							on conflict (workspace_id, day, source) do update set texts = excluded.texts""",
					"delete from text_sentiment_day where workspace_id = ? and day = any(?)",
					"""
							insert into text_sentiment_day (workspace_id, account_id, day, texts, score_sum)
							select workspace_id, account_id, day, count(*), sum(score) from text_document
							where workspace_id = ? and day = any(?) and account_id is not null and score is not null
							group by workspace_id, account_id, day
							on conflict (workspace_id, account_id, day)
							do update set texts = excluded.texts, score_sum = excluded.score_sum""")) {
				try (PreparedStatement ps = con.prepareStatement(sql)) {
					ps.setLong(1, ws);
					ps.setArray(2, array);
					ps.executeUpdate();
				}
			}
			return null;
		});
	}

	List<LocalDate> daysOf(WorkspaceId workspace, String source, Collection<String> sourceIds) {
		if (sourceIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select distinct day from text_document where workspace_id = :ws and source = :source and source_id in (:ids)")
			.param("ws", workspace.value()).param("source", source).param("ids", sourceIds)
			.query(LocalDate.class).list();
	}

	static LocalDate day(java.time.Instant at, ZoneId zone) {
		return at.atZone(zone).toLocalDate();
	}
}
