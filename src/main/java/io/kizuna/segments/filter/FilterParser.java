package io.kizuna.segments.filter;

import java.util.ArrayList;
import java.util.List;

import io.kizuna.segments.filter.FilterNode.Literal;
import io.kizuna.segments.filter.FilterNode.Operator;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Text → {@link FilterNode}, with the ANTLR parser generated from {@code SegmentFilter.g4} (ADR 0050). Bounded before
 * and after parsing: length, nesting, conditions, values per list and length of a value.
 */
public final class FilterParser {

	public static final int MAX_LENGTH = 4_000;

	public static final int MAX_DEPTH = 8;

	public static final int MAX_CONDITIONS = 40;

	public static final int MAX_VALUES = 100;

	public static final int MAX_VALUE_LENGTH = 200;

	private FilterParser() {
	}

	public static FilterNode parse(String text) {
		if (text == null || text.isBlank()) {
			throw new FilterException("blank", 0);
		}
		if (text.length() > MAX_LENGTH) {
			throw new FilterException("tooLong", 0, MAX_LENGTH);
		}
		SegmentFilterLexer lexer = new SegmentFilterLexer(CharStreams.fromString(text));
		lexer.removeErrorListeners();
		CommonTokenStream tokens = new CommonTokenStream(lexer);
		tokens.fill();
		checkNesting(tokens.getTokens());
		SegmentFilterParser parser = new SegmentFilterParser(tokens);
		parser.removeErrorListeners();
		parser.addErrorListener(new BaseErrorListener() {
			@Override
			public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String msg,
					RecognitionException e) {
				Token token = (Token) offending;
				if (token == null || token.getType() == Token.EOF) {
					throw new FilterException("unexpectedEnd", text.length() + 1);
				}
				if (token.getType() == SegmentFilterLexer.ERROR && (token.getText().equals("\"")
						|| token.getText().equals("'"))) {
					throw new FilterException("unclosedString", token.getStartIndex() + 1);
				}
				throw new FilterException("unexpected", token.getStartIndex() + 1, token.getText());
			}
		});
		FilterNode node = new TreeBuilder().visit(parser.filter().expression());
		if (depth(node) > MAX_DEPTH) {
			throw new FilterException("tooDeep", 0, MAX_DEPTH);
		}
		int conditions = count(node);
		if (conditions > MAX_CONDITIONS) {
			throw new FilterException("tooManyConditions", 0, MAX_CONDITIONS);
		}
		return node;
	}

	private static void checkNesting(List<Token> tokens) {
		int depth = 0;
		for (Token token : tokens) {
			if (token.getType() == SegmentFilterLexer.LPAREN) {
				if (++depth > MAX_DEPTH) {
					throw new FilterException("tooDeep", token.getStartIndex() + 1, MAX_DEPTH);
				}
			}
			else if (token.getType() == SegmentFilterLexer.RPAREN) {
				depth--;
			}
		}
	}

	/** Levels of and/or/not above a condition, which is what the builder and the SQL nest. */
	static int depth(FilterNode node) {
		if (node instanceof FilterNode.All all) {
			return 1 + all.parts().stream().mapToInt(FilterParser::depth).max().orElse(0);
		}
		if (node instanceof FilterNode.Any any) {
			return 1 + any.parts().stream().mapToInt(FilterParser::depth).max().orElse(0);
		}
		return node instanceof FilterNode.Not not ? 1 + depth(not.part()) : 0;
	}

	static int count(FilterNode node) {
		if (node instanceof FilterNode.All all) {
			return all.parts().stream().mapToInt(FilterParser::count).sum();
		}
		if (node instanceof FilterNode.Any any) {
			return any.parts().stream().mapToInt(FilterParser::count).sum();
		}
		return node instanceof FilterNode.Not not ? count(not.part()) : 1;
	}

	/** The parse tree as nodes; chains of and/or are flattened into one node each. */
	private static final class TreeBuilder extends SegmentFilterBaseVisitor<FilterNode> {

		@Override
		public FilterNode visitAnd(SegmentFilterParser.AndContext ctx) {
			List<FilterNode> parts = new ArrayList<>();
			for (SegmentFilterParser.ExpressionContext e : ctx.expression()) {
				FilterNode part = visit(e);
				if (part instanceof FilterNode.All all && !(e instanceof SegmentFilterParser.GroupContext)) {
					parts.addAll(all.parts());
				}
				else {
					parts.add(part);
				}
			}
			return new FilterNode.All(parts);
		}

		@Override
		public FilterNode visitOr(SegmentFilterParser.OrContext ctx) {
			List<FilterNode> parts = new ArrayList<>();
			for (SegmentFilterParser.ExpressionContext e : ctx.expression()) {
				FilterNode part = visit(e);
				if (part instanceof FilterNode.Any any && !(e instanceof SegmentFilterParser.GroupContext)) {
					parts.addAll(any.parts());
				}
				else {
					parts.add(part);
				}
			}
			return new FilterNode.Any(parts);
		}

		@Override
		public FilterNode visitNot(SegmentFilterParser.NotContext ctx) {
			return new FilterNode.Not(visit(ctx.expression()));
		}

		@Override
		public FilterNode visitGroup(SegmentFilterParser.GroupContext ctx) {
			return visit(ctx.expression());
		}

		@Override
		public FilterNode visitLeaf(SegmentFilterParser.LeafContext ctx) {
			return visit(ctx.condition());
		}

		@Override
		public FilterNode visitCompare(SegmentFilterParser.CompareContext ctx) {
			return condition(ctx.field(), Operator.of(ctx.op.getText()), List.of(literal(ctx.literal())),
					ctx.getStart());
		}

		@Override
		public FilterNode visitIn(SegmentFilterParser.InContext ctx) {
			if (ctx.literal().size() > MAX_VALUES) {
				throw new FilterException("tooManyValues", ctx.literal(MAX_VALUES).getStart().getStartIndex() + 1,
						MAX_VALUES);
			}
			List<Literal> values = ctx.literal().stream().map(FilterParser::literal).toList();
			return condition(ctx.field(), ctx.NOT() == null ? Operator.IN : Operator.NOT_IN, values, ctx.getStart());
		}

		@Override
		public FilterNode visitContains(SegmentFilterParser.ContainsContext ctx) {
			return condition(ctx.field(), ctx.NOT() == null ? Operator.CONTAINS : Operator.NOT_CONTAINS,
					List.of(literal(ctx.literal())), ctx.getStart());
		}

		@Override
		public FilterNode visitEmpty(SegmentFilterParser.EmptyContext ctx) {
			return condition(ctx.field(), ctx.NOT() == null ? Operator.EMPTY : Operator.NOT_EMPTY, List.of(),
					ctx.getStart());
		}

		private static FilterNode condition(SegmentFilterParser.FieldContext field, Operator op, List<Literal> values,
				Token start) {
			String name = field.getText().toLowerCase();
			if (field.STRING() != null) {
				name = name.substring(0, name.indexOf('('));
			}
			String argument = field.STRING() == null ? null : unquote(field.STRING().getSymbol());
			return new FilterNode.Condition(name, argument, op, values, start.getStartIndex() + 1);
		}
	}

	static Literal literal(SegmentFilterParser.LiteralContext ctx) {
		if (ctx instanceof SegmentFilterParser.StringContext s) {
			return Literal.string(unquote(s.STRING().getSymbol()));
		}
		if (ctx instanceof SegmentFilterParser.NumberContext n) {
			return new Literal(Literal.Kind.NUMBER, n.getText());
		}
		if (ctx instanceof SegmentFilterParser.BoolContext b) {
			return new Literal(Literal.Kind.BOOL, b.getText().toLowerCase());
		}
		return new Literal(Literal.Kind.DATE, ctx.getText());
	}

	private static String unquote(Token token) {
		String quoted = token.getText();
		StringBuilder out = new StringBuilder(quoted.length());
		for (int i = 1; i < quoted.length() - 1; i++) {
			char c = quoted.charAt(i);
			if (c == '\\' && i + 1 < quoted.length() - 1) {
				char next = quoted.charAt(++i);
				out.append(switch (next) {
					case 'n' -> '\n';
					case 't' -> '\t';
					default -> next;
				});
			}
			else {
				out.append(c);
			}
		}
		if (out.length() > MAX_VALUE_LENGTH) {
			throw new FilterException("valueTooLong", token.getStartIndex() + 1, MAX_VALUE_LENGTH);
		}
		return out.toString();
	}
}
