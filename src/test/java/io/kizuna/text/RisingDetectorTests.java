package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RisingDetectorTests {

	private static int[] stable(long seed) {
		Random random = new Random(seed);
		int[] daily = new int[RisingDetector.RECENT_DAYS + RisingDetector.BASELINE_DAYS];
		for (int i = 0; i < daily.length; i++) {
			daily[i] = random.nextInt(4); // 0..3 a day, 1.5 on average
		}
		return daily;
	}

	@Test
	void aStableSeriesRaisesNothing() {
		for (long seed = 0; seed < 200; seed++) {
			assertThat(RisingDetector.detect(stable(seed))).as("seed %d", seed).isEmpty();
		}
	}

	@Test
	void aSpikeInjectedIntoAStableSeriesIsFound() {
		int[] daily = stable(7);
		for (int i = daily.length - 5; i < daily.length; i++) {
			daily[i] += 8;
		}
		var rise = RisingDetector.detect(daily);
		assertThat(rise).isPresent();
		assertThat(rise.get().recent()).isGreaterThan(40);
		assertThat(rise.get().usual()).isBetween(5.0, 16.0);
	}

	@Test
	void aNewTermNeedsARealCount() {
		int[] daily = new int[RisingDetector.RECENT_DAYS + RisingDetector.BASELINE_DAYS];
		daily[daily.length - 1] = 3;
		assertThat(RisingDetector.detect(daily)).isEmpty();
		Arrays.fill(daily, daily.length - 7, daily.length, 2);
		assertThat(RisingDetector.detect(daily)).isPresent();
	}

	private static int[] constant(int perDay) {
		int[] daily = new int[RisingDetector.RECENT_DAYS + RisingDetector.BASELINE_DAYS];
		Arrays.fill(daily, perDay);
		return daily;
	}

	@Test
	void aCampaignThatMultipliesEveryAnswerRaisesNoTerm() {
		// 40 texts a day, 4 of them on the term; this week a survey campaign brings four times as many of each
		int[] volume = constant(40);
		int[] term = constant(4);
		for (int i = volume.length - 7; i < volume.length; i++) {
			volume[i] = 160;
			term[i] = 16;
		}
		assertThat(RisingDetector.detect(term, volume)).isEmpty();
		// the term alone, counted without the volume, would look like a spike
		assertThat(RisingDetector.detect(term)).isPresent();
	}

	@Test
	void aFloodOfTextsAboutOneThingStillRises() {
		// the term is in half the texts; this week it alone brings 200 more
		int[] volume = constant(20);
		int[] term = constant(10);
		for (int i = volume.length - 7; i < volume.length; i++) {
			volume[i] += 30;
			term[i] += 30;
		}
		var rise = RisingDetector.detect(term, volume);
		assertThat(rise).isPresent();
		assertThat(rise.get().usual()).isBetween(60.0, 80.0);
	}

	@Test
	void eachSourceIsScaledByItsOwnVolume() {
		// tickets: 10 a day, 1 on the term, this week 3 more a day on it; surveys: a campaign quadruples the answers
		int[] tickets = constant(10);
		int[] ticketTerm = constant(1);
		int[] surveys = constant(20);
		int[] surveyTerm = constant(0);
		for (int i = tickets.length - 7; i < tickets.length; i++) {
			tickets[i] += 3;
			ticketTerm[i] += 3;
			surveys[i] = 80;
		}
		assertThat(RisingDetector.detect(java.util.List.of(ticketTerm, surveyTerm), java.util.List.of(tickets, surveys)))
			.isPresent();
		// had the campaign's volume been pooled with the tickets', the expectation would have doubled
		int[] pooled = tickets.clone();
		for (int i = 0; i < pooled.length; i++) {
			pooled[i] += surveys[i];
		}
		assertThat(RisingDetector.detect(ticketTerm, pooled)).isEmpty();
	}

	@Test
	void aSourceWithoutHistoryHasNoUsualLevel() {
		int[] connectedThisWeek = new int[RisingDetector.RECENT_DAYS + RisingDetector.BASELINE_DAYS];
		Arrays.fill(connectedThisWeek, connectedThisWeek.length - 7, connectedThisWeek.length, 30);
		assertThat(RisingDetector.hasHistory(connectedThisWeek)).isFalse();
		int[] threeWeeks = connectedThisWeek.clone();
		Arrays.fill(threeWeeks, threeWeeks.length - 28, threeWeeks.length - 7, 5);
		assertThat(RisingDetector.hasHistory(threeWeeks)).isFalse();
		int[] weekly = connectedThisWeek.clone();
		for (int i = 0; i < weekly.length - 7; i += 7) {
			weekly[i] = 1; // one text a week is history enough
		}
		assertThat(RisingDetector.hasHistory(weekly)).isTrue();
	}

	@Test
	void termsThatRoseInTheSameTextsAreOneIssue() {
		var strong = new RisingDetector.Rise(12, 0, 11);
		var weaker = new RisingDetector.Rise(12, 2, 6);
		java.util.Map<Long, Long> spike = new java.util.HashMap<>();
		for (long id = 1; id <= 12; id++) {
			spike.put(id, id % 2);
		}
		java.util.Map<Long, Long> other = new java.util.HashMap<>();
		for (long id = 100; id < 110; id++) {
			other.put(id, 3L);
		}
		var issues = RisingIssues.group(
				java.util.Map.of("ログインできない", strong, "ログイン", weaker, "請求書", new RisingDetector.Rise(10, 1, 9)),
				java.util.Map.of("ログインできない", spike, "ログイン", spike, "請求書", other));
		assertThat(issues).extracting(RisingIssues.Issue::term).containsExactly("ログインできない", "請求書");
		assertThat(issues.get(0).related()).containsExactly("ログイン");
		assertThat(issues.get(1).related()).isEmpty();
	}
}
