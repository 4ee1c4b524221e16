package io.kizuna.accounts;

import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The terms a workspace stored; a vocabulary without rows is its defaults, stored on the first change. */
@Repository
class VocabularyTerms {

	private final JdbcClient jdbc;

	VocabularyTerms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Vocabulary of(WorkspaceId workspace, AccountVocabulary kind) {
		List<Term> stored = jdbc.sql("""
				select code, label_ja, label_en from account_vocabulary_term
				where workspace_id = ? and vocabulary = ? order by position, code""")
			.params(workspace.value(), kind.code())
			.query((rs, row) -> new Term(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		return new Vocabulary(kind, stored.isEmpty() ? kind.defaults() : stored);
	}

	/** Stores the vocabulary as given, in its order (the defaults on a first change, or a new order). */
	void replace(WorkspaceId workspace, Vocabulary vocabulary) {
		jdbc.sql("delete from account_vocabulary_term where workspace_id = ? and vocabulary = ?")
			.params(workspace.value(), vocabulary.kind().code())
			.update();
		int position = 1;
		for (Term term : vocabulary.terms()) {
			jdbc.sql("""
					insert into account_vocabulary_term (workspace_id, vocabulary, code, label_ja, label_en, position)
					values (?, ?, ?, ?, ?, ?)""")
				.params(workspace.value(), vocabulary.kind().code(), term.code(), term.labelJa(), term.labelEn(),
						position++)
				.update();
		}
	}
}
