package io.kizuna.usage;

import java.time.Instant;

/** A Segment call refused as invalid: nothing of it was stored. */
public record RejectedCall(Instant receivedAt, Long writeKeyId, String endpoint, String reason, String bodySample) {
}
