package io.kizuna.support;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a ticket's conversation. {@code kind}: customer (inbound mail, REST, phone), agent (a reply sent to the
 * customer), note (internal), call (a logged phone call), system. Only a signed-in agent or an API token writes agent
 * messages and notes; mail never does, whatever its From says.
 */
public record TicketMessage(long id, long ticketId, String kind, Long authorUserId, String fromAddress,
		String fromName, List<String> to, String subject, String bodyText, String bodyHtml, String mailMessageId,
		Long rawId, String automatic, List<String> problems, String callDirection, Integer callSeconds,
		String delivery, String deliveryError, Instant createdAt) {

	public TicketMessage {
		to = List.copyOf(to);
		problems = List.copyOf(problems);
	}
}
