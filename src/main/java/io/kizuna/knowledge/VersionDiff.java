package io.kizuna.knowledge;

import java.util.List;

/** The line diff between two versions of one language of an article. */
public record VersionDiff(String language, int from, int to, List<Line> lines) {

	public VersionDiff {
		lines = List.copyOf(lines);
	}

	/** A line of the diff: {@code same}, {@code added} or {@code removed}. */
	public record Line(String change, String text) {
	}
}
