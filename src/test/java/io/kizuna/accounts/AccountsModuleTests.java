package io.kizuna.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The accounts module on its own (with workspace, which it depends on, and the shared kernel's embedded PostgreSQL):
 * subscription changes are published once per transaction, however many subscriptions it changed.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared")
class AccountsModuleTests {

	@Autowired
	AccountManagement accounts;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Test
	void onlyTheModuleAndWhatItDependsOnAreStarted() {
		assertThat(context.containsBean("healthScoring")).isFalse();
		assertThat(context.containsBean("usageIngestion")).isFalse();
	}

	@Autowired
	TransactionTemplate transactions;

	@Test
	void subscriptionsChangedInOneTransactionAreOneEvent(AssertablePublishedEvents events) {
		WorkspaceId workspace = workspaces.create(new NewWorkspace("acc-" + UUID.randomUUID().toString().substring(0, 8),
				"Accounts", "JPY", "Asia/Tokyo", "en")).id();
		List<String> ids = List.of("m1", "m2", "m3");
		ids.forEach(id -> accounts.saveAccount(workspace, id, AccountDraft.named(id)));

		transactions.executeWithoutResult(status -> ids.forEach(id -> save(workspace, id, "active")));

		assertThat(events.ofType(SubscriptionsChanged.class).matching(e -> e.workspaceId().equals(workspace)))
			.singleElement()
			.satisfies(e -> assertThat(e.changes()).extracting(SubscriptionsChanged.Change::subscriptionExternalId)
				.containsExactly("sub-m1", "sub-m2", "sub-m3"))
			.satisfies(e -> assertThat(e.changes()).extracting(SubscriptionsChanged.Change::accountId)
				.containsExactlyElementsOf(ids.stream()
					.map(id -> new io.kizuna.shared.AccountId(accounts.account(workspace, id).id()))
					.toList()));

		// Written one call at a time, each call is a transaction of its own and publishes its own event.
		save(workspace, "m1", "canceled");
		assertThat(events.ofType(SubscriptionsChanged.class).matching(e -> e.workspaceId().equals(workspace)))
			.hasSize(2)
			.last()
			.satisfies(e -> assertThat(e.changes()).singleElement()
				.satisfies(c -> assertThat(c.canceled()).isTrue()));
	}

	@Test
	void aRolledBackTransactionPublishesNothing(AssertablePublishedEvents events) {
		WorkspaceId workspace = workspaces.create(new NewWorkspace("acc-" + UUID.randomUUID().toString().substring(0, 8),
				"Accounts", "JPY", "Asia/Tokyo", "en")).id();
		accounts.saveAccount(workspace, "r1", AccountDraft.named("r1"));
		transactions.executeWithoutResult(status -> {
			save(workspace, "r1", "active");
			status.setRollbackOnly();
		});
		assertThat(events.ofType(SubscriptionsChanged.class).matching(e -> e.workspaceId().equals(workspace))).isEmpty();
		assertThat(accounts.findSubscription(workspace, "sub-r1")).isEmpty();
	}

	private void save(WorkspaceId workspace, String account, String status) {
		accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, null, "Basic", 10_000L,
				"JPY", 1, status, LocalDate.of(2026, 1, 5), null, null, null, null));
	}
}
