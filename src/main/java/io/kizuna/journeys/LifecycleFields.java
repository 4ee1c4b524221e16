package io.kizuna.journeys;

import java.util.List;

import io.kizuna.segments.FieldType;
import io.kizuna.segments.SegmentField;
import io.kizuna.segments.SegmentField.Source;
import io.kizuna.segments.SegmentFieldSource;
import org.springframework.stereotype.Component;

/**
 * The segment fields journeys contributes: the stage journeys keeps and the whole days since the account entered it
 * in the workspace's time zone ({@code lifecycle_stage} of the account stays the accounts module's field).
 */
@Component
class LifecycleFields implements SegmentFieldSource {

	static final Source STAGE = new Source("lifecycle", """
			select account_id, stage, entered_at from journeys_v_account_stage where workspace_id = :workspace""");

	@Override
	public List<SegmentField> fields() {
		return List.of(SegmentField.of("lifecycle.stage", FieldType.TEXT, "lifecycle", STAGE, "{s}.stage"),
				SegmentField.of("lifecycle.days_in_stage", FieldType.NUMBER, "lifecycle", STAGE,
						"cast(:today as date) - ({s}.entered_at at time zone :zone)::date"));
	}
}
