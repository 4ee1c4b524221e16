package io.kizuna.segments.filter;

import java.util.List;

/**
 * A definition as one parameterised query selecting the matching {@code account_id}s of the workspace: every value
 * is in {@code parameters}, none in {@code sql}. Warnings name what matches nothing (an attribute no account has).
 */
public record CompiledFilter(String sql, List<Object> parameters, List<Warning> warnings, List<SourceUse> sources) {

	public CompiledFilter {
		parameters = List.copyOf(parameters);
		warnings = List.copyOf(warnings);
		sources = List.copyOf(sources);
	}

	public CompiledFilter(String sql, List<Object> parameters, List<Warning> warnings) {
		this(sql, parameters, warnings, List.of());
	}

	/**
	 * A field source the query joins, as a select of the whole workspace's rows ({@code account_id} and the fields'
	 * columns) with its parameters bound: what a re-evaluation of many segments can compute once (ADR 0125).
	 */
	public record SourceUse(String key, String sql, List<Object> parameters) {

		public SourceUse {
			parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
		}

		/** One key per source and argument (an event name), however many conditions use it. */
		public static String key(String source, String argument) {
			return source + (argument == null ? "" : "\u0000" + argument);
		}
	}

	/** A note for the user, as a message code ({@code segments.filter.<code>}) and its arguments. */
	public record Warning(String code, List<Object> arguments) {
		public Warning {
			arguments = List.copyOf(arguments);
		}
	}
}
