package io.kizuna.feedback;

import java.time.Instant;

/** One vote, with the account and contact it came from. */
public record RequestVote(long id, long requestId, long accountId, String accountExternalId, String accountName,
		String accountTier, Long contactId, String email, String name, String language, String via, Long ticketId,
		String note, String createdBy, Instant createdAt) {
}
