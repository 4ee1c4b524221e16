package io.kizuna.feedback;

import java.time.Instant;

/** A comment on a request. */
public record RequestComment(long id, long requestId, String author, String body, Instant createdAt) {
}
