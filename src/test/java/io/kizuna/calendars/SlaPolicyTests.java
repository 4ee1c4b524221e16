package io.kizuna.calendars;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Which policy applies (the first in order whose criteria all match) and yearly closures over the new year. */
class SlaPolicyTests {

	static SlaPolicy policy(String key, int position, String priority, String tier, String segment, Long account) {
		return new SlaPolicy(key, key, position, "business-hours", priority, tier, segment, account, 60, null, null, 0);
	}

	final List<SlaPolicy> ordered = List.of(policy("acme", 1, null, null, null, 42L),
			policy("enterprise-urgent", 5, "urgent", "enterprise", null, null),
			policy("enterprise", 10, null, "enterprise", null, null), policy("at-risk", 20, null, null, "at-risk", null),
			policy("default", 100, null, null, null, null));

	Optional<String> applicable(SlaQuery query) {
		return ordered.stream().filter(p -> p.matches(query)).findFirst().map(SlaPolicy::key);
	}

	@Test
	void theFirstPolicyWhoseCriteriaAllMatchApplies() {
		assertThat(applicable(new SlaQuery("urgent", "enterprise", Set.of(), 42L))).contains("acme");
		assertThat(applicable(new SlaQuery("urgent", "enterprise", Set.of(), 7L))).contains("enterprise-urgent");
		assertThat(applicable(new SlaQuery("high", "enterprise", Set.of("at-risk"), 7L))).contains("enterprise");
		assertThat(applicable(new SlaQuery("high", "smb", Set.of("at-risk", "kanto"), 7L))).contains("at-risk");
		assertThat(applicable(new SlaQuery(null, null, null, null))).contains("default");
		assertThat(ordered.subList(0, 4).stream().filter(p -> p.matches(new SlaQuery("low", "smb", Set.of(), null))))
			.isEmpty();
	}

	@Test
	void aYearlyClosureWrapsOverTheNewYearEveryYear() {
		Closure nenmatsu = new Closure(LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 3), "年末年始", true);
		assertThat(nenmatsu.covers(LocalDate.of(2030, 12, 31))).isTrue();
		assertThat(nenmatsu.covers(LocalDate.of(2031, 1, 3))).isTrue();
		assertThat(nenmatsu.covers(LocalDate.of(2031, 1, 4))).isFalse();
		assertThat(nenmatsu.covers(LocalDate.of(2030, 12, 28))).isFalse();
		Closure obon = new Closure(LocalDate.of(2000, 8, 13), LocalDate.of(2000, 8, 16), "お盆", true);
		assertThat(obon.covers(LocalDate.of(2027, 8, 15))).isTrue();
		assertThat(obon.covers(LocalDate.of(2027, 8, 17))).isFalse();
		Closure once = new Closure(LocalDate.of(2026, 8, 13), LocalDate.of(2026, 8, 16), "夏季休業");
		assertThat(once.covers(LocalDate.of(2027, 8, 14))).isFalse();
	}
}
