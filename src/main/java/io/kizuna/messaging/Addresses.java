package io.kizuna.messaging;

import java.util.Locale;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Email addresses and header text: strict RFC 822 parsing (Jakarta Mail), and no line breaks in any header. */
final class Addresses {

	private Addresses() {
	}

	/** The address, lower-cased, if it is one bare address (no name, no list, with a domain); null otherwise. */
	static String normalize(String text) {
		if (text == null || text.isBlank() || text.length() > 254 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
			return null;
		}
		try {
			InternetAddress[] parsed = InternetAddress.parse(text.strip(), true);
			if (parsed.length != 1) {
				return null;
			}
			InternetAddress address = parsed[0];
			address.validate();
			String value = address.getAddress();
			if (address.getPersonal() != null || !value.equals(text.strip()) || value.indexOf('@') < 1
					|| value.substring(value.indexOf('@') + 1).indexOf('.') < 1) {
				return null;
			}
			return value.toLowerCase(Locale.ROOT);
		}
		catch (AddressException ex) {
			return null;
		}
	}

	/** Header text (subject, display name) with every CR, LF and other control character made a space. */
	static String headerText(String text, int max) {
		if (text == null) {
			return "";
		}
		String flat = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]+", " ").strip();
		return flat.length() > max ? flat.substring(0, max) : flat;
	}
}
