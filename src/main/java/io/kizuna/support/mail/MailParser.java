package io.kizuna.support.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;

/**
 * Reads a raw RFC 822 message with Jakarta Mail and explicit charset handling (ADR 0092). Never throws on a message:
 * what cannot be read soundly is skipped and named in {@link ParsedMail#problems()}, so the same message never
 * fails twice in a fetch loop.
 */
public final class MailParser {

	public static final int MAX_DEPTH = 20;

	public static final int MAX_RECIPIENTS = 100;

	public static final int MAX_SUBJECT = 1000;

	public static final int MAX_TEXT = 1_000_000;

	public static final int MAX_PARTS = 500;

	private static final Session SESSION;

	static {
		Properties properties = new Properties();
		properties.setProperty("mail.mime.address.strict", "false");
		properties.setProperty("mail.mime.decodetext.strict", "false");
		properties.setProperty("mail.mime.decodefilename", "false");
		properties.setProperty("mail.mime.decodeparameters", "true");
		properties.setProperty("mail.mime.parameters.strict", "false");
		properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
		properties.setProperty("mail.mime.multipart.allowempty", "true");
		properties.setProperty("mail.mime.base64.ignoreerrors", "true");
		SESSION = Session.getInstance(properties);
	}

	private static final Pattern ENCODED_WORD_CHARSET = Pattern.compile("=\\?([^?*\\s]+)(\\*[^?]*)?\\?([bBqQ])\\?");

