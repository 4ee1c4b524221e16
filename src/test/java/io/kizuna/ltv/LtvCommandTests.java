package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LtvCommandTests {

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void fitsBgNbdFromTheCdnowFileAndPrintsJson() {
		String out = run("fit", "--model=bgnbd", "--input=" + io.kizuna.SharedDatasets.resolve("cdnow/CDNOW_sample.txt"),
				"--calibration-end=1997-09-30");
		JsonNode result = json.readTree(out);
		assertThat(result.get("customers").asInt()).isEqualTo(2357);
		assertThat(result.get("parameters").get("r").asDouble()).isBetween(0.2425, 0.2435);
		assertThat(result.get("logLikelihood").asDouble()).isBetween(-9582.45, -9582.35);
	}

	@Test
	void fitsSbgAndRefusesBadCalls() {
		JsonNode sbg = json.readTree(run("fit", "--model=sbg", "--input=" + io.kizuna.SharedDatasets.resolve("sbg/regular_cohort.csv")));
		assertThat(sbg.get("parameters").get("alpha").asDouble()).isBetween(0.7035, 0.7045);
		CommandLine refused = new CommandLine(new LtvCommand());
		refused.setErr(new java.io.PrintWriter(java.io.Writer.nullWriter()));
		assertThat(refused.execute("fit", "--model=pareto", "--input=" + io.kizuna.SharedDatasets.resolve("sbg/regular_cohort.csv")))
			.isEqualTo(2);
	}

	private String run(String... args) {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			LtvCommand command = new LtvCommand();
			new CommandLine(command).parseArgs(args);
			assertThat(command.run(null)).isZero();
		}
		finally {
			System.setOut(original);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}
}
