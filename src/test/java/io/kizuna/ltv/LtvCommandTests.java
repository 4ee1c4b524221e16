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

	/**
	 * The master file's layout (customer, yyyymmdd, CDs, dollars) under a line of column names, as the CDNOW files
	 * are distributed, here made from the sample's own lines (and gzip-compressed): the same fit as the sample.
	 * Its eight purchases of $0 are purchases: the published 2,357 customers include their buyers.
	 */
	@Test
	void readsTheCdnowMasterLayoutWithItsHeaderLinePlainOrGzipped() throws Exception {
		java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("customer_id date cds dollars"));
		for (String line : java.nio.file.Files.readAllLines(io.kizuna.SharedDatasets.resolve("cdnow/CDNOW_sample.txt"))) {
			String[] f = line.strip().split("\\s+");
			if (f.length == 5) {
				lines.add(" " + f[0] + " " + f[2] + "  " + f[3] + "  " + f[4] + "\r");
			}
		}
		java.nio.file.Path master = java.nio.file.Files.createTempFile("CDNOW_master", ".txt");
		java.nio.file.Files.write(master, lines);
		java.nio.file.Path gzipped = java.nio.file.Files.createTempFile("CDNOW_master", ".txt.gz");
		try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gzipped))) {
			java.nio.file.Files.copy(master, out);
		}
		for (java.nio.file.Path file : java.util.List.of(master, gzipped)) {
			JsonNode bgnbd = json.readTree(run("fit", "--model=bgnbd", "--input=" + file, "--calibration-end=1997-09-30"));
			assertThat(bgnbd.get("transactions").asInt()).isEqualTo(6919);
			assertThat(bgnbd.get("customers").asInt()).isEqualTo(2357);
			assertThat(bgnbd.get("parameters").get("r").asDouble()).isBetween(0.2425, 0.2435);
			assertThat(bgnbd.get("parameters").get("a").asDouble()).isBetween(0.7925, 0.7935);
			assertThat(bgnbd.get("logLikelihood").asDouble()).isBetween(-9582.45, -9582.35);
			assertThat(bgnbd.get("warnings")).isEmpty();
			JsonNode spend = json.readTree(run("fit", "--model=gammagamma", "--input=" + file, "--calibration-end=1997-09-30"));
			assertThat(spend.get("spendCustomers").asInt()).isEqualTo(946);
			assertThat(spend.get("spendLeftOut").asInt()).isZero();
			assertThat(spend.get("parameters").get("p").asDouble()).isBetween(6.245, 6.255);
		}
	}

	@Test
	void aCollapsedFitIsPrintedWithAWarningAndZeroAmountsAreNotRefused() throws Exception {
		// Twelve customers over three weeks, each buying every few days: nothing in 23 days shows anyone leaving.
		StringBuilder csv = new StringBuilder("customer_id,date,amount\n");
		for (int c = 0; c < 30; c++) {
			for (int d = c % 4; d < 23; d += 3 + c % 5) {
				csv.append("c").append(c).append(",2010-12-").append(String.format("%02d", d + 1)).append(',')
					.append(d == 0 ? "0" : "12.50").append('\n');
			}
		}
		java.nio.file.Path file = java.nio.file.Files.createTempFile("short", ".csv");
		java.nio.file.Files.writeString(file, csv);
		JsonNode fit = json.readTree(run("fit", "--model=bgnbd", "--input=" + file));
		assertThat(fit.get("customers").asInt()).isEqualTo(30);
		assertThat(fit.get("warnings")).isNotEmpty();
		assertThat(fit.get("warnings").get(0).asString()).contains("collapsed", "23 days");
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