	private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,900}>");

	private final long attachmentLimit;

	public MailParser(long attachmentLimit) {
		this.attachmentLimit = attachmentLimit;
	}

	public ParsedMail parse(byte[] raw) {
		List<String> problems = new ArrayList<>();
		MimeMessage message;
		try {
			message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
		}
		catch (MessagingException | RuntimeException ex) {
			problems.add("unreadable_message");
			String text = MailCharsets.decode(raw, null).text();
			return new ParsedMail(null, null, List.of(), "", null, null, List.of(), null, clean(text, MAX_TEXT, problems),
					null, List.of(), null, problems);
		}
		String messageId = firstId(header(message, "Message-ID"));
		String inReplyTo = firstId(header(message, "In-Reply-To"));
		List<String> references = ids(header(message, "References"));
		String subject = clean(decodeHeader(rawHeader(message, "Subject"), problems), MAX_SUBJECT, problems);
		Sender sender = sender(message, problems);
		List<String> to = recipients(message, problems);
		Instant sentAt = null;
		try {
			sentAt = message.getSentDate() == null ? null : message.getSentDate().toInstant();
		}
		catch (MessagingException ex) {
			problems.add("bad_date");
		}
		Body body = new Body();
		walk(message, 0, body, problems);
		String automatic = automatic(message, body, sender.address());
		return new ParsedMail(messageId, inReplyTo, references, subject, sender.address(), sender.name(), to, sentAt,
				clean(body.text.toString(), MAX_TEXT, problems),
				body.html == null ? null : clean(body.html, MAX_TEXT, problems), body.attachments, automatic,
				List.copyOf(new LinkedHashSet<>(problems)));
	}

	record Sender(String address, String name) {
	}

	static final class Body {

		final StringBuilder text = new StringBuilder();

		String html;

		boolean report;

		int parts;

		final List<ParsedMail.ParsedAttachment> attachments = new ArrayList<>();
	}

	private void walk(Part part, int depth, Body body, List<String> problems) {
		if (++body.parts > MAX_PARTS) {
			problems.add("too_many_parts");
			return;
		}
		try {
			String type = contentType(part, problems);
			if (type.startsWith("multipart/")) {
				if (depth >= MAX_DEPTH) {
					problems.add("nesting_too_deep");
					return;
				}
				try {
					if (new ContentType(part.getContentType()).getParameter("boundary") == null) {
						// Jakarta Mail finds the boundary from the first delimiter line; the message is still noted
						problems.add("missing_boundary");
					}
				}
				catch (MessagingException ex) {
					problems.add("bad_content_type");
				}
				if (type.startsWith("multipart/report")) {
					body.report = true;
				}
				Multipart multipart;
				try {
					Object content = part.getContent();
					if (!(content instanceof Multipart m)) {
						problems.add("missing_boundary");
						text(part, body, null, problems);
						return;
					}
					multipart = m;
					int count = multipart.getCount();
					for (int i = 0; i < count; i++) {
						BodyPart child = multipart.getBodyPart(i);
						walk(child, depth + 1, body, problems);
					}
				}
				catch (MessagingException ex) {
					problems.add("missing_boundary");
					rawText(part, body, problems);
				}
				return;
			}
			String disposition = null;
			try {
				disposition = part.getDisposition();
			}
			catch (MessagingException ex) {
				problems.add("bad_disposition");
			}
			String fileName = fileName(part, problems);
			boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null
					|| !(type.startsWith("text/plain") || type.startsWith("text/html"));
			if (type.startsWith("message/delivery-status")) {
				body.report = true;
			}
			if (!attachment) {
				text(part, body, type, problems);
			}
			else {
				attachment(part, type, fileName, body, problems);
			}
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			problems.add("unreadable_part");
		}
	}

	private void text(Part part, Body body, String type, List<String> problems) throws MessagingException, IOException {
		String charset = null;
		try {
			charset = new ContentType(part.getContentType()).getParameter("charset");
		}
		catch (MessagingException | NullPointerException ex) {
			// no or broken Content-Type: read as undeclared
		}
		byte[] bytes = read(part.getInputStream(), MAX_TEXT * 4L, problems);
		MailCharsets.Decoded decoded = MailCharsets.decode(bytes, charset);
		if (decoded.problem() != null) {
			for (String p : decoded.problem().split(",")) {
				problems.add(p);
			}
		}
		if (type != null && type.startsWith("text/html")) {
			if (body.html == null) {
				body.html = decoded.text();
			}
			return;
		}
		if (!body.text.isEmpty()) {
			body.text.append("\n\n");
		}
		body.text.append(decoded.text());
	}

	private void rawText(Part part, Body body, List<String> problems) {
		try (InputStream in = part.getInputStream()) {
			byte[] bytes = read(in, MAX_TEXT * 4L, problems);
			body.text.append(MailCharsets.decode(bytes, null).text());
		}
		catch (IOException | MessagingException | RuntimeException ex) {
			problems.add("unreadable_part");
		}
	}

	private void attachment(Part part, String type, String fileName, Body body, List<String> problems)
			throws MessagingException, IOException {
		MessageDigest sha;
		try {
			sha = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		ByteArrayOutputStream kept = new ByteArrayOutputStream();
		long size = 0;
		boolean over = false;
		try (InputStream in = new DigestInputStream(part.getInputStream(), sha)) {
			byte[] buffer = new byte[64 * 1024];
			int n;
			while ((n = in.read(buffer)) > 0) {
				size += n;
				if (size <= attachmentLimit) {
					kept.write(buffer, 0, n);
				}
				else {
					over = true;
				}
			}
		}
		if (over) {
			problems.add("attachment_too_large");
		}
		String name = fileName == null ? "attachment" : fileName;
		body.attachments.add(new ParsedMail.ParsedAttachment(safeFileName(name), safeType(type), size, sha.digest(),
				over ? null : kept.toByteArray()));
	}

	private static byte[] read(InputStream in, long limit, List<String> problems) throws IOException {
		try (in) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[16 * 1024];
			int n;
			long total = 0;
			while ((n = in.read(buffer)) > 0) {
				total += n;
				if (total > limit) {
					problems.add("text_too_long");
					break;
				}
				out.write(buffer, 0, n);
			}
			return out.toByteArray();
		}
	}

	private static String contentType(Part part, List<String> problems) throws MessagingException {
		String value = part.getContentType();
		if (value == null) {
			return "text/plain";
		}
		try {
			return new ContentType(value).getBaseType().toLowerCase(Locale.ROOT);
		}
		catch (MessagingException ex) {
			problems.add("bad_content_type");
			return "application/octet-stream";
		}
	}

	private static String fileName(Part part, List<String> problems) {
		try {
			String name = part.getFileName();
			if (name == null) {
				String[] ct = part.getHeader("Content-Type");
				if (ct != null) {
					ParameterList params = new ContentType(ct[0]).getParameterList();
					name = params == null ? null : params.get("name");
				}
			}
			if (name == null) {
				return null;
			}
			return decodeHeader(name, problems);
		}
		catch (MessagingException | RuntimeException ex) {
			problems.add("bad_file_name");
			return null;
		}
	}

	static String safeFileName(String name) {
		String cleaned = name.replaceAll("[\\p{Cntrl}/\\\\]", "_").strip();
		if (cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..")) {
			cleaned = "attachment";
		}
		return cleaned.length() > 200 ? cleaned.substring(0, 200) : cleaned;
	}

	static String safeType(String type) {
		return type.matches("[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}") ? type
				: "application/octet-stream";
	}

	/** A header's raw value (unfolded), as the bytes Jakarta Mail read them (ISO-8859-1). */
	private static String rawHeader(MimeMessage message, String name) {
		try {
			String value = message.getHeader(name, null);
			return value == null ? null : MimeUtility.unfold(value);
		}
		catch (MessagingException ex) {
			return null;
		}
	}

	private static String header(MimeMessage message, String name) {
		String value = rawHeader(message, name);
		return value == null || value.length() > 100_000 ? null : value;
	}

	/**
	 * Decodes a header: 8-bit or raw JIS bytes by detection, RFC 2047 words with the Japanese labels mapped to their
	 * Windows supersets.
	 */
	public static String decodeHeader(String raw, List<String> problems) {
		if (raw == null) {
			return "";
		}
		String value = raw;
		byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
		boolean representable = StandardCharsets.ISO_8859_1.newEncoder().canEncode(value);
		if (representable && (!MailCharsets.ascii(bytes) || MailCharsets.hasJisEscapes(bytes))) {
			MailCharsets.Decoded decoded = MailCharsets.decode(bytes, null);
			if (!MailCharsets.hasJisEscapes(bytes)) {
				problems.add("undeclared_8bit_header");
			}
			value = decoded.text();
		}
		Matcher m = ENCODED_WORD_CHARSET.matcher(value);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			java.nio.charset.Charset charset = MailCharsets.forLabel(m.group(1));
			String label = charset == null ? m.group(1) : charset.name();
			m.appendReplacement(out, Matcher.quoteReplacement("=?" + label + "?" + m.group(3) + "?"));
		}
		m.appendTail(out);
		try {
			return MimeUtility.decodeText(out.toString());
		}
		catch (java.io.UnsupportedEncodingException | RuntimeException ex) {
			problems.add("bad_encoded_word");
			return out.toString();
		}
	}

	private static Sender sender(MimeMessage message, List<String> problems) {
		String raw = rawHeader(message, "From");
		if (raw == null) {
			problems.add("no_sender");
			return new Sender(null, null);
		}
		try {
			InternetAddress[] parsed = InternetAddress.parseHeader(raw, false);
			if (parsed.length == 0 || parsed[0].getAddress() == null) {
				problems.add("no_sender");
				return new Sender(null, null);
			}
			String address = parsed[0].getAddress().toLowerCase(Locale.ROOT);
			if (address.length() > 320 || !address.contains("@")) {
				problems.add("bad_sender");
				return new Sender(null, null);
			}
			String personal = parsed[0].getPersonal();
			String name = null;
			if (personal != null) {
				// re-read the raw display name through the header decoder (Windows supersets, 8-bit)
				String rawPersonal = raw.contains("<") ? raw.substring(0, raw.lastIndexOf('<')).strip() : null;
				name = rawPersonal == null || rawPersonal.isEmpty() ? personal
						: decodeHeader(unquote(rawPersonal), problems);
				name = clean(name, 300, problems);
			}
			return new Sender(clean(address, 320, problems), name == null || name.isBlank() ? null : name);
		}
		catch (AddressException ex) {
			problems.add("bad_sender");
			return new Sender(null, null);
		}
	}

	private static String unquote(String s) {
		if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
			return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
		}
		return s;
	}

	private static List<String> recipients(MimeMessage message, List<String> problems) {
		List<String> out = new ArrayList<>();
		for (String name : List.of("To", "Cc")) {
			String raw = rawHeader(message, name);
			if (raw == null) {
				continue;
			}
			try {
				for (InternetAddress address : InternetAddress.parseHeader(raw, false)) {
					if (out.size() >= MAX_RECIPIENTS) {
						problems.add("too_many_recipients");
						return out;
					}
					if (address.getAddress() != null && address.getAddress().length() <= 320) {
						out.add(address.getAddress().toLowerCase(Locale.ROOT));
					}
				}
			}
			catch (AddressException ex) {
				problems.add("bad_recipients");
			}
		}
		return out;
	}

	private static String automatic(MimeMessage message, Body body, String from) {
		if (body.report || (from != null && (from.startsWith("mailer-daemon@") || from.startsWith("postmaster@")))) {
			return "bounce";
		}
		String auto = rawHeader(message, "Auto-Submitted");
		if (auto != null && !auto.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
			return "auto_reply";
		}
		String precedence = rawHeader(message, "Precedence");
		if (precedence != null
				&& Set.of("bulk", "junk", "list", "auto_reply").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
			return "auto_reply";
		}
		for (String name : List.of("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress-Reply")) {
			if (rawHeader(message, name) != null) {
				return "auto_reply";
			}
		}
		String suppress = rawHeader(message, "X-Auto-Response-Suppress");
		if (suppress != null && suppress.toLowerCase(Locale.ROOT).contains("all")) {
			return "auto_reply";
		}
		return null;
	}

	static String firstId(String value) {
		List<String> all = ids(value);
		return all.isEmpty() ? null : all.get(0);
	}

	static List<String> ids(String value) {
		if (value == null) {
			return List.of();
		}
		List<String> out = new ArrayList<>();
		Matcher m = MESSAGE_ID.matcher(value);
		while (m.find() && out.size() < 50) {
			out.add(m.group());
		}
		return out;
	}

	/** NUL and other control bytes PostgreSQL or a page cannot hold are dropped, long text cut, both noted. */
	static String clean(String value, int max, List<String> problems) {
		if (value == null) {
			return null;
		}
		String cleaned = value;
		if (cleaned.indexOf('\u0000') >= 0) {
			problems.add("nul_bytes");
			cleaned = cleaned.replace("\u0000", "");
		}
		if (cleaned.length() > max) {
			problems.add("text_too_long");
			cleaned = cleaned.substring(0, max);
		}
		return cleaned;
	}
}
