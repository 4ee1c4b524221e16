package io.kizuna.messaging;

/**
 * A message another module wants sent (support replies, survey invitations, playbook steps).
 *
 * @param messageKey unique per message in the workspace: asking twice with the same key sends once
 * @param fromName the sender's display name (the owner's name); the address is the workspace's from address
 */
public record MailRequest(String messageKey, String toAddress, String toName, String fromName, String subject,
		String bodyText, String language, String accountExternalId) {
}
