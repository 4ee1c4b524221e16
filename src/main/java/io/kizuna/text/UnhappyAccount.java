package io.kizuna.text;

/**
 * An account whose customers sounded negative on average over a period: its texts then, their mean sentiment, the
 * mean over the period's baseline (null when it wrote nothing then) and its ARR.
 */
public record UnhappyAccount(String externalId, String name, long texts, double meanScore, Double meanBefore,
		long arrMinor, String currency) {

	/** Whether the tone is worse than before (by more than a tenth of the scale). */
	public boolean worse() {
		return meanBefore != null && meanScore < meanBefore - 0.1;
	}
}
