package io.kizuna.ltv;

import java.util.Arrays;
import java.util.List;

import io.kizuna.segments.FieldType;
import io.kizuna.segments.SegmentField;
import io.kizuna.segments.SegmentFieldSource;
import org.springframework.stereotype.Component;

/**
 * The revenue fields of the segment filter language (ADR 0073): {@code revenue.rfm_segment} and {@code revenue.clv}
 * (major units of the transaction log's currency), read from what ltv publishes after each fit. An account without
 * linked purchases has neither.
 */
@Component
class RevenueSegmentFields implements SegmentFieldSource {

	static final SegmentField.Source VALUES = new SegmentField.Source("ltv_values", """
			select account_id, rfm_segment, clv from ltv_v_account_value where workspace_id = :workspace""");

	@Override
	public List<SegmentField> fields() {
		return List.of(
				SegmentField.of("revenue.rfm_segment", FieldType.CHOICE, "revenue", VALUES, "{s}.rfm_segment")
					.choices(Arrays.stream(Rfm.Segment.values()).map(Rfm.Segment::code).toArray(String[]::new)),
				SegmentField.of("revenue.clv", FieldType.MONEY, "revenue", VALUES, "{s}.clv"));
	}
}
