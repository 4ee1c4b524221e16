package io.kizuna.shared;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The demo workspace as a {@link DemoContribution} sees it: its language ({@code ja} or {@code en}), its time zone and
 * day, the seed (contributions derive their randomness from it, so a demo is the same every time), the users who own
 * accounts and every account with the archetype that drives its behaviour (healthy, growing, declining, paying_idle,
 * seats_unused, key_feature_missing, onboarding_stalled, churned).
 */
public record DemoWorkspace(WorkspaceId workspace, String language, ZoneId zone, LocalDate today, long seed,
		List<Long> ownerUserIds, List<Account> accounts) {

	public DemoWorkspace {
		ownerUserIds = List.copyOf(ownerUserIds);
		accounts = List.copyOf(accounts);
	}

	public boolean japanese() {
		return "ja".equals(language);
	}

	/** One demo account: its external id, archetype, tier, current MRR in minor units, start day and owner. */
	public record Account(String externalId, String name, String archetype, String tier, long mrrMinor,
			LocalDate startedOn, Long ownerUserId) {
	}
}
