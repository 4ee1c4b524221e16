package io.kizuna.segments;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/** Every field contributed by a {@link SegmentFieldSource} bean, by key; two contributions of one key fail at start. */
@Component
class SegmentFields {

	private final Map<String, SegmentField> byKey;

	SegmentFields(List<SegmentFieldSource> sources) {
		Map<String, SegmentField> fields = new LinkedHashMap<>();
		for (SegmentFieldSource source : sources) {
			for (SegmentField field : source.fields()) {
				if (fields.putIfAbsent(field.key(), field) != null) {
					throw new IllegalStateException("segment field " + field.key() + " contributed twice");
				}
			}
		}
		this.byKey = Collections.unmodifiableMap(fields);
	}

	Map<String, SegmentField> byKey() {
		return byKey;
	}
}
