package io.kizuna.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who owns a data directory, told from the owner file and the live processes of this machine. */
class RunningKizunaTests {

	@TempDir
	Path dataDir;

	@Test
	void aLiveProcessThatWroteTheOwnerFileIsARunningKizuna() throws Exception {
		Process owner = new ProcessBuilder("sleep", "60").start();
		try {
			long started = owner.info().startInstant().orElseThrow().toEpochMilli();
			Files.writeString(dataDir.resolve(RunningKizuna.OWNER_FILE), owner.pid() + " " + started + "\n");
			RunningKizuna running = RunningKizuna.on(dataDir).orElseThrow();
			assertThat(running.pid()).isEqualTo(owner.pid());
			assertThat(running.describe()).isEqualTo("Kizuna (pid " + owner.pid() + ") is running on " + dataDir.toAbsolutePath());
			assertThat(running.answers()).as("no PostgreSQL runs there").isFalse();
		}
		finally {
			owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void aDeadOwnerOrAReusedPidIsNoOwner() throws Exception {
		Process owner = new ProcessBuilder("true").start();
		owner.waitFor(10, TimeUnit.SECONDS);
		Files.writeString(dataDir.resolve(RunningKizuna.OWNER_FILE), owner.pid() + " 0\n");
		assertThat(RunningKizuna.on(dataDir)).as("dead").isEmpty();

		Process other = new ProcessBuilder("sleep", "60").start();
		try {
			// The pid is alive, but this process started long after the recorded owner did: pids get reused.
			Files.writeString(dataDir.resolve(RunningKizuna.OWNER_FILE), other.pid() + " 1000\n");
			assertThat(RunningKizuna.on(dataDir)).as("reused pid").isEmpty();
		}
		finally {
			other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void thisProcessClaimsAndReleasesTheDirectoryAndIsNeverItsOwnRival() throws Exception {
		assertThat(RunningKizuna.on(dataDir.resolve("missing"))).isEmpty();
		RunningKizuna.claim(dataDir);
		assertThat(RunningKizuna.ownerFileExists(dataDir)).isTrue();
		assertThat(RunningKizuna.on(dataDir)).as("this JVM owns it").isEmpty();
		RunningKizuna.release(dataDir);
		assertThat(RunningKizuna.ownerFileExists(dataDir)).isFalse();
	}
}
