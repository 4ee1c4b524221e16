package io.kizuna.segments.filter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.kizuna.segments.FieldType;
import io.kizuna.segments.SegmentField;
import io.kizuna.segments.filter.FilterNode.Condition;
import io.kizuna.segments.filter.FilterNode.Literal;
import io.kizuna.segments.filter.FilterNode.Operator;

/**
 * {@link FilterNode} → one parameterised query over published views (ADR 0050): each value a bind parameter, each
 * field's SQL written by the code that declares it; unknown fields, wrong operators and wrong values are refused
 * with the column they are at.
 */
public final class SqlCompiler {

	static final String ATTRIBUTES = "attributes.";

	private static final Pattern PARAMETER = Pattern.compile("(?<!:):(workspace|today|zone|argument)\\b");

	private final FilterContext context;

	/** Source name + argument → its alias; joined in first-use order. */
	private final Map<String, String> aliases = new LinkedHashMap<>();

	private final List<String> joins = new ArrayList<>();

	private final List<Object> joinParameters = new ArrayList<>();

	private final List<Object> parameters = new ArrayList<>();

	private final List<CompiledFilter.Warning> warnings = new ArrayList<>();

	private final boolean lateral;

	private SqlCompiler(FilterContext context, boolean lateral) {
		this.context = context;
		this.lateral = lateral;
	}

	public static CompiledFilter compile(FilterNode node, FilterContext context) {
		return compile(node, context, true);
	}

	/**
	 * {@code lateral = false} joins every source whole, the shape before ADR 0066: kept so that the segments benchmark
	 * measures both in one run.
	 */
	public static CompiledFilter compile(FilterNode node, FilterContext context, boolean lateral) {
		SqlCompiler compiler = new SqlCompiler(context, lateral);
		String predicate = compiler.predicate(node);
		List<Object> all = new ArrayList<>(compiler.joinParameters);
		all.add(context.workspaceId());
		all.addAll(compiler.parameters);
		String sql = "select a.account_id from accounts_v_account a" + String.join("", compiler.joins)
				+ "\nwhere a.workspace_id = ? and (" + predicate + ")";
		return new CompiledFilter(sql, all, compiler.warnings);
	}

	private String predicate(FilterNode node) {
		if (node instanceof FilterNode.All all) {
			return all.parts().stream().map(this::predicate).collect(Collectors.joining(" and ", "(", ")"));
		}
		if (node instanceof FilterNode.Any any) {
			return any.parts().stream().map(this::predicate).collect(Collectors.joining(" or ", "(", ")"));
		}
		if (node instanceof FilterNode.Not not) {
			return "not " + predicate(not.part());
		}
		return condition((Condition) node);
	}

	private String condition(Condition c) {
		if (c.field().startsWith(ATTRIBUTES)) {
			return attribute(c);
		}
		SegmentField field = context.fields().get(c.field());
		if (field == null) {
			throw new FilterException("unknownField", c.position(), c.field());
		}
		if (field.takesArgument() != (c.argument() != null)) {
			throw new FilterException(field.takesArgument() ? "argumentMissing" : "argumentUnexpected", c.position(),
					c.field());
		}
		if (!field.type().operators().contains(c.operator())) {
			throw new FilterException(c.operator().ordering() ? "notOrdered" : "wrongOperator", c.position(),
					c.field(), c.operator().text, field.type());
		}
		if (field.type() == FieldType.SEGMENT) {
			return segment(c);
		}
		List<Object> values = c.values().stream().map(v -> value(field, c, v)).toList();
		String x = "(" + expression(field, c.argument()) + ")";
		return operation(x, field.type(), c.operator(), values);
	}

	private String operation(String x, FieldType type, Operator op, List<Object> values) {
		parameters.addAll(values);
		String marks = values.stream().map(v -> "?").collect(Collectors.joining(", "));
		return switch (op) {
			case EQ -> x + " = ?";
			case NE -> x + " is distinct from ?";
			case LT -> x + " < ?";
			case LE -> x + " <= ?";
			case GT -> x + " > ?";
			case GE -> x + " >= ?";
			case IN -> x + " in (" + marks + ")";
			case NOT_IN -> "(" + x + " is null or " + x + " not in (" + marks + "))";
			case CONTAINS -> type == FieldType.LIST ? "coalesce(? = any(" + x + "), false)"
					: "coalesce(strpos(lower(" + x + "), lower(?)) > 0, false)";
			case NOT_CONTAINS -> type == FieldType.LIST ? "not coalesce(? = any(" + x + "), false)"
					: "coalesce(strpos(lower(" + x + "), lower(?)) = 0, true)";
			case EMPTY -> empty(x, type);
			case NOT_EMPTY -> "not " + empty(x, type);
		};
	}

	private static String empty(String x, FieldType type) {
		return switch (type) {
			case TEXT, CHOICE -> "coalesce(" + x + " = '', true)";
			case LIST -> "coalesce(cardinality(" + x + ") = 0, true)";
			default -> "(" + x + " is null)";
		};
	}

	private Object value(SegmentField field, Condition c, Literal literal) {
		FieldType type = field.type();
		Literal.Kind wanted = switch (type) {
			case NUMBER, MONEY -> Literal.Kind.NUMBER;
			case DATE -> Literal.Kind.DATE;
			case BOOL -> Literal.Kind.BOOL;
			default -> Literal.Kind.STRING;
		};
		if (literal.kind() != wanted) {
			throw new FilterException("wrongValue", c.position(), c.field(), type, FilterText.literal(literal));
		}
		if (type == FieldType.CHOICE && !field.choices().isEmpty() && !field.choices().contains(literal.value())) {
			throw new FilterException("unknownChoice", c.position(), c.field(), FilterText.literal(literal),
					String.join(", ", field.choices()));
		}
		return convert(literal, c);
	}

