package io.kizuna.text;

import java.time.Instant;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/**
 * One text a customer (or a CSM about a customer) wrote, as its owning module hands it to text analytics: a ticket
 * message, a survey comment, a review, a feature request, an account note.
 *
 * @param source the kind of text, e.g. {@code ticket}; message key {@code text.source.<source>}
 * @param sourceId the owner's id of the text within its source, unique per workspace and source
 * @param account the account it is about, or null when unknown
 * @param link the in-app path that shows the text, e.g. {@code /support/tickets/12}
 */
public record CustomerText(WorkspaceId workspace, String source, String sourceId, AccountId account, String text,
		Instant writtenAt, String link) {
}
