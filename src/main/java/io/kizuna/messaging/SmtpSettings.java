package io.kizuna.messaging;

/**
 * A workspace's SMTP server as pages and the API show it: the password is never shown again, only whether one is
 * stored. {@code ratePerMinute} 0 means no limit.
 */
public record SmtpSettings(String host, int port, String security, String username, boolean passwordStored,
		String fromAddress, int ratePerMinute) {
}
