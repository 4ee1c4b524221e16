package io.kizuna.onboarding;

import java.util.List;

import io.kizuna.segments.FieldType;
import io.kizuna.segments.SegmentField;
import io.kizuna.segments.SegmentFieldSource;
import org.springframework.stereotype.Component;

/**
 * Segment fields over what onboarding publishes ({@code onboarding_v_milestone}): progress 0–100, complete, overdue
 * milestones today and days to first value. An account without a plan has none of them (empty).
 */
@Component
class OnboardingFields implements SegmentFieldSource {

	static final SegmentField.Source PROGRESS = new SegmentField.Source("onboarding", """
			select account_id,
			       floor(100.0 * count(completed_on) / count(*))::int as progress,
			       count(*) = count(completed_on) as complete,
			       count(*) filter (where completed_on is null and due_on < cast(:today as date)) as overdue,
			       max(completed_on) filter (where first_value) - min(started_on) as days_to_first_value
			from onboarding_v_milestone where workspace_id = :workspace group by account_id""");

	@Override
	public List<SegmentField> fields() {
		return List.of(
				SegmentField.of("onboarding.progress", FieldType.NUMBER, "onboarding", PROGRESS, "{s}.progress"),
				SegmentField.of("onboarding.complete", FieldType.BOOL, "onboarding", PROGRESS, "{s}.complete"),
				SegmentField.of("onboarding.overdue", FieldType.NUMBER, "onboarding", PROGRESS, "{s}.overdue"),
				SegmentField.of("onboarding.days_to_first_value", FieldType.NUMBER, "onboarding", PROGRESS,
						"{s}.days_to_first_value"));
	}
}
