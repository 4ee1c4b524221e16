package io.kizuna.segments.filter;

import java.util.List;

/**
 * A parsed segment definition: the one stored form behind both the text and the builder (ADR 0050). Rendered back
 * to text by {@link FilterText}, compiled to SQL by {@link SqlCompiler}.
 */
public sealed interface FilterNode permits FilterNode.All, FilterNode.Any, FilterNode.Not, FilterNode.Condition {

	/** Every part holds. */
	record All(List<FilterNode> parts) implements FilterNode {
		public All {
			parts = List.copyOf(parts);
		}
	}

	/** At least one part holds. */
	record Any(List<FilterNode> parts) implements FilterNode {
		public Any {
			parts = List.copyOf(parts);
		}
	}

	record Not(FilterNode part) implements FilterNode {
	}

	/**
	 * One condition: a field (with its argument, e.g. the event of {@code usage.event_count_30d("export")}), an
	 * operator and its values; {@code position} is the 1-based column where it starts in the text, for errors.
	 */
	record Condition(String field, String argument, Operator operator, List<Literal> values, int position)
			implements FilterNode {
		public Condition {
			values = List.copyOf(values);
		}
	}

	enum Operator {
		EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("not in"), CONTAINS("contains"),
		NOT_CONTAINS("not contains"), EMPTY("is empty"), NOT_EMPTY("is not empty");

		public final String text;

		Operator(String text) {
			this.text = text;
		}

		public boolean ordering() {
			return this == LT || this == LE || this == GT || this == GE;
		}

		public static Operator of(String text) {
			for (Operator op : values()) {
				if (op.text.equals(text)) {
					return op;
				}
			}
			throw new IllegalArgumentException(text);
		}
	}

	/** A literal as typed: its kind and its value (strings unescaped, numbers as written). */
	record Literal(Kind kind, String value) {

		public enum Kind {
			STRING, NUMBER, BOOL, DATE
		}

		public static Literal string(String value) {
			return new Literal(Kind.STRING, value);
		}
	}
}
