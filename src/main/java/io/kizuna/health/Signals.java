package io.kizuna.health;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class Signals {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final JdbcTemplate batch;

	Signals(JdbcClient jdbc, JsonMapper json, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.json = json;
		this.batch = batch;
	}

	/**
	 * Opens the signals that hold and are not open yet, refreshes the evidence of those still open, and resolves
	 * the open ones that no longer hold.
	 */
	Changes reconcile(WorkspaceId workspace, LocalDate day, List<DetectedSignal> detected) {
		Map<String, Long> open = new HashMap<>();
		jdbc.sql("select account_id, kind, signal_id from health_signal where workspace_id = ? and resolved_on is null")
			.param(workspace.value())
			.query(rs -> {
				open.put(rs.getLong(1) + "|" + rs.getString(2), rs.getLong(3));
			});
		List<DetectedSignal> raised = new ArrayList<>();
		Set<String> holding = new HashSet<>();
		List<Object[]> insert = new ArrayList<>();
		List<Object[]> refresh = new ArrayList<>();
		for (DetectedSignal signal : detected) {
			String key = signal.accountId() + "|" + signal.kind().code();
			holding.add(key);
			String evidence = json.writeValueAsString(signal.evidence());
			if (open.containsKey(key)) {
				refresh.add(new Object[] { open.get(key), signal.severity(), evidence });
			}
			else {
				raised.add(signal);
				insert.add(new Object[] { workspace.value(), signal.accountId(), signal.kind().code(), signal.severity(),
						evidence, Date.valueOf(day) });
			}
		}
		batch.batchUpdate("""
				insert into health_signal (workspace_id, account_id, kind, severity, evidence, detected_on)
				values (?, ?, ?, ?, ?::jsonb, ?)""", insert);
		refresh(workspace, refresh);
		List<ResolvedSignal> resolvedSignals = new ArrayList<>();
		open.forEach((key, id) -> {
			if (!holding.contains(key)) {
				jdbc.sql("update health_signal set resolved_on = ? where workspace_id = ? and signal_id = ?")
					.params(Date.valueOf(day), workspace.value(), id)
					.update();
				int bar = key.indexOf('|');
				resolvedSignals.add(new ResolvedSignal(Long.parseLong(key.substring(0, bar)),
						SignalKind.fromCode(key.substring(bar + 1))));
			}
		});
		return new Changes(raised, resolvedSignals);
	}

	/** One statement for all still-open signals: severity and evidence as of today, only where they changed. */
	private void refresh(WorkspaceId workspace, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		long[] ids = new long[rows.size()];
		String[] severities = new String[rows.size()];
		String[] evidence = new String[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			ids[i] = (Long) rows.get(i)[0];
			severities[i] = (String) rows.get(i)[1];
			evidence[i] = (String) rows.get(i)[2];
		}
		jdbc.sql("""
				update health_signal s set severity = v.severity, evidence = v.evidence::jsonb
				from unnest(?::bigint[], ?::text[], ?::text[]) as v(id, severity, evidence)
				where s.workspace_id = ? and s.signal_id = v.id
				  and (s.severity <> v.severity or s.evidence <> v.evidence::jsonb)""")
			.params(ids, severities, evidence, workspace.value())
			.update();
	}

	List<HealthSignal> of(WorkspaceId workspace, long accountId, String accountExternalId, boolean openOnly) {
		return jdbc.sql("""
				select signal_id, kind, severity, evidence, detected_on, resolved_on from health_signal
				where workspace_id = ? and account_id = ? and (resolved_on is null or not ?)
				order by resolved_on nulls first, detected_on desc""")
			.params(workspace.value(), accountId, openOnly)
			.query((rs, row) -> new HealthSignal(rs.getLong(1), accountExternalId, SignalKind.fromCode(rs.getString(2)),
					rs.getString(3), json.readValue(rs.getString(4), MAP), rs.getDate(5).toLocalDate(),
					rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate(), null))
			.list();
	}

	record ResolvedSignal(long accountId, SignalKind kind) {
	}

	record Changes(List<DetectedSignal> raised, List<ResolvedSignal> resolved) {
	}
}
