package io.kizuna.bench;

/**
 * Drives a Kizuna that is already running (on loopback) with the benchmark's batches, bounded in batch count.
 *
 * bench/run.sh load URL WRITE_KEY [clients=4] [batchSize=500] [batchesPerClient=40] [rounds=3] [accounts=500]
 */
public final class ExternalLoad {

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: bench/run.sh load URL WRITE_KEY [clients] [batchSize] [batchesPerClient] [rounds] [accounts]");
			System.exit(2);
		}
		int batches = BenchServer.arg(args, 4, 40);
		int rounds = BenchServer.arg(args, 5, 3);
		LoadDriver driver = new LoadDriver(args[0], args[1], BenchServer.arg(args, 2, 4), BenchServer.arg(args, 3, 500),
				BenchServer.arg(args, 6, 500));
		for (int round = 1; round <= rounds; round++) {
			LoadDriver.Result result = driver.round(batches);
			System.out.printf("round %d: %,.0f events/s, batch p50 %.1f ms, p99 %.1f ms%n", round,
					result.eventsPerSecond(), result.p50(), result.p99());
		}
	}

	private ExternalLoad() {
	}
}
