package io.kizuna.health;

/** One measure of a scorecard with its weight (≥ 0) and scoring rule. */
public record WeightedMeasure(String measure, double weight, ScoringRule rule) {
}
