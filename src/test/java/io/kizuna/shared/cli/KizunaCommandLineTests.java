package io.kizuna.shared.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.kizuna.KizunaApplication;
import io.kizuna.SharedDatasets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jar's command line in this JVM, with the commands the modules really contribute: help, usage errors and both
 * option forms. Nothing here starts a Spring context (ltv fit needs none; the others fail before one).
 */
class KizunaCommandLineTests {

	static final String CDNOW = SharedDatasets.resolve("cdnow/CDNOW_sample.txt").toString();

	static final String COHORT = SharedDatasets.resolve("sbg/regular_cohort.csv").toString();

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theUsageListsEveryCommandTheModulesContribute() {
		Run help = run("--help");
		assertThat(help.code()).isZero();
		assertThat(help.out()).contains("Usage: java -jar kizuna.jar", "Commands:");
		for (String command : List.of("serve", "demo", "import", "ltv", "backtest", "backup", "restore")) {
			assertThat(help.out()).containsPattern("(?m)^\\s+" + command + "\\s");
		}
		assertThat(help.err()).isEmpty();
	}

	@Test
	void everyCommandHasItsHelp() {
		for (String command : List.of("serve", "demo", "import", "ltv", "backtest", "backup", "restore")) {
			Run help = run(command, "--help");
			assertThat(help.code()).as(command).isZero();
			assertThat(help.out()).as(command).startsWith("Usage: java -jar kizuna.jar " + command).contains("--help");
		}
		assertThat(run("ltv", "--help").out()).contains("--model=MODEL", "--input=FILE", "--calibration-end=YYYY-MM-DD");
		assertThat(run("demo", "-h").out()).contains("--accounts=N", "--seed=N", "--days=N");
	}

	@Test
	void ltvFitTakesBothOptionFormsAndPrintsOnlyJson() {
		Run spaced = run("ltv", "fit", "--model", "bgnbd", "--input", CDNOW, "--calibration-end", "1997-09-30");
		Run joined = run("ltv", "fit", "--model=bgnbd", "--input=" + CDNOW, "--calibration-end=1997-09-30");
		for (Run fit : List.of(spaced, joined)) {
			assertThat(fit.code()).isZero();
			assertThat(fit.err()).isEmpty();
			JsonNode result = json.readTree(fit.out());
			assertThat(result.get("customers").asInt()).isEqualTo(2357);
			assertThat(result.get("parameters").get("r").asDouble()).isBetween(0.2425, 0.2435);
		}
		assertThat(json.readTree(spaced.out()).get("parameters")).isEqualTo(json.readTree(joined.out()).get("parameters"));

		Run sbg = run("ltv", "fit", "--model", "sbg", "--input", COHORT);
		assertThat(json.readTree(sbg.out()).get("parameters").get("alpha").asDouble()).isBetween(0.7035, 0.7045);
	}

	@Test
	void aFailedFitIsOneSentenceOnStderrAndNothingOnStdout() {
		Run missing = run("ltv", "fit", "--model", "gammagamma", "--input", "/no/such/file.csv");
		assertThat(missing.code()).isNotZero();
		assertThat(missing.out()).isEmpty();
		assertThat(missing.err().lines()).singleElement().asString().contains("cannot read /no/such/file.csv");

		Run wrongModel = run("ltv", "fit", "--model", "pareto", "--input", COHORT);
		assertThat(wrongModel.code()).isEqualTo(2);
		assertThat(wrongModel.out()).isEmpty();
		assertThat(wrongModel.err().lines()).singleElement().asString().contains("--model", "pareto", "bgnbd");
	}

	@Test
	void anUnknownCommandOrOptionIsOneSentenceAndExitCodeTwo() {
		Run command = run("frobnicate", "--fast");
		assertThat(command.code()).isEqualTo(2);
		assertThat(command.out()).isEmpty();
		assertThat(command.err().lines()).singleElement().asString()
			.startsWith("kizuna: Unknown command 'frobnicate'; the commands are serve, demo, ")
			.contains("java -jar kizuna.jar --help");

		Run option = run("ltv", "fit", "--modle", "bgnbd", "--input", COHORT);
		assertThat(option.code()).isEqualTo(2);
		assertThat(option.err().lines()).singleElement().asString()
			.startsWith("kizuna ltv: Unknown option: '--modle'").contains("java -jar kizuna.jar ltv --help");

		Run missingArgument = run("backup");
		assertThat(missingArgument.code()).isEqualTo(2);
		assertThat(missingArgument.err().lines()).singleElement().asString().contains("Missing required parameter", "FILE");

		assertThat(run("ltv", "fit", "--model", "sbg").err().lines()).singleElement().asString().contains("--input");
		assertThat(run("--version").code()).isEqualTo(2);
	}

	@Test
	void springPropertiesPassThroughToTheContext() {
		Arguments arguments = Arguments.of("--server.port=9090", "demo", "--accounts", "30", "--kizuna.embedded-postgres.data-dir=/x",
				"--days=45");
		assertThat(arguments.command()).containsExactly("demo", "--accounts", "30", "--days=45");
		assertThat(arguments.spring()).containsExactly("--server.port=9090", "--kizuna.embedded-postgres.data-dir=/x");
		assertThat(Arguments.of("--server.port=9090").command()).containsExactly("serve");
		assertThat(Arguments.of("ltv", "fit", "--input=./data.v2.csv").spring()).isEmpty();
	}

	record Run(int code, String out, String err) {
	}

	private static Run run(String... args) {
		PrintStream originalOut = System.out;
		PrintStream originalErr = System.err;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		try {
			int code = KizunaCommandLine.of(KizunaApplication.class).execute(args);
			return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(originalOut);
			System.setErr(originalErr);
		}
	}
}
