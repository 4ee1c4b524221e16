package io.kizuna.workspace.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.kizuna.shared.Formats;
import io.kizuna.workspace.AuditEntry;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Audit entries as an admin reads them: the action named ({@code audit.action.<code>}), the actor and the object in
 * words where they are codes, the detail as labelled lines ({@link AuditDetails}), the address normalised. Each module names the actions it records in its own messages; a code without a message reads
 * "Other (code)", never as if it were a word.
 */
@Component
class AuditEntries {

	private final MessageSource messages;

	private final Formats formats;

	private final AuditDetails details;

	AuditEntries(MessageSource messages, Formats formats, AuditDetails details) {
		this.messages = messages;
		this.formats = formats;
		this.details = details;
	}

	/** One row of the audit table, every cell in the reader's language. */
	record Row(String when, String whenSeconds, String actor, String action, String target,
			List<AuditDetails.Line> details, String address) {
	}

	List<Row> rows(List<AuditEntry> entries, ZoneId zone, Locale locale) {
		return entries.stream().map(entry -> row(entry, zone, locale)).toList();
	}

	/** The action as the filter lists it. */
	String action(String code, Locale locale) {
		return details.named("audit.action." + code, code, locale);
	}

	private Row row(AuditEntry entry, ZoneId zone, Locale locale) {
		return new Row(formats.dateTime(entry.occurredAt(), zone), formats.dateTimeSeconds(entry.occurredAt(), zone),
				actor(entry.actor(), locale), action(entry.action(), locale), target(entry, locale),
				details.lines(entry, zone, locale), address(entry.remoteAddress(), locale));
	}


	private String actor(String actor, Locale locale) {
		if (actor == null) {
			return "—";
		}
		if (actor.equals("system")) {
			return messages.getMessage("audit.actor.system", null, locale);
		}
		if (actor.startsWith("api-token:")) {
			return messages.getMessage("audit.actor.apiToken", new Object[] { actor.substring(10) }, locale);
		}
		return actor;
	}

	/** An object named by a code (the kind of an import) is named through the action's vocabulary, if it has one. */
	private String target(AuditEntry entry, Locale locale) {
		if (entry.target() == null) {
			return "—";
		}
		String prefix = messages.getMessage("audit.target." + entry.action(), null, "", locale);
		return prefix.isEmpty() ? entry.target() : messages.getMessage(prefix + entry.target(), null, entry.target(), locale);
	}

	/** 127.0.0.1 and ::1 are this computer; an IPv6 address in its short form (RFC 5952), not 0:0:0:0:0:0:0:1. */
	static String normalised(String address) {
		if (address == null || address.isBlank() || address.equals("null")) {
			return null;
		}
		String canonical = address.contains(":") ? org.apache.tomcat.util.net.IPv6Utils.canonize(address) : address;
		return canonical;
	}

	private String address(String address, Locale locale) {
		String canonical = normalised(address);
		if (canonical == null) {
			return "—";
		}
		if (canonical.equals("::1") || canonical.startsWith("127.") || canonical.equals("::ffff:127.0.0.1")) {
			return messages.getMessage("audit.address.thisComputer", new Object[] { canonical }, locale);
		}
		return canonical;
	}

}
