package io.kizuna.segments;

import java.util.List;

/**
 * One field a segment condition can name (ADR 0051). {@code expression} is SQL over the account ({@code {a}}, a row
 * of {@code accounts_v_account}) and, when the field has a {@link Source}, that source's row ({@code {s}}, joined on
 * the account); both may use the parameters {@code :workspace}, {@code :today} (the workspace's local date),
 * {@code :zone} and, for a field that takes one, {@code :argument} — bound, never spliced. Its label is the message
 * {@code segments.field.<key>} of the contributing module's bundle.
 */
public record SegmentField(String key, FieldType type, String group, Source source, String expression,
		List<String> choices, boolean takesArgument) {

	public SegmentField {
		choices = List.copyOf(choices);
		if (!key.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*")) {
			throw new IllegalArgumentException("field key " + key);
		}
	}

	public static SegmentField of(String key, FieldType type, String group, Source source, String expression) {
		return new SegmentField(key, type, group, source, expression, List.of(), false);
	}

	public SegmentField choices(String... values) {
		return new SegmentField(key, type, group, source, expression, List.of(values), takesArgument);
	}

	public SegmentField withArgument() {
		return new SegmentField(key, type, group, source, expression, choices, true);
	}

	/**
	 * Rows joined to each account by {@code (workspace_id, account_id)}: a select over published views that yields
	 * {@code account_id} and the columns the fields read. One join per source and argument, however many conditions use it.
	 * A {@code perAccount} source (one that aggregates many rows per account, such as a usage window) is joined
	 * laterally, computed for one account at a time and only for the accounts the other conditions leave (ADR 0066);
	 * the others are joined whole.
	 */
	public record Source(String name, String sql, boolean perAccount) {

		public Source(String name, String sql) {
			this(name, sql, false);
		}
	}
}
