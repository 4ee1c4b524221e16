package io.kizuna.support.mail;

import java.time.Instant;
import java.util.List;

/**
 * One inbound message as the desk stores it: threading headers, decoded sender, subject and bodies, its attachments
 * (already checksummed) and every problem met while reading it. {@code automatic} is {@code auto_reply} or
 * {@code bounce} for machine mail that must never be answered, else null.
 */
public record ParsedMail(String messageId, String inReplyTo, List<String> references, String subject,
		String fromAddress, String fromName, List<String> to, Instant sentAt, String text, String html,
		List<ParsedAttachment> attachments, String automatic, List<String> problems) {

	public ParsedMail {
		references = List.copyOf(references);
		to = List.copyOf(to);
		attachments = List.copyOf(attachments);
		problems = List.copyOf(problems);
	}

	/** An attachment read in full up to the limit; {@code content} is null when it was over the limit. */
	public record ParsedAttachment(String fileName, String contentType, long size, byte[] sha256, byte[] content) {
	}
}
