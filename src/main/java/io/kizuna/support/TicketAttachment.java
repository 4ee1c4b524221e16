package io.kizuna.support;

/** A stored attachment: served as a download with its type, never inline. {@code sha256} is hex. */
public record TicketAttachment(long id, long messageId, String fileName, String contentType, long size,
		String sha256) {
}
