package io.kizuna;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Installs npm packages for the real-SDK tests into target/sdk-clients/<dir> with the machine's npm, once: a later
 * run finds them there. A failed or timed-out install fails the test with npm's own output (nothing is skipped).
 */
public final class NpmPackages {

	public static final Path ROOT = Path.of("target/sdk-clients").toAbsolutePath();

	private NpmPackages() {
	}

	/** Installs {@code name@version} (version may be "latest") and answers the npm prefix it lives under. */
	public static synchronized Path install(String dir, String name, String version) {
		Path prefix = ROOT.resolve(dir);
		if (Files.isRegularFile(prefix.resolve("node_modules").resolve(name).resolve("package.json"))) {
			return prefix;
		}
		try {
			return MachineLock.holding("npm-" + dir, () -> installHoldingTheLock(prefix, name, version));
		}
		catch (AssertionError | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static Path installHoldingTheLock(Path prefix, String name, String version) {
		if (Files.isRegularFile(prefix.resolve("node_modules").resolve(name).resolve("package.json"))) {
			return prefix;
		}
		try {
			Files.createDirectories(prefix);
			Path log = prefix.resolve("npm-install.log");
			Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save",
					"--prefix", prefix.toString(), name + "@" + version)
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!npm.waitFor(5, TimeUnit.MINUTES)) {
				npm.destroyForcibly();
				throw new AssertionError("npm install " + name + "@" + version + " took more than 5 minutes: "
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			if (npm.exitValue() != 0) {
				throw new AssertionError("npm install " + name + "@" + version + " failed (is the npm registry reachable?): "
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			return prefix;
		}
		catch (IOException ex) {
			throw new AssertionError("could not run npm to install " + name + "@" + version + " (node and npm are needed)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The version npm installed. */
	public static String installedVersion(Path prefix, String name) {
		try {
			String json = Files.readString(prefix.resolve("node_modules").resolve(name).resolve("package.json"));
			java.util.regex.Matcher version = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
			if (!version.find()) {
				throw new AssertionError("no version in " + name + "'s package.json");
			}
			return version.group(1);
		}
		catch (IOException ex) {
			throw new AssertionError(ex);
		}
	}
}
