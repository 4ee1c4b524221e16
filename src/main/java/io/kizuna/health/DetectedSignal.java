package io.kizuna.health;

import java.util.Map;

/** A signal's condition holds for an account, with the numbers that show it. */
record DetectedSignal(long accountId, SignalKind kind, String severity, Map<String, Object> evidence) {
}
