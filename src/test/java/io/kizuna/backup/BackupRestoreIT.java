package io.kizuna.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.kizuna.KizunaProcess;
import io.kizuna.TestHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The round trip an operator makes: a demo workspace served, stopped, backed up with {@code kizuna backup},
 * restored with {@code kizuna restore} into a fresh data directory; then every table of both databases compared by
 * row count and checksum, sequences included, and the restored copy served again (new rows get fresh ids) and
 * backed up hot while it runs.
 */
class BackupRestoreIT {

	static final String TOKEN = "kzt_demo_api_token_0001";

	@TempDir
	Path temp;

	@Test
	void aBackupRestoresIntoAFreshDataDirectoryIdentically() throws Exception {
		Path original = temp.resolve("original");
		Path restored = temp.resolve("restored");
		Path archive = temp.resolve("kizuna-backup.zip");

		int port = KizunaProcess.freePort();
		Process demo = KizunaProcess.serve(temp.resolve("demo.log"), port, log -> log.contains("Kizuna demo is ready"),
				"demo", "--accounts", "30", "--days", "45", "--kizuna.embedded-postgres.data-dir=" + original);
		// Things the demo generator does not make: a note and an audit trail of a sign-in failure.
		TestHttp http = new TestHttp(port);
		assertThat(http.send("POST", "/api/v1/accounts/acct-00001/notes", "{\"body\":\"バックアップ前のメモ\"}", TOKEN)
			.statusCode()).isEqualTo(201);
		assertThat(KizunaProcess.stop(demo)).as("graceful stop").isIn(0, 143);

		assertThat(KizunaProcess.run(temp.resolve("backup.log"), "backup", archive.toString(),
				"--kizuna.embedded-postgres.data-dir=" + original)).as(log("backup.log")).isZero();
		assertThat(Files.readString(temp.resolve("backup.log"))).contains("Backed up to");
		assertThat(KizunaProcess.run(temp.resolve("restore.log"), "restore", archive.toString(),
				"--kizuna.embedded-postgres.data-dir=" + restored)).as(log("restore.log")).isZero();
		assertThat(KizunaProcess.run(temp.resolve("again.log"), "restore", archive.toString(),
				"--kizuna.embedded-postgres.data-dir=" + restored)).as("a second restore without --replace").isOne();
		assertThat(Files.readString(temp.resolve("again.log"))).contains("--replace");

		Path damaged = temp.resolve("damaged.zip");
		damage(archive, damaged);
		assertThat(KizunaProcess.run(temp.resolve("damaged.log"), "restore", damaged.toString(), "--replace",
				"--kizuna.embedded-postgres.data-dir=" + restored)).as("a damaged archive").isOne();
		assertThat(Files.readString(temp.resolve("damaged.log"))).contains("damaged");

		// Compared after the refused restores: they changed nothing.
		Map<String, String> before = fingerprint(original);
		Map<String, String> after = fingerprint(restored);
		assertThat(before).containsKeys("account", "contact", "subscription", "event", "usage_daily", "audit_log",
				"workspace", "app_user", "api_token", "account_note");
		assertThat(before.get("event")).doesNotStartWith("0 ");
		assertThat(after).isEqualTo(before);

		// The restored copy serves, takes new rows without id clashes, and can be backed up while it runs.
		int port2 = KizunaProcess.freePort();
		Process server = KizunaProcess.serve(temp.resolve("restored.log"), port2, log -> log.contains("Workspace 'default' ready"),
				"--kizuna.embedded-postgres.data-dir=" + restored);
		try {
			TestHttp http2 = new TestHttp(port2);
			HttpResponse<String> list = http2.get("/api/v1/accounts?size=100", TOKEN);
			assertThat(list.body()).contains("\"total\":30");
			assertThat(http2.send("POST", "/api/v1/accounts", "{\"externalId\":\"after-restore\",\"name\":\"新規\"}", TOKEN)
				.statusCode()).isEqualTo(201);
			assertThat(http2.send("POST", "/api/v1/accounts/acct-00002/notes", "{\"body\":\"after\"}", TOKEN).statusCode())
				.isEqualTo(201);
			Path hot = temp.resolve("hot.zip");
			assertThat(KizunaProcess.run(temp.resolve("hot.log"), "backup", hot.toString(),
					"--kizuna.embedded-postgres.data-dir=" + restored)).as(log("hot.log")).isZero();
			assertThat(DatabaseBackup.inspect(hot).rows()).containsEntry("account", 31L);
			assertThat(http2.get("/api/v1/accounts/after-restore", TOKEN).statusCode()).as("still serving").isEqualTo(200);
			assertThat(KizunaProcess.run(temp.resolve("refused.log"), "restore", hot.toString(),
					"--kizuna.embedded-postgres.data-dir=" + restored)).as("no restore under a running server").isOne();
		}
		finally {
			KizunaProcess.stop(server);
		}
	}

	/** Per table: row count and an MD5 of all rows in a fixed order; per sequence its value. */
	private static Map<String, String> fingerprint(Path dataDir) throws Exception {
		Map<String, String> result = new TreeMap<>();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir.resolve("pg17"))
			.setCleanDataDirectory(false)
			.start(); Connection db = postgres.getDatabase("postgres", "kizuna").getConnection();
				Statement statement = db.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("""
					select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')
					  and not relispartition and relpersistence = 'p' and relname <> 'flyway_schema_history'""")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet rs = statement.executeQuery("select count(*) || ' ' || coalesce(md5(string_agg(t::text, "
						+ "E'\\n' order by t::text)), '-') from \"" + table + "\" t")) {
					rs.next();
					result.put(table, rs.getString(1));
				}
			}
			try (ResultSet rs = statement.executeQuery(
					"select sequencename, last_value from pg_sequences where schemaname = 'public'")) {
				while (rs.next()) {
					result.put("sequence " + rs.getString(1), String.valueOf(rs.getObject(2)));
				}
			}
		}
		return result;
	}

	/** The same archive with one character of one account changed: row counts agree, the checksum does not. */
	private static void damage(Path archive, Path damaged) throws Exception {
		try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(archive.toFile());
				java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(damaged))) {
			for (var entry : java.util.Collections.list(in.entries())) {
				byte[] data = in.getInputStream(entry).readAllBytes();
				if (entry.getName().equals("data/account.copy")) {
					int at = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("acct-0000");
					data[at] = 'X';
				}
				out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
				out.write(data);
				out.closeEntry();
			}
		}
	}

	private String log(String name) throws Exception {
		return Files.readString(temp.resolve(name));
	}
}
