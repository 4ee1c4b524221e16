package io.kizuna.support;

/**
 * What a visitor sent through the public web form. {@code website} is the honeypot: a field people never see and bots
 * fill in. {@code session} is the visit's id (the one its article suggestions were searched with) and {@code visitor}
 * the browser's ({@link io.kizuna.shared.PublicVisit}), each null if unknown.
 */
public record FormSubmission(String name, String email, String subject, String body, String website, String session,
		String visitor) {

	public FormSubmission(String name, String email, String subject, String body, String website, String session) {
		this(name, email, subject, body, website, session, null);
	}
}
