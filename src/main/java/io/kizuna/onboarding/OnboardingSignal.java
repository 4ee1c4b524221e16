package io.kizuna.onboarding;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.kizuna.health.SignalFinding;
import io.kizuna.health.SignalInput;
import io.kizuna.health.SignalOverride;
import io.kizuna.health.SignalSeverity;
import org.springframework.stereotype.Component;

/**
 * Health's "onboarding stalled" from the plan's milestones (ADR 0082): for every account that follows a plan (and
 * had started by the run's day) the signal holds when a milestone fell due in the last 90 days and was not reached
 * by then — high when it is the first-value milestone. Accounts without a plan keep health's built-in rule.
 */
@Component
class OnboardingSignal implements SignalOverride {

	private final Progress progress;

	OnboardingSignal(Progress progress) {
		this.progress = progress;
	}

	@Override
	public String code() {
		return "onboarding_stalled";
	}

	@Override
	public Map<Long, Optional<SignalFinding>> decide(SignalInput input) {
		Map<Long, Optional<SignalFinding>> decided = new HashMap<>();
		for (Progress.Stalled s : progress.overdueAsOf(input.scoring().workspaceId(), input.scoring().asOf())) {
			if (s.overdue() == 0) {
				decided.put(s.accountId(), Optional.empty());
				continue;
			}
			Map<String, Object> evidence = new LinkedHashMap<>();
			evidence.put("started_on", s.startedOn().toString());
			evidence.put("overdue_milestones", s.overdue());
			evidence.put("oldest_due", String.valueOf(s.oldestDue()));
			decided.put(s.accountId(), Optional.of(new SignalFinding(
					s.firstValueOverdue() ? SignalSeverity.HIGH : SignalSeverity.MEDIUM, evidence)));
		}
		return decided;
	}
}
