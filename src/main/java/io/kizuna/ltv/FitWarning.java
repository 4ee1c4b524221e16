package io.kizuna.ltv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Something to know before trusting a fit that did converge. {@code code} is one of {@value #DEGENERATE} (a parameter
 * ran off towards 0 or infinity: the data cannot tell it, e.g. a = 1.3e-8 on a 23-day log makes every customer look
 * alive forever) and {@value #SPEND_LEFT_OUT} (repeat customers whose purchases averaged 0 were left out of the spend
 * model; {@code value} is how many). {@code message} is the English sentence; pages word it from the code.
 *
 * @param logDays days from the first purchase to the calibration end, for the degenerate case (null otherwise)
 */
public record FitWarning(String code, String model, String parameter, double value, Integer logDays, String message) {

	public static final String DEGENERATE = "degenerate";

	public static final String SPEND_LEFT_OUT = "spendLeftOut";

	/** Shape parameters beyond these bounds have collapsed: a likelihood that is flat in them, not an estimate. */
	static final double LOWEST = 1e-4;

	static final double HIGHEST = 1e4;

	static List<FitWarning> of(Map<String, Double> parameters, String model, Integer logDays) {
		List<FitWarning> warnings = new ArrayList<>();
		parameters.forEach((name, value) -> {
			if (value < LOWEST || value > HIGHEST) {
				warnings.add(new FitWarning(DEGENERATE, model, name, value, logDays, String.format(Locale.ROOT,
						"%s: %s = %.3g collapsed towards %s; the data%s cannot tell this parameter, so predictions "
								+ "from this fit are not reliable (a longer history usually helps)",
						model, name, value, value < LOWEST ? "0" : "infinity",
						logDays == null ? "" : " (" + logDays + " days of purchases)")));
			}
		});
		return warnings;
	}

	static FitWarning spendLeftOut(int customers) {
		return new FitWarning(SPEND_LEFT_OUT, "Gamma-Gamma", null, customers, null, customers
				+ " repeat customers spent 0 on average and were left out of the Gamma-Gamma fit (they are valued at the "
				+ "population's mean spend)");
	}

	/**
	 * The warnings of a transaction-model pair: BG/NBD's, Gamma-Gamma's and the customers it left out. Only shape
	 * parameters are judged; the scales (α in weeks, γ in the currency: ¥12,000 is an ordinary γ) have no bound of
	 * their own, and when a rate collapses its shape r goes with it.
	 */
	static List<FitWarning> of(BgNbd bgNbd, GammaGamma gammaGamma, Integer logDays) {
		List<FitWarning> warnings = new ArrayList<>();
		if (bgNbd != null) {
			warnings.addAll(of(linked("r", bgNbd.r(), "a", bgNbd.a(), "b", bgNbd.b()), "BG/NBD",
					logDays));
		}
		if (gammaGamma != null) {
			warnings.addAll(of(linked("p", gammaGamma.p(), "q", gammaGamma.q()),
					"Gamma-Gamma", logDays));
			if (gammaGamma.leftOut() > 0) {
				warnings.add(spendLeftOut(gammaGamma.leftOut()));
			}
		}
		return warnings;
	}

	private static Map<String, Double> linked(Object... namesAndValues) {
		Map<String, Double> map = new java.util.LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			map.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
		}
		return map;
	}

	/** The value as pages show it: 1.3e-08 for a collapsed parameter, the count for customers left out. */
	public String valueShown() {
		return SPEND_LEFT_OUT.equals(code) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2g", value);
	}
}
