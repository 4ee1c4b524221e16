package io.kizuna.messaging;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.health.HealthBandsChanged;
import io.kizuna.health.SignalsRaised;
import io.kizuna.segments.SegmentMembershipChanged;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Turns other modules' events into webhook events: one delivery per account and subscription, keyed by the run and
 * the account, so a replayed event (the publication registry retries after a restart) delivers nothing twice. Skips
 * all work when nobody subscribed to the type.
 */
@Component
class EventForwarding {

	private final Webhooks webhooks;

	private final AccountManagement accounts;

	EventForwarding(Webhooks webhooks, AccountManagement accounts) {
		this.webhooks = webhooks;
		this.accounts = accounts;
	}

	@ApplicationModuleListener
	void on(SignalsRaised raised) {
		WorkspaceId workspace = raised.workspaceId();
		if (!webhooks.subscribed(workspace, "signal.raised")) {
			return;
		}
		Map<Long, String> ids = externalIds(workspace, raised.signals().stream().map(SignalsRaised.Raised::accountId).toList());
		for (SignalsRaised.Raised signal : raised.signals()) {
			String external = ids.get(signal.accountId().value());
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("signal", signal.kind().code());
			data.put("severity", signal.severity());
			data.put("day", raised.day().toString());
			publish(workspace, "signal.raised", "signal.raised:" + raised.day() + ":" + signal.accountId().value() + ":"
					+ signal.kind().code(), external, data);
		}
	}

	@ApplicationModuleListener
	void on(HealthBandsChanged changed) {
		WorkspaceId workspace = changed.workspaceId();
		if (!webhooks.subscribed(workspace, "health.band_changed")) {
			return;
		}
		Map<Long, String> ids = externalIds(workspace, changed.changes().stream().map(HealthBandsChanged.Change::accountId).toList());
		for (HealthBandsChanged.Change change : changed.changes()) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("from", change.previousBand() == null ? null : change.previousBand().code());
			data.put("to", change.band().code());
			data.put("score", change.score());
			data.put("day", changed.day().toString());
			publish(workspace, "health.band_changed", "health.band_changed:" + changed.day() + ":"
					+ change.accountId().value(), ids.get(change.accountId().value()), data);
		}
	}

	@ApplicationModuleListener
	void on(SegmentMembershipChanged changed) {
		forward(changed, "segment.entered", changed.entered());
		forward(changed, "segment.exited", changed.exited());
	}

	private void forward(SegmentMembershipChanged changed, String type, List<AccountId> accountIds) {
		WorkspaceId workspace = changed.workspaceId();
		if (accountIds.isEmpty() || !webhooks.subscribed(workspace, type)) {
			return;
		}
		Map<Long, String> ids = externalIds(workspace, accountIds);
		String run = Integer.toHexString((changed.segmentId() + ":" + changed.reason() + ":" + accountIds).hashCode());
		for (AccountId account : accountIds) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("segment", changed.segmentKey());
			data.put("reason", changed.reason().code());
			publish(workspace, type, type + ":" + changed.segmentKey() + ":" + run + ":" + account.value(),
					ids.get(account.value()), data);
		}
	}

	private void publish(WorkspaceId workspace, String type, String key, String externalId, Map<String, Object> data) {
		String name = externalId == null ? null
				: Optional.ofNullable(externalId).flatMap(id -> accounts.findAccount(workspace, id)).map(Account::name).orElse(null);
		webhooks.publish(workspace, new WebhookEvent(type, key, externalId, name, data));
	}

	private Map<Long, String> externalIds(WorkspaceId workspace, Collection<AccountId> ids) {
		return accounts.externalIds(workspace, ids.stream().map(AccountId::value).distinct().toList());
	}
}
