package io.kizuna;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A database migrated before the migrations moved into one folder per module (V1..V13 side by side in
 * db/migration) upgrades: Flyway accepts the moved files as the applied ones (same versions, same checksums) and
 * applies the timestamped ones after them; a change noted by revenue's old trigger before the upgrade is still
 * pending after it, and a change after it is noted by the accounts module's feed.
 */
@SpringBootTest
class MigrationLayoutIT {

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDatabaseOfTheFlatLayoutUpgradesToTheModuleFolders() throws Exception {
		String database = "upgrade_" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("create database " + database).update();
		String url = ((HikariDataSource) dataSource).getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
		SimpleDriverDataSource upgraded = new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "");
		JdbcClient db = JdbcClient.create(upgraded);

		// The layout of 2026-11-30: every migration in one folder, the highest version 13.
		Path flat = Files.createTempDirectory("flat-migrations");
		List<Path> historic = TableOwnershipTests.files(TableOwnershipTests.MIGRATIONS, ".sql")
			.stream()
			.filter(p -> p.getFileName().toString().matches("V\\d{1,2}(_\\d+)?__.*"))
			.toList();
		assertThat(historic).hasSize(14);
		for (Path file : historic) {
			Files.copy(file, flat.resolve(file.getFileName()));
		}
		Flyway.configure().dataSource(upgraded).locations("filesystem:" + flat).load().migrate();
		assertThat(db.sql("select max(installed_rank) from flyway_schema_history").query(Integer.class).single())
			.isEqualTo(14);
		db.sql("insert into workspace (slug, name) values ('w', 'W')").update();
		long workspace = db.sql("select workspace_id from workspace").query(Long.class).single();
		db.sql("insert into account (workspace_id, external_id, name) values (?, 'a1', 'A1')").param(workspace).update();
		long account = db.sql("select account_id from account").query(Long.class).single();
		db.sql("""
				insert into subscription (workspace_id, external_id, account_id, plan, mrr_minor, currency, status, started_on)
				values (?, 's1', ?, 'Basic', 1000, 'JPY', 'active', date '2026-01-01')""").params(workspace, account).update();
		long subscription = db.sql("select subscription_id from subscription").query(Long.class).single();
		insertChange(db, workspace, subscription, account);
		assertThat(db.sql("select count(*) from revenue_pending").query(Long.class).single()).as("noted by V13").isOne();

		// The applied ones validate against the moved files (version, description, checksum); the new are pending.
		Flyway.configure()
			.dataSource(upgraded)
			.locations("classpath:db/migration")
			.ignoreMigrationPatterns("*:pending")
			.load()
			.validate();
		Flyway today = Flyway.configure().dataSource(upgraded).locations("classpath:db/migration").outOfOrder(true).load();
		today.migrate();
		assertThat(today.info().current().getVersion()).isGreaterThan(MigrationVersion.fromVersion("13"));
		assertThat(db.sql("""
				select tgname from pg_trigger where tgrelid = 'subscription_change'::regclass and not tgisinternal
				order by 1""").query(String.class).list()).containsExactly("accounts_subscription_change_deleted",
						"accounts_subscription_change_inserted", "accounts_subscription_change_updated");
		assertThat(db.sql("select indexname from pg_indexes where tablename = 'account' and indexname like 'account%_trgm'")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("accounts_account_name_trgm", "accounts_account_domain_trgm",
					"accounts_account_external_id_trgm");

		insertChange(db, workspace, subscription, account);
		assertThat(db.sql("select count(*) from revenue_pending").query(Long.class).single()).as("still pending").isOne();
		assertThat(db.sql("select consumer from subscription_feed").query(String.class).list()).containsExactly("revenue");
		assertThat(db.sql("select account_id from accounts_claim_subscription_changes('revenue', ?)")
			.param(workspace)
			.query(Long.class)
			.list()).containsExactly(account);
		assertThat(db.sql("select count(*) from subscription_feed").query(Long.class).single()).isZero();
		jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where datname = ?").param(database).query().listOfRows();
	}

	private static void insertChange(JdbcClient db, long workspace, long subscription, long account) {
		db.sql("""
				insert into subscription_change (workspace_id, subscription_id, account_id, effective_on, plan, mrr_minor,
				                                 currency, seats, status)
				values (?, ?, ?, ?, 'Basic', 1000, 'JPY', 1, 'active')""")
			.params(workspace, subscription, account, java.sql.Date.valueOf(LocalDate.of(2026, 1, 1)))
			.update();
	}
}
