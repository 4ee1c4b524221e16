package io.kizuna.ltv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.cli.KizunaCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar kizuna.jar ltv fit --model=bgnbd|gammagamma|sbg --input=FILE [--calibration-end=DATE]}: prints
 * the fitted parameters, the log-likelihood and fit diagnostics as JSON. Transaction models read a CSV
 * ({@code customer_id,date,amount}) or the CDNOW text format; sbg reads a CSV of {@code period,active}. Pure
 * computation: no database, no data directory, nothing on stdout but the JSON.
 */
@Command(name = "ltv", description = "Fit a lifetime-value model to a transaction log or a cohort and print the "
		+ "parameters as JSON (no database needed).")
class LtvCommand implements KizunaCommand {

	enum Action {
		fit
	}

	enum Model {
		bgnbd, gammagamma, sbg
	}

	private static final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Parameters(index = "0", paramLabel = "fit", description = "What to do; fit is the only action.")
	Action action;

	@Option(names = "--model", required = true, paramLabel = "MODEL", description = "bgnbd, gammagamma or sbg.")
	Model model;

	@Option(names = "--input", required = true, paramLabel = "FILE",
			description = "customer_id,date,amount CSV or the CDNOW format, sample or master, header line or not, "
					+ "plain or gzip (bgnbd, gammagamma); period,active CSV (sbg).")
	Path input;

	@Option(names = "--calibration-end", paramLabel = "YYYY-MM-DD",
			description = "End of the calibration period (default: the last transaction's date).")
	LocalDate calibrationEnd;

	@Override
	public Needs needs() {
		return Needs.NOTHING;
	}

	@Override
	public int run(ApplicationContext none) {
		try {
			if (!Files.isReadable(input)) {
				throw new InvalidInputException("cannot read " + input);
			}
			Map<String, Object> result = model == Model.sbg ? sbg(input) : transactions(model.name(), input, calibrationEnd);
			System.out.println(json.writeValueAsString(result));
			return 0;
		}
		catch (InvalidInputException ex) {
			System.err.println("kizuna ltv: " + ex.getMessage());
			return ex instanceof LtvFitException ? 1 : 2;
		}
		catch (java.io.IOException | RuntimeException ex) {
			// A file that is not what it should be, a fit that cannot be computed: the reason, not a stack trace.
			System.err.println("kizuna ltv: could not fit " + model + " to " + input + ": " + ex.getMessage());
			return 1;
		}
	}

	private static Map<String, Object> transactions(String model, Path input, LocalDate calibrationEnd) throws java.io.IOException {
		List<Transaction> log = TransactionFiles.read(input);
		if (log.isEmpty()) {
			throw new LtvFitException("no transactions in " + input);
		}
		LocalDate end = calibrationEnd != null ? calibrationEnd
				: log.stream().map(Transaction::date).max(LocalDate::compareTo).orElseThrow();
		List<CustomerHistory> customers = TransactionSummaries.calibrate(log, end);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("model", model);
		result.put("calibrationEnd", end.toString());
		result.put("transactions", log.size());
		result.put("customers", customers.size());
		result.put("repeatCustomers", customers.stream().filter(c -> c.x() > 0).count());
		long started = System.nanoTime();
		LocalDate first = log.stream().map(Transaction::date).min(LocalDate::compareTo).orElseThrow();
		int logDays = (int) java.time.temporal.ChronoUnit.DAYS.between(first, end) + 1;
		List<FitWarning> warnings;
		if ("bgnbd".equals(model)) {
			BgNbd fit = BgNbd.fit(customers);
			warnings = FitWarning.of(fit, null, logDays);
			result.put("parameters", ordered("r", fit.r(), "alpha", fit.alpha(), "a", fit.a(), "b", fit.b()));
			result.put("logLikelihood", fit.logLikelihood());
			result.put("expectedRepeatPurchasesPerNewCustomer52Weeks", fit.expectedPurchases(52));
			result.put("meanProbabilityAlive", customers.stream().mapToDouble(fit::probabilityAlive).average().orElse(0));
		}
		else {
			GammaGamma fit = GammaGamma.fit(customers);
			warnings = FitWarning.of(null, fit, logDays);
			result.put("spendCustomers", fit.customers());
			result.put("spendLeftOut", fit.leftOut());
			result.put("parameters", ordered("p", fit.p(), "q", fit.q(), "gamma", fit.gamma()));
			result.put("logLikelihood", fit.logLikelihood());
			result.put("populationMeanSpend", fit.p() * fit.gamma() / (fit.q() - 1));
		}
		result.put("fitMillis", (System.nanoTime() - started) / 1_000_000);
		result.put("warnings", warnings.stream().map(FitWarning::message).toList());
		// Also on stderr: a script reading only the parameters should not miss that they collapsed.
		warnings.forEach(w -> System.err.println("kizuna ltv: warning: " + w.message()));
		return result;
	}

	private static Map<String, Object> sbg(Path input) throws java.io.IOException {
		int[] active = Files.readAllLines(input).stream().skip(1).map(String::strip).filter(line -> !line.isEmpty())
			.mapToInt(line -> {
				try {
					return Integer.parseInt(line.split(",")[1].strip());
				}
				catch (RuntimeException ex) {
					throw new InvalidInputException("expected lines 'period,active' after a header, found: " + line);
				}
			})
			.toArray();
		ShiftedBetaGeometric fit = ShiftedBetaGeometric.fit(active);
		List<FitWarning> warnings = FitWarning.of(new LinkedHashMap<>(Map.of("alpha", fit.alpha(), "beta", fit.beta())),
				"sBG", null);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("model", "sbg");
		result.put("periods", active.length - 1);
		result.put("parameters", ordered("alpha", fit.alpha(), "beta", fit.beta()));
		result.put("logLikelihood", fit.logLikelihood());
		double[] projected = new double[12];
		for (int t = 1; t <= projected.length; t++) {
			projected[t - 1] = fit.survival(t);
		}
		result.put("projectedSurvival", projected);
		result.put("warnings", warnings.stream().map(FitWarning::message).toList());
		warnings.forEach(w -> System.err.println("kizuna ltv: warning: " + w.message()));
		return result;
	}

	private static Map<String, Object> ordered(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}
}
