package io.kizuna.feedback;

/**
 * A vote: by a contact (through the portal, or logged for them) or by an account as a whole (a CSM on its behalf).
 *
 * @param accountExternalId the account voting; may be null when the contact's account is meant
 * @param contactExternalId the contact voting, null for the account as a whole
 * @param language the voter's language for the "shipped" mail ({@code ja} or {@code en}), null: the workspace's
 * @param via where it was logged: portal, account, ticket, note, api, import
 * @param note what the customer said, kept with the vote
 */
public record VoteDraft(String accountExternalId, String contactExternalId, String language, String via,
		Long ticketId, String note) {
}
