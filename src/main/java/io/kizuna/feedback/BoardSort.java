package io.kizuna.feedback;

import java.util.Locale;

/** How the board is ordered: by each measure of demand, largest first, or newest first. */
public enum BoardSort {

	ARR("arr_minor desc"), AT_RISK("arr_at_risk_minor desc"), ACCOUNTS("accounts desc"), VOTES("votes desc"),
	TIERS("tiers desc"), RICE("rice desc nulls last"), NEWEST("created_at desc");

	final String orderBy;

	BoardSort(String orderBy) {
		this.orderBy = orderBy;
	}

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The sort named by a code; unknown or blank: by ARR. */
	public static BoardSort parse(String code) {
		for (BoardSort sort : values()) {
			if (sort.code().equals(code)) {
				return sort;
			}
		}
		return ARR;
	}
}
