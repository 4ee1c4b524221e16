package io.kizuna.segments.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.segments.FieldType;
import io.kizuna.segments.SegmentField;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.segments.filter.FilterNode;
import io.kizuna.segments.filter.FilterNode.Literal;
import io.kizuna.segments.filter.FilterNode.Operator;
import io.kizuna.segments.filter.FilterText;

/**
 * The builder's view of a definition: groups of conditions, the conditions of a group joined by its own and/or, the
 * groups by another. Read from the form the builder posts, or from a parsed definition when it has that shape; either
 * way rendered to the one text that is stored (ADR 0050).
 */
final class Builder {

	static final int MAX_GROUPS = 10;

	static final int MAX_ROWS = 20;

	/** Between groups: "and" or "or". */
	String combine = "and";

	final List<Group> groups = new ArrayList<>();

	static final class Group {

		String match = "and";

		final List<Row> rows = new ArrayList<>();

		public String getMatch() {
			return match;
		}

		public List<Row> getRows() {
			return rows;
		}
	}

	/** One condition as the builder's selects and inputs hold it. */
	record Row(String field, String argument, String operator, String value) {

		boolean blank() {
			return field == null || field.isBlank();
		}
	}

	public String getCombine() {
		return combine;
	}

	public List<Group> getGroups() {
		return groups;
	}

	/** The builder's state from its form: {@code combine}, {@code g0.match}, {@code g0.c0.field}, … */
	static Builder fromForm(Map<String, String> form) {
		Builder b = new Builder();
		b.combine = "or".equals(form.get("combine")) ? "or" : "and";
		for (int g = 0; g < MAX_GROUPS && form.containsKey("g" + g + ".match"); g++) {
			Group group = new Group();
			group.match = "or".equals(form.get("g" + g + ".match")) ? "or" : "and";
			for (int c = 0; c < MAX_ROWS && form.containsKey("g" + g + ".c" + c + ".field"); c++) {
				String p = "g" + g + ".c" + c + ".";
				group.rows.add(new Row(trim(form.get(p + "field")), trim(form.get(p + "argument")),
						trim(form.get(p + "operator")), trim(form.get(p + "value"))));
			}
			b.groups.add(group);
		}
		return b;
	}

	/** The builder's state of a parsed definition, or null when it has no such shape (e.g. a "not" around a group). */
	static Builder fromNode(FilterNode node) {
		Builder b = new Builder();
		if (node instanceof FilterNode.Condition c) {
			b.groups.add(group("and", List.of(c)));
			return b;
		}
		List<FilterNode> parts = node instanceof FilterNode.All all ? all.parts()
				: node instanceof FilterNode.Any any ? any.parts() : null;
		if (parts == null) {
			return null;
		}
		String outer = node instanceof FilterNode.All ? "and" : "or";
		if (parts.stream().allMatch(p -> p instanceof FilterNode.Condition)) {
			b.groups.add(group(outer, parts));
			return b;
		}
		b.combine = outer;
		for (FilterNode part : parts) {
			if (part instanceof FilterNode.Condition) {
				b.groups.add(group("and", List.of(part)));
				continue;
			}
			List<FilterNode> inner = part instanceof FilterNode.All all ? all.parts()
					: part instanceof FilterNode.Any any ? any.parts() : null;
			if (inner == null || !inner.stream().allMatch(p -> p instanceof FilterNode.Condition)) {
				return null;
			}
			b.groups.add(group(part instanceof FilterNode.All ? "and" : "or", inner));
		}
		return b.groups.size() > MAX_GROUPS ? null : b;
	}

	private static Group group(String match, List<FilterNode> conditions) {
		Group group = new Group();
		group.match = match;
		for (FilterNode n : conditions) {
			FilterNode.Condition c = (FilterNode.Condition) n;
			String value = String.join(", ", c.values().stream().map(Literal::value).toList());
			group.rows.add(new Row(c.field(), c.argument(), c.operator().text, value));
		}
		return group;
	}

	/** The definition as text; rows without a field are left out. Values are typed by the field's type. */
	String text(Map<String, SegmentField> fields) {
		List<String> parts = new ArrayList<>();
		for (Group group : groups) {
			List<String> conditions = new ArrayList<>();
			for (Row row : group.rows) {
				if (!row.blank()) {
					conditions.add(condition(row, fields));
				}
			}
			if (!conditions.isEmpty()) {
				String joined = String.join(" " + group.match + " ", conditions);
				parts.add(conditions.size() > 1 && !group.match.equals(combine) ? "(" + joined + ")" : joined);
			}
		}
		return String.join(" " + combine + " ", parts);
	}

	private static String condition(Row row, Map<String, SegmentField> fields) {
		SegmentField field = fields.get(row.field());
		FieldType type = field == null ? FieldType.TEXT : field.type();
		Operator op;
		try {
			op = Operator.of(row.operator() == null ? "=" : row.operator());
		}
		catch (IllegalArgumentException ex) {
			op = Operator.EQ;
		}
		String name = row.field() + (field != null && field.takesArgument()
				? "(" + FilterText.literal(Literal.string(row.argument() == null ? "" : row.argument())) + ")" : "");
		String value = row.value() == null ? "" : row.value();
		return switch (op) {
			case EMPTY, NOT_EMPTY -> name + " " + op.text;
			case IN, NOT_IN -> name + " " + op.text + " ("
					+ String.join(", ", splitList(value).stream().map(v -> literal(type, v)).toList()) + ")";
			default -> name + " " + op.text + " " + literal(type, value);
		};
	}

	private static List<String> splitList(String value) {
		List<String> values = new ArrayList<>();
		for (String v : value.split("[,、]")) {
			if (!v.isBlank()) {
				values.add(v.strip());
			}
		}
		return values.isEmpty() ? List.of("") : values;
	}

	/** Numbers, dates and booleans as such when they are well formed; anything else as a string, for the compiler to explain. */
	private static String literal(FieldType type, String value) {
		boolean number = value.matches("-?[0-9]+(\\.[0-9]+)?");
		return switch (type) {
			case NUMBER, MONEY -> number ? value : FilterText.literal(Literal.string(value));
			case DATE -> value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}") ? value : FilterText.literal(Literal.string(value));
			case BOOL -> value.equals("true") || value.equals("false") ? value : FilterText.literal(Literal.string(value));
			default -> FilterText.literal(Literal.string(value));
		};
	}

	void addGroup() {
		if (groups.size() < MAX_GROUPS) {
			Group group = new Group();
			group.rows.add(new Row(null, null, "=", null));
			groups.add(group);
		}
	}

	void addRow(int group) {
		if (group >= 0 && group < groups.size() && groups.get(group).rows.size() < MAX_ROWS) {
			groups.get(group).rows.add(new Row(null, null, "=", null));
		}
	}

	void removeRow(int group, int row) {
		if (group >= 0 && group < groups.size() && row >= 0 && row < groups.get(group).rows.size()) {
			groups.get(group).rows.remove(row);
			if (groups.get(group).rows.isEmpty()) {
				groups.remove(group);
			}
		}
	}

	static FilterException notRepresentable() {
		return new FilterException("textOnly", 0);
	}

	private static String trim(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
