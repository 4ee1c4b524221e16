package io.kizuna.support;

/** A chat conversation was opened: its ticket and the visitor's secret token (shown once, only its hash is kept). */
public record ChatStarted(long ticketId, String token) {
}
