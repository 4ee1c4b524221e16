package io.kizuna.accounts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A workspace's tiers or lifecycle stages, in the order lists show them. */
public record Vocabulary(AccountVocabulary kind, List<Term> terms) {

	public Vocabulary {
		terms = List.copyOf(terms);
	}

	public boolean contains(String code) {
		return find(code).isPresent();
	}

	public Optional<Term> find(String code) {
		return terms.stream().filter(t -> t.code().equals(code)).findFirst();
	}

	public List<String> codes() {
		return terms.stream().map(Term::code).toList();
	}

	/**
	 * The label of a code in the reader's language; null for a code the vocabulary does not have (shown as "Other
	 * (code)" by the caller's message {@code vocabulary.other}) and for no code.
	 */
	public String label(String code, Locale locale) {
		return code == null ? null : find(code).map(t -> t.label(locale)).orElse(null);
	}
}
