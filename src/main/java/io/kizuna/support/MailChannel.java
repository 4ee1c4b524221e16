package io.kizuna.support;

import java.time.Instant;

/**
 * A connected mailbox as pages and the API show it: never its passwords. {@code failures} counts the fetches failed
 * in a row (the next one waits longer each time); {@code lastError} says why, in words without secrets.
 */
public record MailChannel(long id, String name, String address, String imapHost, int imapPort, String imapUser,
		boolean imapTls, String smtpHost, int smtpPort, String smtpUser, boolean smtpTls, boolean enabled,
		int failures, Instant lastFetchAt, Instant lastSuccessAt, String lastError, Instant nextFetchAt,
		long fetchedTotal) {
}
