package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.health.SignalSeverity;
import org.junit.jupiter.api.Test;

/** When an account's mean sentiment has fallen far enough, on enough texts, to be worth a call. */
class SentimentFallTests {

	private static double[] mean(int texts, double score) {
		return new double[] { texts, score };
	}

	@Test
	void aFallBelowNeutralOnEnoughTextsIsFound() {
		var fall = TextExtensions.SentimentFall.of(mean(4, -0.3), mean(5, 0.2)).orElseThrow();
		assertThat(fall.finding().severity()).isEqualTo(SignalSeverity.MEDIUM);
		assertThat(fall.finding().evidence()).containsEntry("recent_sentiment", -0.3).containsEntry("usual_sentiment", 0.2)
			.containsEntry("recent_texts", 4L);
		assertThat(TextExtensions.SentimentFall.of(mean(3, -0.6), mean(3, 0.5)).orElseThrow().finding().severity())
			.isEqualTo(SignalSeverity.HIGH);
	}

	@Test
	void smallFallsFewTextsAndFallsThatStayPositiveAreNot() {
		assertThat(TextExtensions.SentimentFall.of(mean(4, -0.1), mean(5, 0.2))).as("a drop of 0.3").isEmpty();
		assertThat(TextExtensions.SentimentFall.of(mean(2, -0.9), mean(5, 0.8))).as("two recent texts").isEmpty();
		assertThat(TextExtensions.SentimentFall.of(mean(6, -0.9), mean(2, 0.8))).as("two usual texts").isEmpty();
		assertThat(TextExtensions.SentimentFall.of(mean(6, 0.2), mean(6, 0.9))).as("still content").isEmpty();
		assertThat(TextExtensions.SentimentFall.of(mean(6, -0.9), null)).as("nothing before").isEmpty();
	}

	@Test
	void aMeanIsLabelledWithTheThresholdsOfOneText() {
		assertThat(TextExtensions.label(-0.25)).isEqualTo("negative");
		assertThat(TextExtensions.label(0.1)).isEqualTo("neutral");
		assertThat(TextExtensions.label(0.3)).isEqualTo("positive");
	}
}
