package io.kizuna.bench;

import java.nio.file.*;
import java.sql.*;
import java.util.*;
import javax.sql.DataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * Whether the accounts list's queries plan the same through the accounts module's published view as on its table
 * (ADR 0020), on 100,000 accounts: {@code java -cp "target/classes:target/test-classes:$(cat target/bench.classpath)"
 * io.kizuna.bench.ViewPlans} after {@code bench/run.sh}'s build step. Prints both plans where they differ in more
 * than the alias PostgreSQL prints for the view.
 */
public class ViewPlans {
	public static void main(String[] args) throws Exception {
		Path dir = Files.createTempDirectory("explain-pg");
		try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start()) {
			DataSource ds = pg.getPostgresDatabase();
			Flyway.configure().dataSource(ds).locations("classpath:db/migration").outOfOrder(true).load().migrate();
			try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
				long t0 = System.nanoTime();
				s.execute("insert into workspace (slug, name) values ('x', 'X')");
				s.execute("""
						insert into account (workspace_id, external_id, name, domain, tier, lifecycle_stage, created_at)
						select 1, 'acct-' || g, 'Company ' || md5(g::text), 'c' || g || '.example.jp',
						       (array['smb','mid','enterprise'])[1 + g % 3], (array['onboarding','adopting','renewing'])[1 + g % 3],
						       now() - interval '30 days'
						from generate_series(1, 100000) g""");
				s.execute("""
						insert into health_account_status (workspace_id, account_id, day, score, band, live, arr_minor, currency,
						       next_renewal_on, last_active_on, revenue_at_risk_minor, signal_kinds)
						select 1, account_id, current_date, (random() * 100)::numeric(5, 2),
						       (array['red','yellow','green'])[1 + account_id % 3], true, (random() * 1e7)::bigint, 'JPY',
						       current_date + (random() * 365)::int, current_date - (random() * 30)::int,
						       (random() * 1e6)::bigint, '{}'
						from account""");
				s.execute("insert into health_status_run values (1, current_date, now() - interval '1 day')");
				s.execute("analyze");
				System.out.printf("fixture: 100,000 accounts and statuses in %.1f s%n", (System.nanoTime() - t0) / 1e9);
				String cols = "a.account_id, a.external_id, a.name, a.domain, a.tier, a.lifecycle_stage, a.owner_user_id, s.score";
				Map<String, String> queries = new LinkedHashMap<>();
				queries.put("name order, page 1", "select " + cols + " from ACC a left join health_account_status s on s.workspace_id = a.workspace_id and s.account_id = a.account_id where a.workspace_id = 1 order by a.name, a.account_id limit 50 offset 0");
				queries.put("score order, page 5", "select " + cols + " from health_account_status s join ACC a on a.workspace_id = s.workspace_id and a.account_id = s.account_id where s.workspace_id = 1 order by s.live desc, s.score desc nulls last, s.account_id limit 250");
				queries.put("search, capped count", "select count(*) from (select 1 from ACC a where a.workspace_id = 1 and (a.name ilike '%abc%' or a.domain ilike '%abc%' or a.external_id ilike '%abc%') limit 10001) c");
				queries.put("tier + stage, name order", "select " + cols + " from ACC a left join health_account_status s on s.workspace_id = a.workspace_id and s.account_id = a.account_id where a.workspace_id = 1 and a.tier = 'smb' and a.lifecycle_stage = 'adopting' order by a.name, a.account_id limit 50");
				queries.put("unscored since the run", "select a.account_id from ACC a where a.workspace_id = 1 and a.created_at between now() - interval '1 hour' and now() + interval '1 day' and not exists (select 1 from health_account_status s where s.workspace_id = a.workspace_id and s.account_id = a.account_id) order by a.account_id limit 50");
				queries.put("red by ARR (materialized)", "with s as materialized (select * from health_account_status s where s.workspace_id = 1 and s.band = 'red') select " + cols + " from s join ACC a on a.workspace_id = 1 and a.account_id = s.account_id where true order by s.arr_minor desc, s.account_id desc limit 50");
				queries.put("worklist, risk first, page 2", "select " + cols + " from health_account_status s join ACC a on a.workspace_id = s.workspace_id and a.account_id = s.account_id where s.workspace_id = 1 and s.live order by (s.band in ('red', 'yellow') or cardinality(s.signal_kinds) > 0) desc nulls last, s.revenue_at_risk_minor desc, s.account_id limit 25 offset 25");
				for (var q : queries.entrySet()) {
					String onTable = plan(s, q.getValue().replace("ACC", "account"));
					String onView = plan(s, q.getValue().replace("ACC", "accounts_v_account"));
					boolean same = shape(onTable).equals(shape(onView));
					System.out.printf("%-28s table %6.2f ms  view %6.2f ms  same plan: %s%n", q.getKey(), time(onTable), time(onView), same);
					if (!same) {
						System.out.println("--- table:\n" + onTable + "--- view:\n" + onView);
					}
				}
			}
		}
	}

	static String plan(Statement s, String sql) throws SQLException {
		for (int i = 0; i < 3; i++) {
			s.executeQuery("explain (analyze) " + sql).close();
		}
		StringBuilder out = new StringBuilder();
		try (ResultSet rs = s.executeQuery("explain (analyze) " + sql)) {
			while (rs.next()) {
				out.append(rs.getString(1)).append('\n');
			}
		}
		return out.toString();
	}

	/** The plan without its measurements. */
	static String shape(String plan) {
		return plan.replace(" on account a ", " on account ").replace("a.", "account.").replaceAll("\\(actual[^)]*\\)", "").replaceAll("(?m)^\\s*(Planning|Execution) Time.*$", "")
			.replaceAll("\\(cost[^)]*\\)", "").replaceAll("Rows Removed by Filter: \\d+", "").replaceAll("Heap Blocks.*", "")
			.replaceAll("Memory Usage: \\d+kB", "").replaceAll("Memory: \\d+kB", "").replaceAll("Buckets: \\d+", "");
	}

	static double time(String plan) {
		var m = java.util.regex.Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
		return m.find() ? Double.parseDouble(m.group(1)) : -1;
	}
}
