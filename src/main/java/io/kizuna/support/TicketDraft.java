package io.kizuna.support;

import java.util.List;

/**
 * A ticket created by an agent or through REST. {@code channel}: api, phone, web or import; the requester is found or
 * created as a contact by e-mail; {@code accountExternalId} wins over the account the address suggests.
 */
public record TicketDraft(String subject, String body, String requesterEmail, String requesterName,
		String accountExternalId, String priority, String type, List<String> tags, String channel) {

	public TicketDraft {
		tags = tags == null ? List.of() : List.copyOf(tags);
	}
}
