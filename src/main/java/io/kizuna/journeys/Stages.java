package io.kizuna.journeys;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kizuna.accounts.AccountVocabulary;
import io.kizuna.accounts.Term;
import io.kizuna.accounts.Vocabulary;
import io.kizuna.accounts.VocabularyAdministration;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stage list (ADR 0078): codes, labels and order are the accounts module's lifecycle_stage vocabulary, changed
 * only through its facade; journeys adds which stages are retired and each stage's stall threshold. The journeys
 * defaults the vocabulary lacks (expansion, at risk) are added to it the first time a workspace's stages are read.
 */
@Component
class Stages {

	/** Journeys' defaults beyond the accounts vocabulary's, each placed before the stage named second. */
	static final List<String[]> DEFAULTS = List.of(new String[] { "expansion", "拡大", "Expansion", "renewal" },
			new String[] { "at_risk", "リスクあり", "At risk", "churned" });

	private final VocabularyAdministration vocabularies;

	private final JdbcClient jdbc;

	Stages(VocabularyAdministration vocabularies, JdbcClient jdbc) {
		this.vocabularies = vocabularies;
		this.jdbc = jdbc;
	}

	List<Stage> list(WorkspaceId workspace) {
		Vocabulary vocabulary = ensureDefaults(workspace);
		Set<String> retired = retired(workspace);
		Map<String, Integer> stall = new HashMap<>();
		jdbc.sql("select code, stall_days from journeys_stage_setting where workspace_id = ? and stall_days is not null")
			.param(workspace.value()).query((rs, n) -> stall.put(rs.getString(1), rs.getInt(2))).list();
		Map<String, Long> counts = new HashMap<>();
		jdbc.sql("select stage, count(*) from journeys_account_stage where workspace_id = ? group by stage")
			.param(workspace.value()).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
		List<Term> terms = vocabulary.terms().stream().filter(t -> !retired.contains(t.code())).toList();
		return java.util.stream.IntStream.range(0, terms.size())
			.mapToObj(i -> new Stage(terms.get(i).code(), terms.get(i).labelJa(), terms.get(i).labelEn(), i + 1,
					counts.getOrDefault(terms.get(i).code(), 0L), stall.get(terms.get(i).code())))
			.toList();
	}

	Set<String> retired(WorkspaceId workspace) {
		return new HashSet<>(jdbc.sql("select code from journeys_stage_setting where workspace_id = ? and retired_at is not null")
			.param(workspace.value()).query(String.class).list());
	}

	/** Every label the workspace ever had for a stage code, retired ones too (history shows them). */
	Map<String, Term> allTerms(WorkspaceId workspace) {
		Map<String, Term> terms = new HashMap<>();
		vocabularies.vocabulary(workspace, AccountVocabulary.LIFECYCLE_STAGE).terms().forEach(t -> terms.put(t.code(), t));
		return terms;
	}

	private Vocabulary ensureDefaults(WorkspaceId workspace) {
		Vocabulary vocabulary = vocabularies.vocabulary(workspace, AccountVocabulary.LIFECYCLE_STAGE);
		boolean seeded = jdbc.sql("select exists (select 1 from journeys_stage_setting where workspace_id = ? and code = '')")
			.param(workspace.value()).query(Boolean.class).single();
		if (seeded) {
			return vocabulary;
		}
		for (String[] d : DEFAULTS) {
			if (vocabulary.contains(d[0])) {
				continue;
			}
			try {
				vocabulary = vocabularies.add(workspace, AccountVocabulary.LIFECYCLE_STAGE, d[0], d[1], d[2]);
				int before = vocabulary.codes().indexOf(d[3]);
				for (int i = vocabulary.codes().indexOf(d[0]); before >= 0 && i > before; i--) {
					vocabulary = vocabularies.move(workspace, AccountVocabulary.LIFECYCLE_STAGE, d[0], -1);
				}
			}
			catch (ConflictException raced) {
				vocabulary = vocabularies.vocabulary(workspace, AccountVocabulary.LIFECYCLE_STAGE);
			}
		}
		// a marker row: the defaults were offered once; a stage removed later is not added again
		jdbc.sql("insert into journeys_stage_setting (workspace_id, code, retired_at) values (?, '', now()) on conflict do nothing")
			.param(workspace.value()).update();
		return vocabulary;
	}

	void setStallDays(WorkspaceId workspace, String code, Integer days) {
		jdbc.sql("""
				insert into journeys_stage_setting (workspace_id, code, stall_days) values (?, ?, ?)
				on conflict (workspace_id, code) do update set stall_days = excluded.stall_days""")
			.params(workspace.value(), code, days).update();
	}

	void retire(WorkspaceId workspace, String code) {
		jdbc.sql("""
				insert into journeys_stage_setting (workspace_id, code, retired_at) values (?, ?, now())
				on conflict (workspace_id, code) do update set retired_at = now()""")
			.params(workspace.value(), code).update();
	}

	void restore(WorkspaceId workspace, String code) {
		jdbc.sql("update journeys_stage_setting set retired_at = null where workspace_id = ? and code = ?")
			.params(workspace.value(), code).update();
	}
}
