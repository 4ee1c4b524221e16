package io.kizuna.messaging;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * Builds and sends messages over one SMTP connection per batch (Spring's JavaMailSenderImpl over Jakarta Mail):
 * UTF-8 text and HTML parts, the From name and Subject as RFC 2047 encoded words, a Message-ID made from the message
 * key (so a receiver can tell a resend after a crash from a new message), and List-Unsubscribe headers.
 */
final class SmtpTransport {

	/** A message ready to go, and its outcome per message after {@link #send}. */
	record Outgoing(MailStore.Claimed message, String fromAddress, String unsubscribeUrl) {
	}

	private final JavaMailSenderImpl sender = new JavaMailSenderImpl();

	SmtpTransport(MailStore.StoredSmtp smtp, String password) {
		sender.setHost(smtp.host());
		sender.setPort(smtp.port());
		sender.setDefaultEncoding("UTF-8");
		if (smtp.username() != null && !smtp.username().isBlank()) {
			sender.setUsername(smtp.username());
			sender.setPassword(password);
		}
		Properties properties = new Properties();
		boolean auth = smtp.username() != null && !smtp.username().isBlank();
		properties.put("mail.smtp.auth", Boolean.toString(auth));
		properties.put("mail.smtp.connectiontimeout", "10000");
		properties.put("mail.smtp.timeout", "20000");
		properties.put("mail.smtp.writetimeout", "20000");
		if (smtp.security().equals("starttls")) {
			properties.put("mail.smtp.starttls.enable", "true");
			properties.put("mail.smtp.starttls.required", "true");
		}
		else if (smtp.security().equals("ssl")) {
			sender.setProtocol("smtps");
			properties.put("mail.smtps.auth", Boolean.toString(auth));
			properties.put("mail.smtps.connectiontimeout", "10000");
			properties.put("mail.smtps.timeout", "20000");
			properties.put("mail.smtp.ssl.checkserveridentity", "true");
		}
		sender.setJavaMailProperties(properties);
	}

	/**
	 * Sends the batch over one connection; returns the error for each message that failed (null where it was sent).
	 * A connection failure fails them all.
	 */
	List<String> send(List<Outgoing> batch) {
		List<MimeMessage> messages = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		List<Integer> built = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			errors.add(null);
			try {
				messages.add(build(batch.get(i)));
				built.add(i);
			}
			catch (MessagingException | UnsupportedEncodingException ex) {
				errors.set(i, "invalid message: " + ex.getMessage());
			}
		}
		if (messages.isEmpty()) {
			return errors;
		}
		try {
			sender.send(messages.toArray(MimeMessage[]::new));
		}
		catch (MailSendException ex) {
			for (int k = 0; k < messages.size(); k++) {
				Exception failure = ex.getFailedMessages().get(messages.get(k));
				if (failure != null) {
					String bounce = bounce(failure);
					errors.set(built.get(k), bounce != null ? bounce : describe(failure));
				}
			}
			if (ex.getFailedMessages().isEmpty()) {
				built.forEach(i -> errors.set(i, describe(ex)));
			}
		}
		catch (MailException ex) {
			built.forEach(i -> errors.set(i, describe(ex)));
		}
		return errors;
	}

	private MimeMessage build(Outgoing outgoing) throws MessagingException, UnsupportedEncodingException {
		MailStore.Claimed m = outgoing.message();
		String messageId = "<" + m.workspace() + "." + Integer.toHexString(m.messageKey().hashCode()) + "." + m.id()
				+ "@" + outgoing.fromAddress().substring(outgoing.fromAddress().indexOf('@') + 1) + ">";
		MimeMessage message = new MimeMessage(sender.getSession()) {

			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", messageId);
			}
		};
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(new InternetAddress(outgoing.fromAddress(), Addresses.headerText(m.fromName(), 200), "UTF-8"));
		helper.setTo(new InternetAddress(m.toAddress(),
				m.toName() == null || m.toName().isBlank() ? null : Addresses.headerText(m.toName(), 200), "UTF-8"));
		helper.setSubject(Addresses.headerText(m.subject(), 300));
		helper.setText(m.bodyText(), m.bodyHtml());
		if (outgoing.unsubscribeUrl() != null) {
			message.setHeader("List-Unsubscribe", "<" + outgoing.unsubscribeUrl() + ">");
			message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
		}
		message.setHeader("X-Kizuna-Message-Key",
				jakarta.mail.internet.MimeUtility.encodeText(Addresses.headerText(m.messageKey(), 300), "UTF-8", "B"));
		return message;
	}

	/** The prefix of an error that is a bounce: the server refused the recipient for good. */
	static final String BOUNCED = "bounced: ";

	/**
	 * A recipient refused with a permanent (5xx) reply to RCPT TO, e.g. {@code 550 5.1.1 unknown user}, as the
	 * error to record, or null when the failure is anything else (a 4xx, a refused sender, a broken connection):
	 * those are retried, a bounce never is.
	 */
	static String bounce(Throwable ex) {
		java.util.Set<Throwable> seen = new java.util.HashSet<>();
		java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(List.of(ex));
		while (!todo.isEmpty()) {
			Throwable t = todo.pop();
			if (!seen.add(t)) {
				continue;
			}
			// Angus Mail's SMTPAddressFailedException (a runtime dependency) carries the reply to RCPT TO as its message
			if (t instanceof jakarta.mail.SendFailedException refused
					&& refused.getClass().getSimpleName().equals("SMTPAddressFailedException")
					&& refused.getMessage() != null && refused.getMessage().strip().matches("(?s)5\\d\\d[ -].*")) {
				return Addresses.headerText(BOUNCED + refused.getMessage().strip(), 500);
			}
			if (t instanceof MessagingException m && m.getNextException() != null) {
				todo.push(m.getNextException());
			}
			if (t.getCause() != null) {
				todo.push(t.getCause());
			}
		}
		return null;
	}

	static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		return Addresses.headerText(text, 500);
	}
}
