package io.kizuna.support;

import java.time.Instant;

/** One ticket's SLA clock that reached its warning or its due time: which clock ({@code first_response},
 * {@code next_response}, {@code resolution}), under which policy, due when. */
public record SlaAlert(long ticketId, Long accountId, String policyKey, String metric, Instant dueAt) {
}
