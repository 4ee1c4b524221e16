package io.kizuna.health;

import java.util.List;

import io.kizuna.shared.NotFoundException;

/** A saved segment as the lists offer it for filtering, read from what the segments module publishes. */
public record SegmentChoice(long id, String key, String name) {

	/**
	 * The segment a dashboard's {@code ?segment=} names among the workspace's, null for none (all accounts). A key the
	 * workspace has no segment for is a 404: a dashboard must not silently show everything under a segment's name.
	 */
	public static SegmentChoice named(List<SegmentChoice> segments, String key) {
		if (key == null || key.isBlank()) {
			return null;
		}
		return segments.stream()
			.filter(s -> s.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("no segment " + key));
	}

	/** The id of the chosen segment, or null for all accounts. */
	public static Long idOf(SegmentChoice choice) {
		return choice == null ? null : choice.id();
	}
}
