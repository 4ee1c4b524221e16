package io.kizuna.journeys;

import java.util.List;

import io.kizuna.accounts.AccountsChanged;
import io.kizuna.accounts.SubscriptionsChanged;
import io.kizuna.health.WorkspaceRescored;
import io.kizuna.shared.AccountId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps stages current (ADR 0079): after each scoring run every account is evaluated; after accounts or their
 * subscriptions change, only those accounts are. An evaluation is idempotent, so a redelivery after a restart is safe.
 */
@Component
class JourneyTriggers {

	private final JourneyManagement journeys;

	JourneyTriggers(JourneyManagement journeys) {
		this.journeys = journeys;
	}

	@ApplicationModuleListener
	void on(WorkspaceRescored rescored) {
		journeys.evaluate(rescored.workspaceId(), null, false);
	}

	@ApplicationModuleListener
	void on(AccountsChanged changed) {
		journeys.evaluate(changed.workspaceId(), changed.accountIds(), true);
	}

	@ApplicationModuleListener
	void on(SubscriptionsChanged changed) {
		List<AccountId> accounts = changed.changes().stream().map(SubscriptionsChanged.Change::accountId).distinct()
			.toList();
		journeys.evaluate(changed.workspaceId(), accounts, true);
	}
}
