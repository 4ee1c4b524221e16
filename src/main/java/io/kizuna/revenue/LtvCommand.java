package io.kizuna.revenue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.InvalidInputException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar kizuna.jar ltv fit --model=bgnbd|gammagamma|sbg --input=FILE [--calibration-end=DATE]}: prints
 * the fitted parameters, the log-likelihood and fit diagnostics as JSON. Transaction models read a CSV
 * ({@code customer_id,date,amount}) or the CDNOW text format; sbg reads a CSV of {@code period,active}.
 */
@Component
@ConditionalOnProperty(name = "kizuna.cli.command", havingValue = "ltv")
class LtvCommand implements ApplicationRunner, ExitCodeGenerator {

	private static final String USAGE = "usage: java -jar kizuna.jar ltv fit --model=bgnbd|gammagamma|sbg --input=FILE "
			+ "[--calibration-end=YYYY-MM-DD]";

	private final JsonMapper json;

	private int exitCode;

	LtvCommand(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			if (!args.getNonOptionArgs().equals(List.of("fit")) || option(args, "model") == null
					|| option(args, "input") == null) {
				throw new InvalidInputException(USAGE);
			}
			Path input = Path.of(option(args, "input"));
			if (!Files.isReadable(input)) {
				throw new InvalidInputException("cannot read " + input);
			}
			Map<String, Object> result = switch (option(args, "model")) {
				case "sbg" -> sbg(input);
				case "bgnbd", "gammagamma" -> transactions(option(args, "model"), input, option(args, "calibration-end"));
				default -> throw new InvalidInputException("model: bgnbd, gammagamma or sbg\n" + USAGE);
			};
			System.out.println(json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(result));
		}
		catch (InvalidInputException ex) {
			System.err.println("ltv: " + ex.getMessage());
			exitCode = ex instanceof LtvFitException ? 1 : 2;
		}
		catch (java.io.IOException | java.time.DateTimeException ex) {
			System.err.println("ltv: " + ex.getMessage());
			exitCode = 2;
		}
	}

	private Map<String, Object> transactions(String model, Path input, String calibrationEnd) throws java.io.IOException {
		List<Transaction> log = TransactionFiles.read(input);
		if (log.isEmpty()) {
			throw new LtvFitException("no transactions in " + input);
		}
		LocalDate end = calibrationEnd != null ? LocalDate.parse(calibrationEnd)
				: log.stream().map(Transaction::date).max(LocalDate::compareTo).orElseThrow();
		List<CustomerHistory> customers = TransactionSummaries.calibrate(log, end);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("model", model);
		result.put("calibrationEnd", end.toString());
		result.put("transactions", log.size());
		result.put("customers", customers.size());
		result.put("repeatCustomers", customers.stream().filter(c -> c.x() > 0).count());
		long started = System.nanoTime();
		if ("bgnbd".equals(model)) {
			BgNbd fit = BgNbd.fit(customers);
			result.put("parameters", ordered("r", fit.r(), "alpha", fit.alpha(), "a", fit.a(), "b", fit.b()));
			result.put("logLikelihood", fit.logLikelihood());
			result.put("expectedRepeatPurchasesPerNewCustomer52Weeks", fit.expectedPurchases(52));
			result.put("meanProbabilityAlive", customers.stream().mapToDouble(fit::probabilityAlive).average().orElse(0));
		}
		else {
			GammaGamma fit = GammaGamma.fit(customers);
			result.put("parameters", ordered("p", fit.p(), "q", fit.q(), "gamma", fit.gamma()));
			result.put("logLikelihood", fit.logLikelihood());
			result.put("populationMeanSpend", fit.p() * fit.gamma() / (fit.q() - 1));
		}
		result.put("fitMillis", (System.nanoTime() - started) / 1_000_000);
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
		return result;
	}

	private static Map<String, Object> ordered(Object... pairs) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put((String) pairs[i], pairs[i + 1]);
		}
		return map;
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

	private static String option(ApplicationArguments args, String name) {
		List<String> values = args.getOptionValues(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}
}
