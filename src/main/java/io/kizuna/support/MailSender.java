package io.kizuna.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import io.kizuna.shared.SecretBox;
import org.springframework.stereotype.Component;

/**
 * Sends an agent's reply through the channel's SMTP server with the threading headers set by us: our Message-ID,
 * In-Reply-To the customer's last message, References the thread. Header values lose CR and LF first, so a subject or
 * name can never add a header.
 */
@Component
class MailSender {

	private final SecretBox secrets;

	MailSender(SecretBox secrets) {
		this.secrets = secrets;
	}

	record Outgoing(String fromName, String to, String subject, String text, String messageId, String inReplyTo,
			List<String> references) {
	}

	static String header(String value) {
		return value == null ? null : value.replaceAll("[\\r\\n\\u0000]+", " ").strip();
	}

	void send(Channels.Connection connection, Outgoing mail) throws MessagingException {
		MailChannel channel = connection.channel();
		Properties properties = new Properties();
		properties.setProperty("mail.smtp.host", channel.smtpHost());
		properties.setProperty("mail.smtp.port", Integer.toString(channel.smtpPort()));
		properties.setProperty("mail.smtp.connectiontimeout", "10000");
		properties.setProperty("mail.smtp.timeout", "20000");
		properties.setProperty("mail.smtp.writetimeout", "20000");
		boolean auth = channel.smtpUser() != null && !channel.smtpUser().isBlank();
		properties.setProperty("mail.smtp.auth", Boolean.toString(auth));
		if (channel.smtpTls()) {
			if (channel.smtpPort() == 465) {
				properties.setProperty("mail.smtp.ssl.enable", "true");
				properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
			}
			else {
				properties.setProperty("mail.smtp.starttls.enable", "true");
				properties.setProperty("mail.smtp.starttls.required", "true");
				properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
			}
		}
		Session session = Session.getInstance(properties);
		String id = mail.messageId();
		MimeMessage message = new MimeMessage(session) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", id);
			}
		};
		try {
			message.setFrom(new InternetAddress(channel.address(), header(mail.fromName()), StandardCharsets.UTF_8.name()));
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
		message.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(header(mail.to()), true));
		message.setSubject(header(mail.subject()), StandardCharsets.UTF_8.name());
		message.setText(mail.text(), StandardCharsets.UTF_8.name());
		if (mail.inReplyTo() != null) {
			message.setHeader("In-Reply-To", header(mail.inReplyTo()));
		}
		if (!mail.references().isEmpty()) {
			message.setHeader("References", header(String.join(" ", mail.references())));
		}
		message.setSentDate(new java.util.Date());
		message.saveChanges();
		String password = auth ? secrets.open(connection.smtpPasswordSealed()) : null;
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect(channel.smtpHost(), channel.smtpPort(), auth ? channel.smtpUser() : null, password);
			transport.sendMessage(message, message.getAllRecipients());
		}
	}
}
