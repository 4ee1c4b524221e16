package io.kizuna.shared.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.kizuna.KizunaProcess;
import io.kizuna.KizunaProcess.Outcome;
import io.kizuna.SharedDatasets;
import io.kizuna.TestHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar as an operator runs it. Beside a running server, on its data directory: the commands that may
 * work through it do, the others refuse in one sentence, and the server keeps answering with a database that takes
 * new connections. Only once its JVM is dead (SIGKILL) is its PostgreSQL an orphan that a command may stop.
 */
class CommandLineIT {

	@TempDir
	Path temp;

	@Test
	void aCommandBesideARunningServerWorksThroughItOrRefusesAndNeverStopsIt() throws Exception {
		Path dataDir = temp.resolve("data");
		String dataDirOption = "--kizuna.embedded-postgres.data-dir=" + dataDir;
		int port = KizunaProcess.freePort();
		Process server = KizunaProcess.serve(temp.resolve("server.log"), port, log -> log.contains("Workspace 'default' ready"),
				dataDirOption, "--kizuna.bootstrap.api-token=" + TestHttp.API_TOKEN);
		try {
			TestHttp http = new TestHttp(port);
			Path csv = Files.writeString(temp.resolve("accounts.csv"), "external_id,name\ncli-1,CLI One\ncli-2,CLI Two\n");

			Outcome imported = KizunaProcess.runIn(temp, "import", "accounts", csv.toString(), "--workspace", "default", dataDirOption);
			assertThat(imported.exitCode()).as(imported.stderr()).isZero();
			assertThat(imported.stderr()).contains("is running on " + dataDir + "; working through its PostgreSQL",
					"2 rows read, 2 imported");
			assertThat(http.get("/api/v1/accounts/cli-2", TestHttp.API_TOKEN).statusCode()).isEqualTo(200);
			assertServerAnswers(http, dataDir);

			Outcome backtest = KizunaProcess.runIn(temp, "backtest", "--step", "30", "--horizon=60", dataDirOption);
			assertThat(backtest.exitCode()).as(backtest.stderr()).isZero();
			assertThat(JsonMapper.builder().build().readTree(backtest.stdout()).get("horizonDays").asInt()).isEqualTo(60);
			assertServerAnswers(http, dataDir);

			Outcome restore = KizunaProcess.runIn(temp, "restore", temp.resolve("none.zip").toString(), dataDirOption);
			assertThat(restore.exitCode()).isOne();
			assertThat(restore.stdout()).isEmpty();
			assertThat(restore.stderr().lines()).singleElement().asString()
				.isEqualTo("kizuna restore: Kizuna (pid " + server.pid() + ") is running on " + dataDir
						+ "; stop it first, or give this command another data directory.");
			assertServerAnswers(http, dataDir);

			Outcome secondServer = KizunaProcess.runIn(temp, "serve", "--server.port=" + KizunaProcess.freePort(), dataDirOption);
			assertThat(secondServer.exitCode()).isOne();
			assertThat(secondServer.stderr().lines()).singleElement().asString().startsWith("kizuna serve: Kizuna (pid " + server.pid());
			assertServerAnswers(http, dataDir);
			assertThat(Files.readString(temp.resolve("server.log"))).doesNotContain("57P03", "shutting down", "terminating");

			// SIGKILL leaves the PostgreSQL running without its JVM: now it is an orphan, and a command takes over.
			server.destroyForcibly();
			assertThat(server.waitFor(1, TimeUnit.MINUTES)).isTrue();
			Outcome backup = KizunaProcess.runIn(temp, "backup", temp.resolve("after.zip").toString(), dataDirOption);
			assertThat(backup.exitCode()).as(backup.stderr()).isZero();
			assertThat(backup.stderr()).contains("Stopping an orphaned PostgreSQL");
			assertThat(backup.stdout()).startsWith("Backed up to");
		}
		finally {
			server.destroyForcibly();
		}
	}

	@Test
	void ltvFitIsPureComputationWithJsonOnStdout() throws Exception {
		Path empty = Files.createDirectory(temp.resolve("empty"));
		Outcome fit = KizunaProcess.runIn(empty, "ltv", "fit", "--model", "sbg", "--input",
				SharedDatasets.resolve("sbg/regular_cohort.csv").toAbsolutePath().toString());
		assertThat(fit.exitCode()).as(fit.stderr()).isZero();
		assertThat(fit.stderr()).isEmpty();
		assertThat(JsonMapper.builder().build().readTree(fit.stdout()).get("parameters").get("alpha").asDouble())
			.isBetween(0.7035, 0.7045);
		assertThat(filesIn(empty)).as("no database, no kizuna-data, no workspace").isEmpty();

		Outcome failed = KizunaProcess.runIn(empty, "ltv", "fit", "--model=bgnbd", "--input=missing.csv");
		assertThat(failed.exitCode()).isNotZero();
		assertThat(failed.stdout()).isEmpty();
		assertThat(failed.stderr().lines()).singleElement().asString().isEqualTo("kizuna ltv: cannot read missing.csv");
		assertThat(filesIn(empty)).isEmpty();

		Outcome help = KizunaProcess.runIn(empty, "--help");
		assertThat(help.exitCode()).isZero();
		assertThat(help.stdout()).contains("serve", "demo", "import", "ltv", "backtest", "backup", "restore");
		Outcome unknown = KizunaProcess.runIn(empty, "frobnicate");
		assertThat(unknown.exitCode()).isEqualTo(2);
		assertThat(unknown.stderr().lines()).singleElement().asString().startsWith("kizuna: Unknown command 'frobnicate'");
		assertThat(filesIn(empty)).isEmpty();
	}

	/** The sign-in page, an API call that reads the database, and a brand-new connection to its PostgreSQL. */
	private static void assertServerAnswers(TestHttp http, Path dataDir) throws Exception {
		assertThat(http.get("/login").statusCode()).isEqualTo(200);
		assertThat(http.get("/api/v1/accounts?size=1", TestHttp.API_TOKEN).statusCode()).isEqualTo(200);
		List<String> postmaster = Files.readAllLines(dataDir.resolve("pg17/postmaster.pid"));
		try (Connection db = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postmaster.get(3).trim() + "/kizuna",
				"postgres", ""); ResultSet rs = db.createStatement().executeQuery("select count(*) from account")) {
			assertThat(rs.next()).isTrue();
		}
	}

	private static List<Path> filesIn(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}
}
