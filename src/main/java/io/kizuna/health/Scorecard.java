package io.kizuna.health;

/** A named scorecard; {@code tier} null marks the workspace's default, used where no tier has its own. */
public record Scorecard(long id, String name, String tier, ScorecardDefinition definition) {
}
