package io.kizuna.support;

import java.time.Instant;

/** One line of a chat as both sides see it: {@code from} visitor, agent or system (e.g. the CSAT question). */
public record ChatLine(long id, String from, String name, String text, Instant at) {
}
