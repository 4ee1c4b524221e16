package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The sentence under an account's score, with the product's own message bundles. */
class ExplanationsTests {

	private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

	static {
		MESSAGES.setBasename("i18n/health/messages");
		MESSAGES.setDefaultEncoding("UTF-8");
		MESSAGES.setFallbackToSystemLocale(false);
	}

	private static Snapshots.Snapshot snapshot(Double score, MeasureResult... measures) {
		return new Snapshots.Snapshot(LocalDate.of(2026, 6, 1), score, null, Arrays.asList(measures));
	}

	private static MeasureResult m(String measure, Double contribution) {
		return new MeasureResult(measure, 1.0, 1.0, 1, contribution);
	}

	private static String en(Snapshots.Snapshot now, Snapshots.Snapshot weekAgo) {
		return Explanations.sinceLastWeek(now, weekAgo, MESSAGES, Locale.ENGLISH);
	}

	@Test
	void noScoreAndFirstScore() {
		assertThat(en(snapshot(null), snapshot(50.0)))
			.isEqualTo("No health data yet: the account has no subscription or usage to score.");
		assertThat(en(snapshot(62.46), null))
			.isEqualTo("First score: 62.5. A change will be explained once there is a score from a week before.");
		assertThat(en(snapshot(62.0), snapshot(null)))
			.isEqualTo("First score: 62. A change will be explained once there is a score from a week before.");
	}

	@Test
	void upNamesTheMeasureThatAddedMost() {
		Snapshots.Snapshot before = snapshot(60.0, m("days_since_active", 30.0), m("seat_utilization", 30.0));
		Snapshots.Snapshot now = snapshot(70.0, m("days_since_active", 40.0), m("seat_utilization", 30.0));
		assertThat(en(now, before)).isEqualTo(
				"Up 10 points since a week ago, to 70; the biggest mover was Days since any user was active (+10 points).");
	}

	@Test
	void downNamesTheLargestShiftEvenWhenAnotherMeasureRose() {
		Snapshots.Snapshot before = snapshot(65.0, m("days_since_active", 30.0), m("seat_utilization", 35.0));
		Snapshots.Snapshot now = snapshot(60.0, m("days_since_active", 33.0), m("seat_utilization", 27.0));
		assertThat(en(now, before)).isEqualTo(
				"Down 5 points since a week ago, to 60; the biggest mover was Seat utilisation (active users per paid seat, 30 days) (−8 points).");
	}

	@Test
	void onATieTheFirstMeasureOfTheCardIsNamed() {
		Snapshots.Snapshot before = snapshot(60.0, m("days_since_active", 30.0), m("seat_utilization", 30.0));
		Snapshots.Snapshot now = snapshot(70.0, m("days_since_active", 35.0), m("seat_utilization", 35.0));
		assertThat(en(now, before)).isEqualTo(
				"Up 10 points since a week ago, to 70; the biggest mover was Days since any user was active (+5 points).");
	}

	@Test
	void lessThanHalfAPointIsUnchanged() {
		Snapshots.Snapshot before = snapshot(60.0, m("depth", 10.0));
		assertThat(en(snapshot(60.4, m("depth", 10.4)), before)).isEqualTo(
				"Unchanged since a week ago at 60.4; the largest shift was Active days per active user (30 days) (0.4 points).");
		assertThat(en(snapshot(59.6, m("depth", 9.6)), before)).startsWith("Unchanged since a week ago at 59.6;");
		assertThat(en(snapshot(60.5, m("depth", 10.5)), before)).startsWith("Up 0.5 points");
		assertThat(en(snapshot(59.5, m("depth", 9.5)), before)).startsWith("Down 0.5 points");
	}

	@Test
	void missingContributionsCountAsZeroAndUnknownMeasuresShowTheirCode() {
		// depth had no data a week ago (null) and seat_utilization was not on the card; custom_x has no message
		Snapshots.Snapshot before = snapshot(50.0, m("depth", null), m("custom_x", 20.0));
		Snapshots.Snapshot now = snapshot(56.0, m("depth", 6.0), m("seat_utilization", 7.0), m("custom_x", null));
		// custom_x went from 20 to nothing: −20 is the largest shift
		assertThat(en(now, before))
			.isEqualTo("Up 6 points since a week ago, to 56; the biggest mover was custom_x (+20 points).");
		Snapshots.Snapshot newMeasure = snapshot(57.0, m("seat_utilization", 7.0));
		assertThat(en(newMeasure, snapshot(50.0))).isEqualTo(
				"Up 7 points since a week ago, to 57; the biggest mover was Seat utilisation (active users per paid seat, 30 days) (+7 points).");
		// nothing moved at all: no measure to name
		assertThat(en(snapshot(50.0, m("depth", 5.0)), snapshot(50.0, m("depth", 5.0))))
			.isEqualTo("Unchanged since a week ago at 50; the largest shift was  (0 points).");
	}

	@Test
	void japaneseUsesItsOwnBundleAndNumberFormat() {
		Snapshots.Snapshot before = snapshot(1200.0, m("days_since_active", 30.0));
		Snapshots.Snapshot now = snapshot(1234.56, m("days_since_active", 40.0));
		assertThat(Explanations.sinceLastWeek(now, before, MESSAGES, Locale.JAPANESE))
			.isEqualTo("1週間前から 34.6 ポイント上昇し 1,234.6 になりました。最大の要因は「最終利用からの日数」（+10 ポイント）です。");
	}
}
