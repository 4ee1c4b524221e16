package io.kizuna.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.kizuna.KizunaApplication;
import io.kizuna.health.AccountListQuery;
import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSettings;
import io.kizuna.health.SignalThresholds;
import io.kizuna.segments.EvaluationReason;
import io.kizuna.segments.SegmentDraft;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.segments.filter.CompiledFilter;
import io.kizuna.segments.filter.FilterContext;
import io.kizuna.segments.filter.FilterParser;
import io.kizuna.segments.filter.SqlCompiler;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Segments at N accounts (default 100,000, the rescoring fixture: 90 days of rollups, scored once): a five-condition
 * segment evaluated (count and first accounts) p50; 20 saved segments re-evaluated as after a scoring run; the
 * accounts list filtered by a segment, p95.
 *
 * bench/run.sh segments [accounts] [runs]; BENCH_REUSE=1 keeps the fixture
 */
public final class SegmentBenchmark {

	static final String FIVE = "tier = \"enterprise\" and health.band in (\"red\", \"yellow\")"
			+ " and usage.active_users_30d < 3 and subscription.arr >= 100000 and subscription.days_to_renewal <= 365";

	public static void main(String[] args) {
		int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
		int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KizunaApplication.class)
			.web(WebApplicationType.NONE)
			.run("--kizuna.embedded-postgres.data-dir=" + Path.of("target/bench-data").toAbsolutePath(),
					"--kizuna.embedded-postgres.clean=" + !Boolean.getBoolean("bench.reuse"), "--kizuna.scheduling.enabled=false",
					"--logging.level.root=WARN")) {
			WorkspaceManagement workspaces = app.getBean(WorkspaceManagement.class);
			boolean reuse = workspaces.findBySlug("bench").isPresent();
			WorkspaceId workspace = reuse ? workspaces.findBySlug("bench").get().id()
					: workspaces.create(new NewWorkspace("bench", "Bench", "JPY", "Asia/Tokyo", "ja")).id();
			app.getBean(HealthAdministration.class).saveSettings(workspace,
					new HealthSettings(List.of("Report Created", "Integration Connected"), SignalThresholds.defaults()));
			HealthScoring scoring = app.getBean(HealthScoring.class);
			SegmentManagement segments = app.getBean(SegmentManagement.class);
			LocalDate day = scoring.today(workspace).minusDays(1);
			if (!reuse) {
				long t0 = System.nanoTime();
				RescoringBenchmark.Fixture.load(app.getBean(JdbcClient.class), workspace, accounts, day);
				scoring.recompute(workspace, day);
				System.out.printf("fixture and one scoring run: %d accounts in %.1f s%n", accounts, (System.nanoTime() - t0) / 1e9);
			}
			// before/after ADR 0066 in one run, interleaved: every source joined whole, then usage windows per account
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			FilterContext context = new FilterContext(workspace.value(), scoring.today(workspace), "Asia/Tokyo",
					segments.fields(), key -> false, key -> java.util.Optional.empty());
			List<Long> whole = new ArrayList<>();
			List<Long> evaluate = new ArrayList<>();
			long wholeCount = 0;
			long count = 0;
			for (int i = 0; i < runs; i++) {
				long t = System.nanoTime();
				wholeCount = preview(jdbc, workspace, SqlCompiler.compile(FilterParser.parse(FIVE), context, false));
				whole.add((System.nanoTime() - t) / 1_000_000);
				t = System.nanoTime();
				count = segments.preview(workspace, FIVE).count();
				evaluate.add((System.nanoTime() - t) / 1_000_000);
			}
			System.out.printf("five-condition segment, sources joined whole (%d matches): p50 %d ms, max %d ms over %d runs%n",
					wholeCount, p(whole, 0.5), Collections.max(whole), runs);
			System.out.printf("five-condition segment (%d matches): p50 %d ms, max %d ms over %d runs%n", count,
					p(evaluate, 0.5), Collections.max(evaluate), runs);
			System.out.println(load());
			if (Boolean.getBoolean("bench.explain")) {
				for (boolean lateral : new boolean[] { false, true }) {
					CompiledFilter compiled = SqlCompiler.compile(FilterParser.parse(FIVE), context, lateral);
					List<Object> params = new ArrayList<>(compiled.parameters());
					System.out.println(String.join("\n", jdbc.sql("explain (analyze, buffers) " + compiled.sql())
						.params(params).query(String.class).list()));
				}
			}
			for (int i = 0; i < 20; i++) {
				String key = "bench-" + i;
				if (segments.list(workspace).stream().noneMatch(s -> s.key().equals(key))) {
					segments.create(workspace, new SegmentDraft(key, "Bench " + i, switch (i % 4) {
						case 0 -> FIVE;
						case 1 -> "tier = \"smb\" and usage.active_days_30d <= " + i;
						case 2 -> "health.score < " + (30 + i) + " or health.open_signals > 1";
						default -> "subscription.mrr >= " + (i * 5000) + " and usage.days_since_active > 7";
					}));
				}
			}
			long t = System.nanoTime();
			segments.evaluateAll(workspace, EvaluationReason.SCORED, null);
			System.out.printf("20 saved segments re-evaluated: %d ms (%s)%n", (System.nanoTime() - t) / 1_000_000, load());
			long segmentId = segments.get(workspace, "bench-1").id();
			HealthQueries health = app.getBean(HealthQueries.class);
			List<Long> list = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				long s = System.nanoTime();
				health.accounts(workspace, new AccountListQuery(null, null, null, null, null, null, null, segmentId,
						AccountListQuery.Sort.NAME, false, i % 4, 25));
				list.add((System.nanoTime() - s) / 1_000);
			}
			System.out.printf("segment-filtered accounts list (%d members): p50 %.1f ms, p95 %.1f ms over 40 pages%n",
					segments.get(workspace, "bench-1").memberCount(), p(list, 0.5) / 1000.0, p(list, 0.95) / 1000.0);
		}
	}

	/** The builder preview's query (SegmentManagement.preview) over a given compilation: count and the first 20. */
	private static long preview(JdbcClient jdbc, WorkspaceId workspace, CompiledFilter compiled) {
		List<Object> params = new ArrayList<>(compiled.parameters());
		params.add(workspace.value());
		params.add(SegmentManagement.PREVIEW_ACCOUNTS);
		long[] count = { 0 };
		jdbc.sql("""
				select a.external_id, a.name, a.tier, count(*) over () from accounts_v_account a
				where a.account_id in (%s) and a.workspace_id = ?
				order by a.name, a.account_id limit ?""".formatted(compiled.sql())).params(params)
			.query((rs, n) -> count[0] = rs.getLong(4)).list();
		return count[0];
	}

	static String load() {
		try {
			return "load average " + java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
		}
		catch (java.io.IOException ex) {
			return "load average unknown";
		}
	}

	private static long p(List<Long> values, double q) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
	}
}
