package io.kizuna.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kizuna.usage.TrackedMessage;
import org.junit.jupiter.api.Test;

class DemoGeneratorTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Test
	void theSameSeedGivesTheSameWorkspaceAndAnotherSeedAnother() {
		List<DemoAccount> first = DemoGenerator.accounts(42, 60, TODAY, 120);
		assertThat(DemoGenerator.accounts(42, 60, TODAY, 120)).isEqualTo(first);
		assertThat(messages(first.get(7))).isEqualTo(messages(DemoGenerator.accounts(42, 60, TODAY, 120).get(7)));
		assertThat(DemoGenerator.accounts(7, 60, TODAY, 120)).isNotEqualTo(first);
	}

	@Test
	void archetypesAppearInTheirShares() {
		Map<Archetype, Integer> counts = new EnumMap<>(Archetype.class);
		DemoGenerator.accounts(1, 4000, TODAY, 120).forEach(a -> counts.merge(a.archetype(), 1, Integer::sum));
		for (Archetype archetype : Archetype.values()) {
			assertThat(counts.get(archetype) / 4000.0).as(archetype.name()).isCloseTo(archetype.share, within(0.025));
		}
	}

	@Test
	void usageFollowsTheArchetypes() {
		List<DemoAccount> accounts = DemoGenerator.accounts(42, 400, TODAY, 180);
		int churners = 0;
		for (DemoAccount account : accounts) {
			List<TrackedMessage> messages = messages(account);
			Set<String> people = new HashSet<>();
			account.people().forEach(p -> people.add(p.userId()));
			assertThat(messages).allSatisfy(m -> {
				assertThat(m.groupId()).isEqualTo(account.externalId());
				assertThat(people).contains(m.userId());
			});
			List<TrackedMessage> activity = messages.stream().filter(m -> "track".equals(m.type())).toList();
			switch (account.archetype()) {
				case PAYING_IDLE -> assertThat(activity).noneMatch(m -> daysAgo(m) < 21);
				case KEY_FEATURE_MISSING -> assertThat(activity)
					.noneMatch(m -> List.of(DemoUsage.KEY_FEATURES).contains(m.name()));
				case CHURNED -> {
					LocalDate churned = account.churnedOn();
					assertThat(activity).noneMatch(m -> !day(m).isBefore(churned));
					long early = activity.stream().filter(m -> between(m, churned.minusDays(180), churned.minusDays(120))).count();
					long late = activity.stream().filter(m -> between(m, churned.minusDays(30), churned)).count();
					if (!account.startedOn().isAfter(churned.minusDays(180)) && early > 20) {
						assertThat(late).as(account.externalId()).isLessThan(early);
						churners++;
					}
				}
				default -> {
				}
			}
		}
		assertThat(churners).as("churners with enough history to compare").isGreaterThan(5);
	}

	@Test
	void subscriptionHistoriesAreConsistent() {
		for (DemoAccount account : DemoGenerator.accounts(3, 300, TODAY, 180)) {
			List<DemoAccount.Step> steps = account.subscription();
			for (int i = 1; i < steps.size(); i++) {
				assertThat(steps.get(i).effectiveOn()).isAfterOrEqualTo(steps.get(i - 1).effectiveOn());
			}
			assertThat(steps.get(0).effectiveOn()).isBefore(TODAY);
			if (account.archetype() == Archetype.CHURNED) {
				assertThat(steps.get(steps.size() - 1).status()).isEqualTo("canceled");
			}
			steps.stream().filter(s -> "active".equals(s.status()))
				.forEach(s -> assertThat(s.mrrMinor()).isEqualTo(DemoGenerator.price(s.plan(), s.seats())));
		}
	}

	private static List<TrackedMessage> messages(DemoAccount account) {
		List<TrackedMessage> messages = new ArrayList<>();
		DemoUsage.messages(account, TODAY, 180, TOKYO, messages::add);
		return messages;
	}

	private static LocalDate day(TrackedMessage m) {
		return m.occurredAt().atZone(TOKYO).toLocalDate();
	}

	private static long daysAgo(TrackedMessage m) {
		return java.time.temporal.ChronoUnit.DAYS.between(day(m), TODAY);
	}

	private static boolean between(TrackedMessage m, LocalDate from, LocalDate to) {
		return !day(m).isBefore(from) && day(m).isBefore(to);
	}
}
