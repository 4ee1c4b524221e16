package io.kizuna;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

/**
 * A lock held across the test JVMs of one build (failsafe runs two forks), for the installs they share: apt-get's
 * own lock makes a second apt-get fail rather than wait, and two npm installs into one prefix corrupt it.
 */
public final class MachineLock {

	private static final Path DIRECTORY = Path.of("target/locks").toAbsolutePath();

	private MachineLock() {
	}

	/** Runs the work while holding the named lock; callers check again inside whether the work is still needed. */
	public static synchronized <T> T holding(String name, Callable<T> work) throws Exception {
		Files.createDirectories(DIRECTORY);
		try (FileChannel channel = FileChannel.open(DIRECTORY.resolve(name + ".lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			return work.call();
		}
		catch (IOException ex) {
			throw new IllegalStateException("could not take the lock " + name, ex);
		}
	}
}
