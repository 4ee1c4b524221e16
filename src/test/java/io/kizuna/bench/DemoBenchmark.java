package io.kizuna.bench;

import java.time.LocalDate;

import io.kizuna.demo.DemoLoader;
import io.kizuna.health.HealthScoring;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo workspace at scale, loaded through the application's own paths ({@link DemoLoader}: accounts and
 * subscription history through the accounts module, usage through {@code UsageIngestion} in chunks of 2,000 events,
 * then the rollups and 30 days of health scores), on a fresh embedded PostgreSQL with fsync on.
 *
 * bench/run.sh demo [accounts=100000] [days=90]
 */
public final class DemoBenchmark {

	public static void main(String[] args) throws Exception {
		int accounts = BenchServer.arg(args, 0, 100_000);
		int days = BenchServer.arg(args, 1, 90);
		try (BenchServer server = new BenchServer("target/bench-demo", 0, "--logging.level.io.kizuna.demo=INFO")) {
			System.out.println("machine: " + BenchServer.machine());
			WorkspaceId workspace = server.bean(WorkspaceManagement.class)
				.create(new NewWorkspace("demo-scale", "Demo at scale", "JPY", "Asia/Tokyo", "ja"))
				.id();
			DemoLoader.Loaded loaded;
			long peakRss;
			long peakHeap;
			try (BenchServer.MemoryPeak peak = new BenchServer.MemoryPeak()) {
				loaded = server.bean(DemoLoader.class).load(workspace, 42, accounts, days, 2_000);
				peakRss = peak.rss;
				peakHeap = peak.heap;
			}
			JdbcClient jdbc = server.bean(JdbcClient.class);
			long events = jdbc.sql("select count(*) from event where workspace_id = ?")
				.param(workspace.value())
				.query(Long.class)
				.single();
			long contacts = jdbc.sql("select count(*) from contact where workspace_id = ?")
				.param(workspace.value())
				.query(Long.class)
				.single();
			HealthScoring scoring = server.bean(HealthScoring.class);
			LocalDate today = scoring.today(workspace);
			long oneRescore = scoring.recompute(workspace, today).millis();
			double seconds = loaded.millis() / 1e3;
			System.out.printf("demo: %,d accounts, %,d contacts, %,d events stored (%,d generated) over %d days%n",
					loaded.accounts(), contacts, events, loaded.events(), days);
			System.out.printf("demo: loaded in %.1f s (%,.0f events/s overall, generation, accounts, rollups and 30 days"
					+ " of scores included); one rescoring of today %,d ms%n", seconds, loaded.events() / seconds, oneRescore);
			System.out.printf("demo: server peak RSS %d MB, heap %d MB; database size %s%n", peakRss, peakHeap,
					jdbc.sql("select pg_size_pretty(pg_database_size(current_database()))").query(String.class).single());
			if (accounts < 100_000) {
				double factor = 100_000.0 / accounts;
				System.out.printf("demo: ESTIMATE for 100,000 accounts × %d days, scaled linearly from this run (not "
						+ "measured): %,.0f events, %.0f min%n", days, loaded.events() * factor, seconds * factor / 60);
			}
		}
	}

	private DemoBenchmark() {
	}
}
