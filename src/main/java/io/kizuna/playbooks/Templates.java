package io.kizuna.playbooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import io.kizuna.shared.InvalidInputException;

/**
 * Step texts with variables ({@code {{account.name}}}, {@code {{owner.name}}}, {@code {{evidence.kind}}}) rendered by
 * jmustache; the dotted variable names become nested maps. Unknown variables are refused at save.
 */
final class Templates {

	static final List<String> ROOTS = List.of("account", "owner", "evidence", "enrollment");

	private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).defaultValue("");

	private Templates() {
	}

	static void validate(String setting, String text) {
		if (text == null) {
			return;
		}
		try {
			Mustache.compiler().escapeHTML(false).compile(text).visit(new Mustache.Visitor() {
				@Override
				public void visitText(String t) {
				}

				@Override
				public void visitVariable(String name) {
					String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
					if (!ROOTS.contains(root)) {
						throw new InvalidInputException("invalid step", List.of(setting + ": unknown variable " + name));
					}
				}

				@Override
				public boolean visitInclude(String name) {
					throw new InvalidInputException("invalid step", List.of(setting + ": no partials"));
				}

				@Override
				public boolean visitSection(String name) {
					return true;
				}

				@Override
				public boolean visitInvertedSection(String name) {
					return true;
				}
			});
		}
		catch (MustacheException e) {
			throw new InvalidInputException("invalid step", List.of(setting + ": " + e.getMessage()));
		}
	}

	/** A text compiled once for a whole batch of accounts (a step's 10,000 tasks share one title). */
	static java.util.function.Function<Map<String, Object>, String> compiled(String text) {
		if (text == null || !text.contains("{{")) {
			return variables -> text;
		}
		com.samskivert.mustache.Template template = COMPILER.compile(text);
		return variables -> template.execute(nested(variables));
	}

	static String render(String text, Map<String, Object> variables) {
		if (text == null || !text.contains("{{")) {
			return text;
		}
		return COMPILER.compile(text).execute(nested(variables));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> nested(Map<String, Object> flat) {
		Map<String, Object> root = new LinkedHashMap<>();
		flat.forEach((key, value) -> {
			String[] parts = key.split("\\.", 2);
			if (parts.length == 1) {
				root.putIfAbsent(key, value);
			}
			else {
				((Map<String, Object>) root.computeIfAbsent(parts[0], k -> new LinkedHashMap<>())).put(parts[1], value);
			}
		});
		return root;
	}
}
