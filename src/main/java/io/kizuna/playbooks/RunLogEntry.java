package io.kizuna.playbooks;

import java.time.Instant;

/** One line of a playbook's run log: an evaluation, enrollments, a step batch, an error. */
public record RunLogEntry(Instant at, String kind, int accounts, String detail) {
}
