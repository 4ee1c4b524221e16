package io.kizuna.text;

/**
 * A term of the period: its texts in the period and in the baseline, how many of the period's were negative, how
 * unusual it is (Dunning's log-likelihood G² against the baseline, 0 when it is not above it) and its trend.
 *
 * @param trend {@code up}, {@code down} or {@code flat}: its share of texts against the baseline's
 */
public record TermRow(String term, long texts, long baselineTexts, long negative, double unusual, String trend) {
}
