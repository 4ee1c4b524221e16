package io.kizuna.demo;

import java.time.LocalDate;
import java.util.List;

/** One generated account with its people, its subscription history and how it behaves. */
record DemoAccount(int index, String externalId, String name, String domain, String industry, String tier,
		String lifecycleStage, Archetype archetype, int ownerIndex, boolean japanese, List<Person> people,
		List<Step> subscription, long seed) {

	record Person(String userId, String name, String email, String role) {
	}

	/** One state of the account's subscription, from the day it took effect. */
	record Step(LocalDate effectiveOn, String plan, long mrrMinor, int seats, String status, LocalDate termEnd,
			String cancelReason) {
	}

	LocalDate startedOn() {
		return subscription.get(0).effectiveOn();
	}

	/** The day the subscription was canceled for good, or null. */
	LocalDate churnedOn() {
		Step last = subscription.get(subscription.size() - 1);
		return "canceled".equals(last.status()) ? last.effectiveOn() : null;
	}

	int seats() {
		return subscription.get(subscription.size() - 1).seats();
	}
}
