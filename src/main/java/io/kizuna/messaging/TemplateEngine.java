package io.kizuna.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import io.kizuna.shared.InvalidInputException;

/**
 * Mustache (jmustache) for email templates. A template names only the variables of {@link #VARIABLES}: at save it is
 * compiled and run against sample values of every variable, so bad syntax and unknown names are refused with their
 * line; at send time missing values render as empty.
 */
final class TemplateEngine {

	/** Every variable a template may use, by group. */
	static final Map<String, List<String>> VARIABLES = Map.of("account", List.of("name", "externalId", "tier", "domain"),
			"contact", List.of("name", "email"), "owner", List.of("name", "email"),
			"signal", List.of("kind", "severity", "evidence"), "workspace", List.of("name"));

	private static final Pattern LINE = Pattern.compile("line (\\d+)");

	private static final Mustache.Compiler strict = Mustache.compiler().escapeHTML(false).strictSections(false);

	private static final Mustache.Compiler lenient = Mustache.compiler().escapeHTML(false).defaultValue("");

	private TemplateEngine() {
	}

	/** The problem with a template text, naming the field and line; null when it is valid. */
	static String problem(String field, String text) {
		int open = -1;
		while ((open = text.indexOf("{{", open + 1)) >= 0) {
			int close = text.indexOf("}}", open + 2);
			int next = text.indexOf("{{", open + 2);
			if (close < 0 || (next >= 0 && next < close)) {
				int line = 1 + (int) text.substring(0, open).chars().filter(c -> c == '\n').count();
				return field + ": line " + line + ": invalid syntax: a tag opened with {{ is not closed with }}";
			}
		}
		try {
			strict.compile(text).execute(sample());
			return null;
		}
		catch (MustacheException.Context ex) {
			return field + ": line " + ex.lineNo + ": unknown variable {{" + ex.key + "}}";
		}
		catch (MustacheParseException ex) {
			Matcher line = LINE.matcher(String.valueOf(ex.getMessage()));
			return field + ": " + (line.find() ? "line " + line.group(1) + ": " : "") + "invalid syntax: "
					+ ex.getMessage().replaceAll("\\s*@\\s*line \\d+", "");
		}
		catch (MustacheException ex) {
			return field + ": invalid syntax: " + ex.getMessage();
		}
	}

	static void check(String field, String text) {
		String problem = problem(field, text);
		if (problem != null) {
			throw new InvalidInputException("invalid template", List.of(problem));
		}
	}

	static String render(String text, Map<String, Object> model) {
		return lenient.compile(text).execute(model);
	}

	/** The model with every known variable present (empty when not given). */
	static Map<String, Object> model(Map<String, Map<String, String>> given, Map<String, Object> extra) {
		Map<String, Object> model = new LinkedHashMap<>();
		VARIABLES.forEach((group, names) -> {
			Map<String, String> values = new LinkedHashMap<>();
			Map<String, String> source = given.getOrDefault(group, Map.of());
			for (String name : names) {
				String value = source.get(name);
				values.put(name, value == null ? "" : value);
			}
			model.put(group, values);
		});
		extra.forEach((key, value) -> {
			if (!model.containsKey(key) && value != null) {
				model.put(key, value);
			}
		});
		model.putIfAbsent("unsubscribeUrl", "");
		return model;
	}

	private static Map<String, Object> sample() {
		Map<String, Object> sample = new LinkedHashMap<>();
		VARIABLES.forEach((group, names) -> {
			Map<String, String> values = new LinkedHashMap<>();
			names.forEach(name -> values.put(name, "x"));
			sample.put(group, values);
		});
		sample.put("unsubscribeUrl", "x");
		return sample;
	}
}
