package io.kizuna.bench;

import java.util.ArrayList;
import java.util.List;

import io.kizuna.demo.DemoLoader;
import io.kizuna.ltv.ClvParameters;
import io.kizuna.ltv.LifetimeValues;
import io.kizuna.ltv.TransactionModels;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The LTV page on the demo workspace (the demo's accounts, subscription history, usage and purchases, loaded by
 * {@link DemoLoader} as {@code java -jar kizuna.jar demo} does), signed in over HTTP:
 * <ul>
 * <li>the first view after the load (the load fitted the models), then {@code runs} more views;</li>
 * <li>a cold view: the cached models dropped and the page asked for at once, so it waits for the whole fit (what
 * every first view cost before the fits were made ahead), {@code runs} times;</li>
 * <li>the parts of that fit, each timed alone: BG/NBD, Gamma-Gamma and the page's reads;</li>
 * <li>the account 360 LTV panel.</li>
 * </ul>
 * bench/run.sh ltvpage [accounts=500] [runs=10] [days=210]
 */
public final class LtvPageBenchmark {

	public static void main(String[] args) throws Exception {
		int accounts = BenchServer.arg(args, 0, 500);
		int runs = BenchServer.arg(args, 1, 10);
		int days = BenchServer.arg(args, 2, 210);
		try (BenchServer server = new BenchServer("target/bench-ltv", 0, "--logging.level.io.kizuna.demo=INFO")) {
			System.out.println("machine: " + BenchServer.machine() + ", load average " + BenchServer.loadAverage());
			WorkspaceId workspace = server.bean(WorkspaceManagement.class)
				.create(new NewWorkspace("ltv-demo", "LTV demo", "JPY", "Asia/Tokyo", "ja"))
				.id();
			server.bean(UserManagement.class).createUser(workspace, "bench@ltv.kizuna.local", "Bench", "bench-password-1",
					Role.ADMIN);
			DemoLoader.Loaded loaded = server.bean(DemoLoader.class).load(workspace, 42, accounts, days, 2_000);
			JdbcClient jdbc = server.bean(JdbcClient.class);
			System.out.printf("demo: %,d accounts, %,d events, %,d purchases (%,d of ¥0) loaded in %.1f s%n",
					loaded.accounts(), loaded.events(), loaded.purchases(),
					jdbc.sql("select count(*) from customer_transaction where workspace_id = ? and amount_minor = 0")
						.param(workspace.value()).query(Long.class).single(),
					loaded.millis() / 1e3);
			LifetimeValues values = server.bean(LifetimeValues.class);
			TransactionModels models = values.transactionModels(workspace);
			System.out.printf("models: %,d customers (%,d repeat), BG/NBD %s, Gamma-Gamma %s, problem %s, warnings %s%n",
					models.customers(), models.repeatCustomers(), models.bgNbd(), models.gammaGamma(), models.problem(),
					models.warnings());

			PagesBenchmark.Client client = new PagesBenchmark.Client(server.url());
			client.signIn("bench@ltv.kizuna.local", "bench-password-1");
			// The first page of a fresh JVM pays for the layout, security and the template engine once, whatever
			// the page: the accounts list takes that cost, so that the LTV page's first view is its own.
			double firstList = client.page("/accounts");
			double first = client.page("/revenue/ltv");
			List<Double> warm = new ArrayList<>();
			List<Double> list = new ArrayList<>();
			for (int i = 0; i < runs * 2; i++) {
				warm.add(client.page("/revenue/ltv"));
				list.add(client.page("/accounts"));
			}
			List<Double> cold = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				values.refit(workspace);
				cold.add(client.page("/revenue/ltv"));
			}
			List<Double> panel = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				panel.add(client.page("/accounts/acct-%05d/ltv".formatted(1 + i % accounts)));
			}
			List<Double> bgnbd = new ArrayList<>();
			List<Double> gammaGamma = new ArrayList<>();
			List<Double> reads = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				bgnbd.add(millis(() -> values.fit(workspace, "bgnbd", null, null, null, null)));
				gammaGamma.add(millis(() -> values.fit(workspace, "gammagamma", null, null, null, null)));
				values.warm(workspace);
				reads.add(millis(() -> {
					values.plans(workspace, ClvParameters.DEFAULT);
					values.transactionModels(workspace);
					values.rfm(workspace, null, 0, 1);
					return values.topCustomers(workspace, 20);
				}));
			}
			System.out.println("load average at the end: " + BenchServer.loadAverage());
			System.out.printf("%-62s %10s %16s%n", "what", "median ms", "min–max ms");
			System.out.printf("%-62s %10.1f %16s%n", "accounts list, first page of the JVM (baseline)", firstList, "—");
			System.out.printf("%-62s %10.1f %16s%n", "LTV page, first view after the demo load", first, "—");
			row("LTV page, later views", warm);
			row("accounts list, later views (baseline)", list);
			row("LTV page, cold (models dropped, the view waits for the fit)", cold);
			row("account 360 LTV panel", panel);
			row("  fit: BG/NBD on the log (read + calibrate + fit)", bgnbd);
			row("  fit: Gamma-Gamma on the log (read + calibrate + fit)", gammaGamma);
			row("  the page's reads of the cached models", reads);
		}
	}

	private static double millis(java.util.function.Supplier<?> work) {
		long t0 = System.nanoTime();
		work.get();
		return (System.nanoTime() - t0) / 1e6;
	}

	private static void row(String what, List<Double> values) {
		System.out.printf("%-62s %10.1f %16s%n", what, BenchServer.median(values), BenchServer.spread(values));
	}
}
