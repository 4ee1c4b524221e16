package io.kizuna.segments.filter;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import io.kizuna.segments.SegmentField;

/**
 * What a compilation needs to know of its workspace: the fields, today in its time zone, which custom attributes
 * exist and the saved segments' ids by key.
 */
public record FilterContext(long workspaceId, LocalDate today, String zone, Map<String, SegmentField> fields,
		Predicate<String> attributeExists, Function<String, Optional<Long>> segmentIdByKey) {
}
