package io.kizuna.segments.filter;

import java.util.stream.Collectors;

import io.kizuna.segments.filter.FilterNode.Literal;

/** A definition as text, in the canonical spelling the parser reads back to the same nodes. */
public final class FilterText {

	private FilterText() {
	}

	public static String render(FilterNode node) {
		if (node instanceof FilterNode.All all) {
			return all.parts().stream().map(p -> p instanceof FilterNode.Any ? "(" + render(p) + ")" : render(p))
				.collect(Collectors.joining(" and "));
		}
		if (node instanceof FilterNode.Any any) {
			return any.parts().stream().map(FilterText::render).collect(Collectors.joining(" or "));
		}
		if (node instanceof FilterNode.Not not) {
			return not.part() instanceof FilterNode.Condition ? "not " + render(not.part())
					: "not (" + render(not.part()) + ")";
		}
		return condition((FilterNode.Condition) node);
	}

	private static String condition(FilterNode.Condition c) {
		String field = c.argument() == null ? c.field() : c.field() + "(" + quote(c.argument()) + ")";
		return switch (c.operator()) {
			case EMPTY, NOT_EMPTY -> field + " " + c.operator().text;
			case IN, NOT_IN -> field + " " + c.operator().text + " ("
					+ c.values().stream().map(FilterText::literal).collect(Collectors.joining(", ")) + ")";
			default -> field + " " + c.operator().text + " " + literal(c.values().get(0));
		};
	}

	public static String literal(Literal literal) {
		return literal.kind() == Literal.Kind.STRING ? quote(literal.value()) : literal.value();
	}

	static String quote(String value) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"', '\\' -> out.append('\\').append(c);
				case '\n' -> out.append("\\n");
				case '\t' -> out.append("\\t");
				case '\r' -> out.append(' ');
				default -> out.append(c);
			}
		}
		return out.append('"').toString();
	}
}