	private static Object convert(Literal literal, Condition c) {
		return switch (literal.kind()) {
			case NUMBER -> new BigDecimal(literal.value());
			case BOOL -> Boolean.valueOf(literal.value());
			case DATE -> date(literal, c);
			case STRING -> literal.value();
		};
	}

	private static LocalDate date(Literal literal, Condition c) {
		try {
			return LocalDate.parse(literal.value());
		}
		catch (DateTimeParseException ex) {
			throw new FilterException("badDate", c.position(), literal.value());
		}
	}

	/** The field's SQL with its source joined and its parameters bound in the order they appear. */
	private String expression(SegmentField field, String argument) {
		String sql = field.expression().replace("{a}", "a");
		if (field.source() != null) {
			String key = field.source().name() + (argument == null ? "" : "\u0000" + argument);
			String alias = aliases.get(key);
			if (alias == null) {
				alias = "s" + (aliases.size() + 1);
				aliases.put(key, alias);
				List<Object> bound = new ArrayList<>();
				String source = bind(field.source().sql(), argument, bound);
				if (lateral && field.source().perAccount()) {
					// the planner pushes the account into the source's grouping: one index range per remaining account
					joins.add("\nleft join lateral (select * from (" + source + ") x where x.account_id = a.account_id) "
							+ alias + " on true");
				}
				else {
					joins.add("\nleft join (" + source + ") " + alias + " on " + alias + ".account_id = a.account_id");
				}
				joinParameters.addAll(bound);
			}
			sql = sql.replace("{s}", alias);
		}
		return bind(sql, argument, parameters);
	}

	private String bind(String sql, String argument, List<Object> into) {
		Matcher m = PARAMETER.matcher(sql);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			into.add(switch (m.group(1)) {
				case "workspace" -> context.workspaceId();
				case "today" -> context.today();
				case "zone" -> context.zone();
				default -> argument;
			});
			m.appendReplacement(out, "?");
		}
		m.appendTail(out);
		return out.toString();
	}

	/** A custom attribute: typed by the value it is compared with; one no account has matches nothing, and says so. */
	private String attribute(Condition c) {
		String key = c.field().substring(ATTRIBUTES.length());
		if (c.argument() != null) {
			throw new FilterException("argumentUnexpected", c.position(), c.field());
		}
		if (!context.attributeExists().test(key)) {
			warnings.add(new CompiledFilter.Warning("unknownAttribute", List.of(key)));
			return "(null::boolean)";
		}
		Literal.Kind kind = c.values().isEmpty() ? Literal.Kind.STRING : c.values().get(0).kind();
		if (c.values().stream().anyMatch(v -> v.kind() != kind)) {
			throw new FilterException("mixedValues", c.position(), c.field());
		}
		FieldType type = switch (kind) {
			case NUMBER -> FieldType.NUMBER;
			case BOOL -> FieldType.BOOL;
			default -> FieldType.TEXT;
		};
		Operator op = c.operator();
		boolean allowed = type.operators().contains(op) || (kind == Literal.Kind.DATE && op.ordering());
		if (!allowed) {
			throw new FilterException(op.ordering() ? "notOrdered" : "wrongOperator", c.position(), c.field(), op.text,
					type);
		}
		parameters.add(key);
		String x = switch (kind) {
			case NUMBER -> "(case when jsonb_typeof(a.attributes -> ?) = 'number' then (a.attributes ->> ?)::numeric end)";
			case BOOL -> "(case when jsonb_typeof(a.attributes -> ?) = 'boolean' then (a.attributes ->> ?)::boolean end)";
			default -> "(a.attributes ->> ?)";
		};
		if (kind == Literal.Kind.NUMBER || kind == Literal.Kind.BOOL) {
			parameters.add(key);
		}
		// dates in attributes are ISO text, which sorts as dates do
		List<Object> values = c.values().stream().map(v -> kind == Literal.Kind.DATE ? v.value() : convert(v, c)).toList();
		return operation(x, type, op, values);
	}

	private String segment(Condition c) {
		List<Long> ids = new ArrayList<>();
		for (Literal v : c.values()) {
			if (v.kind() != Literal.Kind.STRING) {
				throw new FilterException("wrongValue", c.position(), c.field(), FieldType.SEGMENT, FilterText.literal(v));
			}
			ids.add(context.segmentIdByKey().apply(v.value())
				.orElseThrow(() -> new FilterException("unknownSegment", c.position(), v.value())));
		}
		parameters.addAll(ids);
		String exists = "exists (select 1 from segment_member m where m.workspace_id = a.workspace_id"
				+ " and m.account_id = a.account_id and m.segment_id in ("
				+ ids.stream().map(i -> "?").collect(Collectors.joining(", ")) + "))";
		return c.operator() == Operator.NE || c.operator() == Operator.NOT_IN ? "not " + exists : exists;
	}

	/** The keys of the saved segments a definition refers to, for the cycle check. */
	public static List<String> referencedSegments(FilterNode node) {
		if (node instanceof FilterNode.All all) {
			return all.parts().stream().flatMap(p -> referencedSegments(p).stream()).toList();
		}
		if (node instanceof FilterNode.Any any) {
			return any.parts().stream().flatMap(p -> referencedSegments(p).stream()).toList();
		}
		if (node instanceof FilterNode.Not not) {
			return referencedSegments(not.part());
		}
		Condition c = (Condition) node;
		return c.field().equals("segment") ? c.values().stream().map(Literal::value).toList() : List.of();
	}
}
