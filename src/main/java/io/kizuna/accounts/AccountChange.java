package io.kizuna.accounts;

import java.time.Instant;

/**
 * A change someone made to an account on its 360 page, as its timeline shows it.
 *
 * @param kind {@code owner}, {@code tier}, {@code stage}, {@code attribute_set}, {@code attribute_removed},
 * {@code note_edited}, {@code note_deleted} or {@code contact_role}
 * @param subject what inside the account changed: the attribute key, the contact's name, the note's id
 * @param oldValue the value before (an owner's name, a role code, a note's first words), or null
 * @param newValue the value after, or null
 */
public record AccountChange(long id, Instant occurredAt, String actor, String kind, String subject, String oldValue,
		String newValue) {
}
