package io.kizuna.onboarding;

import java.time.LocalDate;

import io.kizuna.accounts.AccountsChanged;
import io.kizuna.accounts.SubscriptionsChanged;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.UsageRecorded;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps progress current (ADR 0081): usage's {@link UsageRecorded} (the days it recomputed) and account or
 * subscription changes only queue work, merged per workspace; a worker evaluates what is queued every few seconds,
 * and once an hour every workspace is evaluated whole (plans' days move on: overdue milestones).
 */
@Component
class OnboardingTriggers {

	private static final Logger log = LoggerFactory.getLogger(OnboardingTriggers.class);

	private final OnboardingManagement onboarding;

	private final WorkspaceManagement workspaces;

	OnboardingTriggers(OnboardingManagement onboarding, WorkspaceManagement workspaces) {
		this.onboarding = onboarding;
		this.workspaces = workspaces;
	}

	@ApplicationModuleListener
	void on(UsageRecorded recorded) {
		onboarding.queue(recorded.workspaceId(), recorded.from(), recorded.to());
	}

	@ApplicationModuleListener
	void on(SubscriptionsChanged changed) {
		queueWhole(changed.workspaceId());
	}

	@ApplicationModuleListener
	void on(AccountsChanged changed) {
		queueWhole(changed.workspaceId());
	}

	private void queueWhole(WorkspaceId workspace) {
		onboarding.queue(workspace, OnboardingManagement.EVER, LocalDate.now(workspaces.get(workspace).timeZone()));
	}

	@Scheduled(fixedDelayString = "${kizuna.onboarding.interval:5s}", initialDelayString = "${kizuna.onboarding.interval:5s}")
	void pending() {
		try {
			onboarding.evaluatePending();
		}
		catch (RuntimeException ex) {
			log.error("Onboarding pass failed; it runs again at the next change or the hourly pass", ex);
		}
	}

	@Scheduled(fixedDelayString = "${kizuna.onboarding.full-interval:1h}", initialDelayString = "${kizuna.onboarding.full-interval:1h}")
	void hourly() {
		for (WorkspaceId workspace : workspaces.ids()) {
			try {
				onboarding.evaluate(workspace);
			}
			catch (RuntimeException ex) {
				log.error("Onboarding pass of workspace {} failed", workspace.value(), ex);
			}
		}
	}
}
