package io.kizuna.segments.filter;

import java.util.List;

/**
 * A definition as one parameterised query selecting the matching {@code account_id}s of the workspace: every value
 * is in {@code parameters}, none in {@code sql}. Warnings name what matches nothing (an attribute no account has).
 */
public record CompiledFilter(String sql, List<Object> parameters, List<Warning> warnings) {

	public CompiledFilter {
		parameters = List.copyOf(parameters);
		warnings = List.copyOf(warnings);
	}

	/** A note for the user, as a message code ({@code segments.filter.<code>}) and its arguments. */
	public record Warning(String code, List<Object> arguments) {
		public Warning {
			arguments = List.copyOf(arguments);
		}
	}
}
