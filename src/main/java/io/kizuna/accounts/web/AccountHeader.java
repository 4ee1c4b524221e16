package io.kizuna.accounts.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.Subscription;
import io.kizuna.accounts.SubscriptionStatus;
import io.kizuna.workspace.User;

/**
 * What account 360 shows under the name: owner, ARR, next renewal and lifecycle stage.
 *
 * @param ownerName the owner's display name, null when the account has none
 * @param arrMinor twelve times the MRR of the live subscriptions in {@code currency}, null when none is live
 * @param renewalOn the earliest renewal date of the live subscriptions from today on, null when none
 */
record AccountHeader(String ownerName, Long arrMinor, String currency, LocalDate renewalOn, String stage,
		String tier) {

	static AccountHeader of(Account account, List<Subscription> subscriptions, List<User> users, LocalDate today) {
		String owner = users.stream()
			.filter(u -> Objects.equals(u.id(), account.ownerUserId()))
			.map(User::displayName)
			.findFirst()
			.orElse(null);
		List<Subscription> live = subscriptions.stream().filter(s -> s.status() != SubscriptionStatus.CANCELED).toList();
		// Accounts pay in one currency in practice; the first live subscription's is the one summed.
		String currency = live.isEmpty() ? null : live.get(0).mrr().currency().getCurrencyCode();
		Long arr = live.isEmpty() ? null : 12 * live.stream()
			.filter(s -> s.mrr().currency().getCurrencyCode().equals(currency))
			.mapToLong(s -> s.mrr().minorUnits())
			.sum();
		LocalDate renewal = live.stream()
			.map(Subscription::currentTermEnd)
			.filter(Objects::nonNull)
			.filter(day -> !day.isBefore(today))
			.min(LocalDate::compareTo)
			.orElse(null);
		return new AccountHeader(owner, arr, currency, renewal, account.lifecycleStage(), account.tier());
	}
}
