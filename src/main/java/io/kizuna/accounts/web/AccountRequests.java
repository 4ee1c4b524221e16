package io.kizuna.accounts.web;

import java.time.LocalDate;
import java.util.Map;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.MoneyBody;

/** Request bodies of the customer-model API; unknown fields are refused. */
final class AccountRequests {

	private AccountRequests() {
	}

	record AccountBody(String externalId, String name, String domain, String industry, String tier, Long ownerUserId,
			String lifecycleStage, String parentExternalId, Map<String, Object> attributes) {

		AccountDraft draft() {
			return new AccountDraft(name, domain, industry, tier, ownerUserId, lifecycleStage, parentExternalId,
					attributes);
		}
	}

	record ContactBody(String externalId, String email, String name, String role, String accountExternalId,
			Map<String, Object> traits) {

		ContactDraft draft() {
			return new ContactDraft(email, name, role, accountExternalId, null, traits);
		}
	}

	/** @param mrr money as everywhere in the API; its currency defaults to the subscription's, else the workspace's */
	record SubscriptionBody(String externalId, String accountExternalId, String product, String plan, MoneyBody mrr,
			Integer seats, String status, LocalDate startedOn, LocalDate currentTermEnd, LocalDate canceledOn,
			String cancelReason, LocalDate effectiveOn) {

		SubscriptionDraft draft() {
			return new SubscriptionDraft(accountExternalId, product, plan, mrr == null ? null : mrr.minorUnits(),
					mrr == null ? null : mrr.currency(), seats, status, startedOn, currentTermEnd, canceledOn,
					cancelReason, effectiveOn);
		}
	}
}
