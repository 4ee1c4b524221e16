package io.kizuna.segments;

import java.util.List;

/**
 * What a definition matches now, before it is saved: the count, the first accounts by name, its canonical text and
 * the custom attributes it names that no account has (those conditions match nothing).
 */
public record SegmentPreview(String definition, long count, List<SegmentAccount> first,
		List<String> unknownAttributes) {

	public SegmentPreview {
		first = List.copyOf(first);
		unknownAttributes = List.copyOf(unknownAttributes);
	}
}
