package io.kizuna.journeys;

import java.util.Locale;

/**
 * One lifecycle stage of a workspace, in list order: its code and labels (the accounts module's vocabulary, ADR 0078),
 * how many accounts are in it now and the days after which an account in it counts as stalled (null: the stage's
 * 75th percentile of time spent in it).
 */
public record Stage(String code, String labelJa, String labelEn, int position, long accounts, Integer stallDays) {

	public String label(Locale locale) {
		return locale != null && "ja".equals(locale.getLanguage()) ? labelJa : labelEn;
	}
}
