package io.kizuna.health;

import java.util.List;

/** What a workspace counts as key features (event names) and where its signals trip. */
public record HealthSettings(List<String> keyFeatures, SignalThresholds thresholds) {
}
