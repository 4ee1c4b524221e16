package io.kizuna.workspace.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.kizuna.shared.Formats;
import io.kizuna.workspace.AuditEntry;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit entry's detail (its JSON) as labelled lines: {@code audit.field.<key>} names a key, a value goes through
 * {@code audit.value.<key>.<value>} or the vocabulary {@code <key>.<value>} (such as {@code role.csm}), a
 * {@code from}/{@code to} pair shows only what changed as "before → after" (lists as added and removed), dates and
 * moments in the workspace's style. A key without a message reads "Other (key)".
 */
@Component
class AuditDetails {

	private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");

	private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private final MessageSource messages;

	private final Formats formats;

	private final JsonMapper json;

	AuditDetails(MessageSource messages, Formats formats, JsonMapper json) {
		this.messages = messages;
		this.formats = formats;
		this.json = json;
	}

	/**
	 * A labelled value of the detail; the label is empty where the action already says what changed. {@code data}
	 * when (part of) the value is the user's own text shown as it is (an e-mail address, an event name), so the page
	 * marks it translate="no".
	 */
	record Line(String label, String value, boolean data) {

		Line(String label, String value) {
			this(label, value, false);
		}
	}

	List<Line> lines(AuditEntry entry, ZoneId zone, Locale locale) {
		return details(new Context(entry, zone, locale));
	}

	/** A code's message, or "Other (code)" when it has none. */
	String named(String messageKey, String code, Locale locale) {
		try {
			return messages.getMessage(messageKey, null, locale);
		}
		catch (NoSuchMessageException unknown) {
			return messages.getMessage("audit.other", new Object[] { code }, locale);
		}
	}

	/**
	 * What an entry is read with: the reader's language and the workspace's clock; and whether the value being
	 * formatted showed some of the user's own text as it is.
	 */
	private static final class Context {

		final AuditEntry entry;

		final ZoneId zone;

		final Locale locale;

		boolean data;

		Context(AuditEntry entry, ZoneId zone, Locale locale) {
			this.entry = entry;
			this.zone = zone;
			this.locale = locale;
		}

		AuditEntry entry() {
			return entry;
		}

		Locale locale() {
			return locale;
		}

		/** A line whose value was just formatted, marked as data if any of it was shown as it is. */
		Line line(String label, String value) {
			Line line = new Line(label, value, data);
			data = false;
			return line;
		}
	}

	private List<Line> details(Context context) {
		JsonNode detail;
		try {
			detail = context.entry().detail() == null ? null : json.readTree(context.entry().detail());
		}
		catch (RuntimeException unreadable) {
			return List.of(new Line("", context.entry().detail()));
		}
		List<Line> lines = new ArrayList<>();
		if (detail == null || !detail.isObject()) {
			return lines;
		}
		Locale locale = context.locale();
		boolean change = detail.has("from") && detail.has("to");
		if (change) {
			lines.addAll(change(context, detail.get("from"), detail.get("to")));
		}
		for (Map.Entry<String, JsonNode> field : detail.properties()) {
			String key = field.getKey();
			if (change && (key.equals("from") || key.equals("to"))) {
				continue;
			}
			if (key.equals("address") && Objects.equals(AuditEntries.normalised(field.getValue().asString()),
					AuditEntries.normalised(context.entry().remoteAddress()))) {
				continue; // the address column says it already
			}
			String label = label(key, locale);
			lines.add(context.line(label, value(key, field.getValue(), context)));
		}
		return lines;
	}

	/** Only what changed: a field's before → after; for lists, what was added and removed. */
	private List<Line> change(Context context, JsonNode from, JsonNode to) {
		Locale locale = context.locale();
		String arrow = " → ";
		if (from.isObject() && to.isObject()) {
			Map<String, JsonNode> before = flatten(from);
			Map<String, JsonNode> after = flatten(to);
			Set<String> paths = new LinkedHashSet<>(before.keySet());
			paths.addAll(after.keySet());
			List<Line> lines = new ArrayList<>();
			for (String path : paths) {
				JsonNode a = before.get(path);
				JsonNode b = after.get(path);
				if (!Objects.equals(a, b)) {
					String key = path.substring(path.lastIndexOf('.') + 1);
					String label = label(key, locale);
					lines.add(context.line(label, value(key, a, context) + arrow + value(key, b, context)));
				}
			}
			return lines.isEmpty() ? List.of(new Line("", messages.getMessage("audit.unchanged", null, locale))) : lines;
		}
		if (from.isArray() && to.isArray()) {
			List<JsonNode> added = new ArrayList<>();
			to.forEach(added::add);
			from.forEach(added::remove);
			List<JsonNode> removed = new ArrayList<>();
			from.forEach(removed::add);
			to.forEach(removed::remove);
			String none = messages.getMessage("audit.none", null, locale);
			Line addedLine = context.line(messages.getMessage("audit.added", null, locale), join(added, "value", context, none));
			return List.of(addedLine,
					context.line(messages.getMessage("audit.removed", null, locale), join(removed, "value", context, none)));
		}
		// A single value changed, named by the action: user.role_changed is the role.
		String action = context.entry().action();
		String key = action.substring(action.indexOf('.') + 1).replace("_changed", "");
		String label = label(key, locale);
		return List.of(context.line(label, value(key, from, context) + arrow + value(key, to, context)));
	}

	private static Map<String, JsonNode> flatten(JsonNode node) {
		Map<String, JsonNode> leaves = new LinkedHashMap<>();
		flatten("", node, leaves);
		return leaves;
	}

	private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
			}
		}
		else {
			leaves.put(path, node);
		}
	}

	private String label(String key, Locale locale) {
		return named("audit.field." + key, key, locale);
	}

	private String value(String key, JsonNode node, Context context) {
		Locale locale = context.locale();
		if (node == null || node.isNull() || node.isMissingNode()) {
			return "—";
		}
		if (node.isBoolean()) {
			return messages.getMessage(node.asBoolean() ? "audit.yes" : "audit.no", null, locale);
		}
		if (node.isNumber()) {
			return formats.number(node.numberValue());
		}
		if (node.isArray()) {
			return join(node, key, context, messages.getMessage("audit.none", null, locale));
		}
		if (node.isObject()) {
			List<String> parts = new ArrayList<>();
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				parts.add(label(field.getKey(), locale) + " " + value(field.getKey(), field.getValue(), context));
			}
			return String.join(messages.getMessage("audit.separator", null, locale), parts);
		}
		String text = node.asString();
		if (ISO_INSTANT.matcher(text).matches()) {
			return formats.dateTime(Instant.parse(text), context.zone);
		}
		if (ISO_DATE.matcher(text).matches()) {
			return formats.date(LocalDate.parse(text));
		}
		String word = messages.getMessage("audit.value." + key + "." + text, null, null, locale);
		if (word == null) {
			word = messages.getMessage(key + "." + text, null, null, locale);
		}
		if (word == null) {
			context.data = true;
			return text;
		}
		return word;
	}

	private String join(Iterable<JsonNode> nodes, String key, Context context, String none) {
		List<String> parts = new ArrayList<>();
		nodes.forEach(node -> parts.add(value(key, node, context)));
		return parts.isEmpty() ? none : String.join(messages.getMessage("audit.separator", null, context.locale()), parts);
	}
}
