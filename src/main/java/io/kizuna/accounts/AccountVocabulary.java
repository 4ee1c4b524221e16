package io.kizuna.accounts;

import java.util.List;

/**
 * The vocabularies a workspace defines for its accounts: tiers and lifecycle stages. Each has the defaults a new
 * workspace starts with (ja/en labels, in this order); the settings page adds, renames and reorders them (ADR 0028).
 */
public enum AccountVocabulary {

	TIER("tier", List.of(new Term("smb", "中小企業", "SMB"), new Term("mid-market", "中堅企業", "Mid-market"),
			new Term("enterprise", "大企業", "Enterprise"))),

	LIFECYCLE_STAGE("lifecycle_stage", List.of(new Term("onboarding", "オンボーディング", "Onboarding"),
			new Term("adopting", "活用定着中", "Adopting"), new Term("mature", "定着", "Mature"),
			new Term("renewal", "更新検討中", "Renewal"), new Term("churned", "解約", "Churned")));

	private final String code;

	private final List<Term> defaults;

	AccountVocabulary(String code, List<Term> defaults) {
		this.code = code;
		this.defaults = defaults;
	}

	/** The name in the database and in URLs ({@code tier}, {@code lifecycle_stage}); also the CSV column. */
	public String code() {
		return code;
	}

	List<Term> defaults() {
		return defaults;
	}

	/** @throws io.kizuna.shared.NotFoundException for a name that is no vocabulary */
	public static AccountVocabulary fromCode(String code) {
		for (AccountVocabulary vocabulary : values()) {
			if (vocabulary.code.equals(code)) {
				return vocabulary;
			}
		}
		throw new io.kizuna.shared.NotFoundException("no vocabulary " + code);
	}
}
