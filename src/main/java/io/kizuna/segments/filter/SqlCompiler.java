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

	/** Source name + argument → its join; joined in first-use order. */
	private final Map<String, Join> joins = new LinkedHashMap<>();

	/** The parameters of the predicate being written (one conjunct's when the definition is split). */
	private List<Object> parameters = new ArrayList<>();

	/** The joins the predicate being written reads. */
	private java.util.Set<Join> used = new java.util.LinkedHashSet<>();

	private final List<CompiledFilter.Warning> warnings = new ArrayList<>();

	private final List<CompiledFilter.SourceUse> sources = new ArrayList<>();

	private final boolean lateral;

	private final Map<String, String> materialised;

	/** One source joined to the account: its SQL and bound parameters, and whether it is computed per account. */
	private record Join(String alias, String sql, List<Object> parameters, boolean perAccount) {
	}

	/** A predicate over the account and the joins it reads, with its parameters in the order they appear. */
	private record Part(String sql, List<Object> parameters, java.util.Set<Join> joins) {

		boolean perAccount() {
			return joins.stream().anyMatch(Join::perAccount);
		}
	}

	private SqlCompiler(FilterContext context, boolean lateral, Map<String, String> materialised) {
		this.context = context;
		this.lateral = lateral;
		this.materialised = materialised;
	}

	public static CompiledFilter compile(FilterNode node, FilterContext context) {
		return compile(node, context, true);
	}

	/**
	 * {@code lateral = false} joins every source whole, the shape before ADR 0066: kept so that the segments benchmark
	 * measures both in one run.
	 */
	public static CompiledFilter compile(FilterNode node, FilterContext context, boolean lateral) {
		return compile(node, context, lateral, Map.of());
	}

	/**
	 * With the sources of {@code materialised} (key, see {@link CompiledFilter.SourceUse#key}, → a table of the same
	 * rows computed once for the whole workspace in this session) read from those tables instead (ADR 0125): what a
	 * re-evaluation of every saved segment does, so that twenty segments do not each recompute the same usage window.
	 */
	public static CompiledFilter compile(FilterNode node, FilterContext context, boolean lateral,
			Map<String, String> materialised) {
		SqlCompiler compiler = new SqlCompiler(context, lateral, materialised);
		List<Part> parts = node instanceof FilterNode.All all ? all.parts().stream().map(compiler::part).toList()
				: List.of(compiler.part(node));
		List<Part> early = parts.stream().filter(p -> !p.perAccount()).toList();
		List<Part> late = parts.stream().filter(Part::perAccount).toList();
		List<Object> all = new ArrayList<>();
		String sql;
		if (!lateral || early.isEmpty() || late.isEmpty()) {
			sql = select(parts, all, context, "");
		}
		else {
			// The conditions over the account and whole-joined sources first, materialised, then the per-account
			// windows only for the accounts they leave (ADR 0125): the planner cannot be trusted to order a lateral
			// aggregate after filters that sit on other joins, and a 30-day window per account costs the most.
			String first = select(early, all, context, "");
			sql = "with pre as materialized (" + first + ")\n"
					+ select(late, all, context, "\njoin pre on pre.account_id = a.account_id");
		}
		return new CompiledFilter(sql, all, compiler.warnings, compiler.sources);
	}

	/** {@code select a.account_id …} of the parts' joins and their conjunction, its parameters added to {@code into}. */
	private static String select(List<Part> parts, List<Object> into, FilterContext context, String after) {
		java.util.Set<Join> joins = new java.util.LinkedHashSet<>();
		parts.forEach(p -> joins.addAll(p.joins()));
		StringBuilder sql = new StringBuilder("select a.account_id from accounts_v_account a").append(after);
		for (Join join : joins) {
			sql.append(join.sql());
			into.addAll(join.parameters());
		}
		into.add(context.workspaceId());
		sql.append("\nwhere a.workspace_id = ? and (");
		sql.append(parts.stream().map(Part::sql).collect(Collectors.joining(" and ")));
		parts.forEach(p -> into.addAll(p.parameters()));
		return sql.append(")").toString();
	}

	private Part part(FilterNode node) {
		parameters = new ArrayList<>();
		used = new java.util.LinkedHashSet<>();
		String sql = predicate(node);
		return new Part(sql, parameters, used);
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
			String key = CompiledFilter.SourceUse.key(field.source().name(), argument);
			Join join = joins.get(key);
			if (join == null) {
				String alias = "s" + (joins.size() + 1);
				List<Object> bound = new ArrayList<>();
				String source = bind(field.source().sql(), argument, bound);
				sources.add(new CompiledFilter.SourceUse(key, source, bound));
				String table = materialised.get(key);
				if (table != null) {
					join = new Join(alias, "\nleft join " + table + " " + alias + " on " + alias
							+ ".account_id = a.account_id", List.of(), false);
				}
				else if (lateral && field.source().perAccount()) {
					// the planner pushes the account into the source's grouping: one index range per remaining account.
					// "offset 0" keeps it from pulling the subquery up into one aggregate over the whole workspace,
					// which explain showed it does without (ADR 0125)
					join = new Join(alias, "\nleft join lateral (select * from (" + source
							+ ") x where x.account_id = a.account_id offset 0) " + alias + " on true", bound, true);
				}
				else {
					join = new Join(alias, "\nleft join (" + source + ") " + alias + " on " + alias
							+ ".account_id = a.account_id", bound, false);
				}
				joins.put(key, join);
			}
			used.add(join);
			sql = sql.replace("{s}", join.alias());
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
