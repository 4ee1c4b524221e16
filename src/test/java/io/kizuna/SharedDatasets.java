package io.kizuna;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data sets, at {@code ../shared/datasets} from the repository root; from a git worktree under
 * {@code wt/} the same directory is one level further up.
 */
public final class SharedDatasets {

	private SharedDatasets() {
	}

	public static Path resolve(String relative) {
		for (String root : new String[] { "../shared/datasets", "../../shared/datasets" }) {
			Path candidate = Path.of(root).resolve(relative);
			if (Files.exists(candidate)) {
				return candidate;
			}
		}
		return Path.of("../shared/datasets").resolve(relative);
	}
}
