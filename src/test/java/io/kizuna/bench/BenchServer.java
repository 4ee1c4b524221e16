package io.kizuna.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.kizuna.KizunaApplication;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Kizuna started in this JVM on a fresh embedded PostgreSQL, with a write key and bench accounts. */
final class BenchServer implements AutoCloseable {

	static final String KEY = "wk_bench_ingestion_key";

	final ConfigurableApplicationContext app;

	final WorkspaceId workspace;

	final int port;

	final int accounts;

	final Path dataDir;

	BenchServer(String dataDir, int accounts, String... settings) {
		this.dataDir = Path.of(dataDir).toAbsolutePath();
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--kizuna.embedded-postgres.data-dir=" + Path.of(dataDir).toAbsolutePath(),
				"--kizuna.embedded-postgres.clean=true", "--kizuna.bootstrap.write-key=" + KEY,
				"--kizuna.usage.rollup-interval=1h", "--kizuna.embedded-postgres.fsync=true",
				"--kizuna.embedded-postgres.shared-buffers=256MB",
				"--kizuna.rate-limit.ingest.per-second=1000000", "--kizuna.rate-limit.ingest.burst=1000000",
				"--logging.level.root=WARN"));
		// A setting given here replaces the default of the same name (e.g. clean=false to reuse a fixture).
		for (String setting : settings) {
			String name = setting.contains("=") ? setting.substring(0, setting.indexOf('=') + 1) : setting;
			args.removeIf(arg -> arg.startsWith(name));
		}
		args.addAll(List.of(settings));
		this.app = new SpringApplicationBuilder(KizunaApplication.class).run(args.toArray(String[]::new));
		this.port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
		this.workspace = app.getBean(WorkspaceManagement.class).findBySlug("default").orElseThrow().id();
		this.accounts = accounts;
		AccountManagement management = app.getBean(AccountManagement.class);
		for (int a = 0; a < accounts; a++) {
			management.saveAccount(workspace, "bench-acct-" + a, AccountDraft.named("Bench " + a));
		}
	}

	/** PostgreSQL's postmaster for this server's data directory, from its pid file. */
	long postmaster() {
		try {
			return Long.parseLong(Files.readAllLines(dataDir.resolve("pg17/postmaster.pid")).get(0).trim());
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	String url() {
		return "http://127.0.0.1:" + port;
	}

	<T> T bean(Class<T> type) {
		return app.getBean(type);
	}

	@Override
	public void close() {
		app.close();
	}

	static String machine() {
		return String.format("%d cores, JDK %s, server max heap %d MB, load average %s",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				Runtime.getRuntime().maxMemory() >> 20, loadAverage());
	}

	static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return f[0] + " " + f[1] + " " + f[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static long rssMb() {
		try {
			return Files.readAllLines(Path.of("/proc/self/status"))
				.stream()
				.filter(line -> line.startsWith("VmRSS:"))
				.map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
				.findFirst()
				.orElse(-1L);
		}
		catch (IOException ex) {
			return -1;
		}
	}

	static long heapMb() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
	}

	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static String spread(List<Double> values) {
		return String.format("%,.0f–%,.0f", Collections.min(values), Collections.max(values));
	}

	static int arg(String[] args, int index, int fallback) {
		return args.length > index ? Integer.parseInt(args[index]) : fallback;
	}

	/**
	 * CPU time (user + system) from /proc, in milliseconds: on a machine shared with other work, the CPU a path
	 * spends per event is steadier than its wall-clock rate.
	 */
	static final class Cpu {

		static long self() {
			return process(ProcessHandle.current().pid());
		}

		static long process(long pid) {
			try {
				String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
				String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				// After the command: state(0) ppid(1) … utime(11) stime(12), in clock ticks of 10 ms.
				return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
			}
			catch (IOException | RuntimeException ex) {
				return 0;
			}
		}

		/** The postmaster and every process it started (backends, WAL writer, checkpointer). */
		static long postgres(long postmaster) {
			long total = process(postmaster);
			try (var procs = Files.list(Path.of("/proc"))) {
				for (Path proc : (Iterable<Path>) procs::iterator) {
					String name = proc.getFileName().toString();
					if (!name.chars().allMatch(Character::isDigit)) {
						continue;
					}
					try {
						String stat = Files.readString(proc.resolve("stat"));
						String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
						if (Long.parseLong(f[1]) == postmaster) {
							total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
						}
					}
					catch (IOException | RuntimeException gone) {
						// The process ended meanwhile.
					}
				}
			}
			catch (IOException ex) {
				return 0;
			}
			return total;
		}
	}

	/** Peak RSS and heap of this (the server's) JVM while something runs, sampled every 50 ms. */
	static final class MemoryPeak implements AutoCloseable {

		private final Thread sampler;

		private volatile boolean running = true;

		volatile long rss;

		volatile long heap;

		MemoryPeak() {
			sampler = new Thread(() -> {
				while (running) {
					rss = Math.max(rss, rssMb());
					heap = Math.max(heap, heapMb());
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "bench-memory");
			sampler.setDaemon(true);
			sampler.start();
		}

		@Override
		public void close() throws InterruptedException {
			running = false;
			sampler.join();
		}
	}

	/** The load driver in a JVM of its own, driven round by round over its stdin. */
	static final class ForkedDriver implements AutoCloseable {

		private final Process process;

		private final PrintWriter commands;

		private final BufferedReader results;

		ForkedDriver(String url, String key, int clients, int batchSize, int accounts) throws IOException {
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			process = new ProcessBuilder(java, "-Xmx1g", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
					LoadDriver.class.getName(), url, key, Integer.toString(clients), Integer.toString(batchSize),
					Integer.toString(accounts))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			commands = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
			results = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		long pid() {
			return process.pid();
		}

		LoadDriver.Result round(int batchesPerClient) throws IOException {
			commands.println("round " + batchesPerClient);
			String line;
			while ((line = results.readLine()) != null) {
				if (line.startsWith("result ")) {
					return LoadDriver.Result.parse(line);
				}
				System.out.println("driver: " + line);
			}
			throw new IllegalStateException("the load driver exited (exit code " + waitFor() + ")");
		}

		private int waitFor() {
			try {
				return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return -1;
			}
		}

		@Override
		public void close() {
			commands.println("quit");
			if (waitFor() == -1) {
				process.destroy();
			}
		}
	}
}
