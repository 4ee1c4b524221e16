package io.kizuna.segments;

import java.util.EnumSet;
import java.util.Set;

import io.kizuna.segments.filter.FilterNode.Operator;

/** What a segment field holds, which decides the operators and values a condition on it may use. */
public enum FieldType {

	TEXT(EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN, Operator.CONTAINS, Operator.NOT_CONTAINS,
			Operator.EMPTY, Operator.NOT_EMPTY)),
	/** Text with a closed set of values (a band, a status): the builder offers them, others are refused. */
	CHOICE(EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN, Operator.EMPTY, Operator.NOT_EMPTY)),
	NUMBER(EnumSet.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE, Operator.IN,
			Operator.NOT_IN, Operator.EMPTY, Operator.NOT_EMPTY)),
	/** An amount in the major unit of the account's currency (¥1,200,000, $1,500.50). */
	MONEY(NUMBER.operators),
	DATE(NUMBER.operators),
	BOOL(EnumSet.of(Operator.EQ, Operator.NE, Operator.EMPTY, Operator.NOT_EMPTY)),
	/** A set of codes (open signals): one is in it or not. */
	LIST(EnumSet.of(Operator.CONTAINS, Operator.NOT_CONTAINS, Operator.EMPTY, Operator.NOT_EMPTY)),
	/** Membership of another saved segment, by its key. */
	SEGMENT(EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.NOT_IN));

	private final Set<Operator> operators;

	FieldType(Set<Operator> operators) {
		this.operators = Set.copyOf(operators);
	}

	public Set<Operator> operators() {
		return operators;
	}
}
