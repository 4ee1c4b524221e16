package io.kizuna.health;

/**
 * One measure's part in an account's score: its raw value, its 0–100 score, its weight and its contribution, the
 * points it adds to the score. Raw, score and contribution are null when the measure had no data.
 */
public record MeasureResult(String measure, Double raw, Double score, double weight, Double contribution) {
}
