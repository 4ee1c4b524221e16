package io.kizuna.ltv.web;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;

/**
 * Why a model could not be fitted, in the reader's language. The models say it in English (the API and the CLI show
 * that text); the page shows each known reason from its message, and only an unknown one as it came.
 */
record FitProblems(MessageSource messages, Locale locale) {

	private record Known(Pattern pattern, String key) {
	}

	private static final List<Known> KNOWN = List.of(
			known("sBG needs the cohort size and at least two further periods", "ltv.problem.sbgPeriods"),
			known("active customers must not grow from one period to the next \\(period (\\d+)\\)", "ltv.problem.sbgGrowth"),
			known("sBG needs at least 10 subscriptions observed for a period or more", "ltv.problem.sbgTooFew"),
			known("sBG needs at least one ended subscription.*", "ltv.problem.sbgNoChurn"),
			known("BG/NBD needs at least 10 customers, some with repeat purchases", "ltv.problem.bgnbdTooFew"),
			known("Gamma-Gamma needs at least 10 customers with repeat purchases.*", "ltv.problem.ggTooFew"),
			known("Gamma-Gamma: q ≤ 1.*", "ltv.problem.ggUnbounded"),
			known("the transaction log is empty.*", "ltv.problem.empty"),
			known("no purchases in ([A-Z]{3}).*", "ltv.problem.noPurchases"),
			known("no paid subscription started on plan (.+)", "ltv.problem.noPlan"),
			known("(.+): the fit did not converge.*", "ltv.problem.noConvergence"),
			known("(.+): the data cannot support a fit.*", "ltv.problem.unsupported"));

	private static Known known(String regex, String key) {
		return new Known(Pattern.compile(regex), key);
	}

	/** The reason as a sentence of the page's language; null for none. */
	public String text(String problem) {
		if (problem == null) {
			return null;
		}
		for (Known known : KNOWN) {
			Matcher m = known.pattern().matcher(problem);
			if (m.matches()) {
				Object[] args = new Object[m.groupCount()];
				for (int i = 0; i < args.length; i++) {
					args[i] = m.group(i + 1);
				}
				return messages.getMessage(known.key(), args, locale);
			}
		}
		return problem;
	}
}
