package io.kizuna.playbooks.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.kizuna.playbooks.PlaybookDefinition;
import io.kizuna.shared.InvalidInputException;
import org.springframework.util.MultiValueMap;

/**
 * The builder's form as a definition: trigger fields {@code trigger.<setting>}, parallel step rows ({@code stepDay},
 * {@code stepType}, …), each step setting in its own field {@code s<row>.<key>} (other settings as {@code key=value}
 * lines in {@code stepSettings}); a row without a type is left out.
 */
final class FormDefinition {

	static final int MAX_FIELD = 5000;

	private FormDefinition() {
	}

	static PlaybookDefinition read(MultiValueMap<String, String> form) {
		return read(form, true);
	}

	/** As far as the form can be read, for showing it again with its errors. */
	static PlaybookDefinition lenient(MultiValueMap<String, String> form) {
		try {
			return read(form, false);
		}
		catch (InvalidInputException e) {
			return new PlaybookDefinition(new PlaybookDefinition.Trigger(form.getFirst("triggerType"), Map.of()), null,
					null, null, List.of());
		}
	}

	private static PlaybookDefinition read(MultiValueMap<String, String> form, boolean strict) {
		String type = form.getFirst("triggerType");
		Map<String, String> trigger = new LinkedHashMap<>();
		form.forEach((key, values) -> {
			if (key.startsWith("trigger.") && !values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
				trigger.put(key.substring(8), bounded(values.get(0).strip()));
			}
		});
		String rule = form.getFirst("rule");
		PlaybookDefinition.EnrollmentRule enrollment = new PlaybookDefinition.EnrollmentRule(
				rule == null || rule.isBlank() ? "once" : rule, integer(form.getFirst("ruleMax"), "ruleMax"),
				integer(form.getFirst("ruleDays"), "ruleDays"));
		PlaybookDefinition.Exit exit = new PlaybookDefinition.Exit("on".equals(form.getFirst("exitSignalResolved")),
				blank(form.getFirst("exitCondition")) ? null : bounded(form.getFirst("exitCondition")));
		List<String> days = list(form, "stepDay");
		List<String> types = list(form, "stepType");
		List<String> settings = list(form, "stepSettings");
		List<String> ifOpen = list(form, "stepIfOpen");
		List<String> maxDays = list(form, "stepMaxDays");
		List<String> thens = list(form, "stepThen");
		List<String> elses = list(form, "stepElse");
		if (types.size() > PlaybookDefinition.MAX_STEPS + 5) {
			throw new InvalidInputException("invalid playbook", List.of("steps: at most " + PlaybookDefinition.MAX_STEPS));
		}
		List<PlaybookDefinition.Step> steps = new ArrayList<>();
		for (int i = 0; i < types.size(); i++) {
			if (blank(types.get(i))) {
				continue;
			}
			Integer day = integer(at(days, i), "steps[" + (steps.size() + 1) + "].day");
			Integer then = integer(at(thens, i), "thenStep");
			Integer otherwise = integer(at(elses, i), "elseStep");
			Map<String, String> stepSettings = settings(at(settings, i));
			stepSettings.putAll(fields(form, i));
			steps.add(new PlaybookDefinition.Step(day == null ? 0 : day, types.get(i), stepSettings,
					ifOpen.contains(String.valueOf(i)), integer(at(maxDays, i), "maxDays"),
					then == null ? null : then - 1, otherwise == null ? null : otherwise == 0 ? -1 : otherwise - 1));
		}
		return new PlaybookDefinition(new PlaybookDefinition.Trigger(type, trigger),
				blank(form.getFirst("condition")) ? null : bounded(form.getFirst("condition")), enrollment, exit, steps);
	}

	/** The row's settings from their own fields, {@code s<row>.<key>}; a blank field is left out. */
	static Map<String, String> fields(MultiValueMap<String, String> form, int row) {
		String prefix = "s" + row + ".";
		Map<String, String> fields = new LinkedHashMap<>();
		form.forEach((name, values) -> {
			if (name.startsWith(prefix) && !values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
				String key = name.substring(prefix.length());
				if (key.matches("[a-z_]{1,40}")) {
					fields.put(key, bounded(values.get(0).strip().replace("\r\n", "\n")));
				}
			}
		});
		return fields;
	}

	static Map<String, String> settings(String text) {
		Map<String, String> settings = new LinkedHashMap<>();
		if (text == null) {
			return settings;
		}
		String key = null;
		for (String line : bounded(text).split("\r?\n")) {
			int eq = line.indexOf('=');
			if (eq > 0 && line.substring(0, eq).strip().matches("[a-z_]{1,40}")) {
				key = line.substring(0, eq).strip();
				settings.put(key, line.substring(eq + 1).strip());
			}
			else if (key != null && !line.isBlank()) {
				// a line without key= continues the previous value (a checklist, a note's body)
				settings.put(key, settings.get(key) + "\n" + line.strip());
			}
			else if (!line.isBlank()) {
				throw new InvalidInputException("invalid playbook", List.of("settings: key=value, one a line"));
			}
		}
		return settings;
	}

	static String settingsText(Map<String, String> settings) {
		return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
	}

	private static List<String> list(MultiValueMap<String, String> form, String key) {
		List<String> values = form.get(key);
		return values == null ? List.of() : values;
	}

	private static String at(List<String> values, int i) {
		return i < values.size() ? values.get(i) : null;
	}

	private static Integer integer(String value, String field) {
		if (blank(value)) {
			return null;
		}
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("invalid playbook", List.of(field + ": a whole number"));
		}
	}

	private static String bounded(String value) {
		if (value.length() > MAX_FIELD) {
			throw new InvalidInputException("invalid playbook", List.of("a field has at most " + MAX_FIELD + " characters"));
		}
		return value;
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
