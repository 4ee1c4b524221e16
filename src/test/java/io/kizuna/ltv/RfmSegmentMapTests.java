package io.kizuna.ltv;

import static io.kizuna.ltv.Rfm.Segment.ABOUT_TO_SLEEP;
import static io.kizuna.ltv.Rfm.Segment.AT_RISK;
import static io.kizuna.ltv.Rfm.Segment.CANT_LOSE_THEM;
import static io.kizuna.ltv.Rfm.Segment.CHAMPIONS;
import static io.kizuna.ltv.Rfm.Segment.HIBERNATING;
import static io.kizuna.ltv.Rfm.Segment.LOST;
import static io.kizuna.ltv.Rfm.Segment.LOYAL;
import static io.kizuna.ltv.Rfm.Segment.NEED_ATTENTION;
import static io.kizuna.ltv.Rfm.Segment.NEW;
import static io.kizuna.ltv.Rfm.Segment.POTENTIAL_LOYALIST;
import static io.kizuna.ltv.Rfm.Segment.PROMISING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Every cell of the recency × frequency segment map, and the hypergeometric series at the edges of its domain. */
class RfmSegmentMapTests {

	/** Rows: recency score 5 (most recent) down to 1; columns: frequency score 1 to 5. */
	static final Rfm.Segment[][] MAP = {
			{ NEW, POTENTIAL_LOYALIST, LOYAL, CHAMPIONS, CHAMPIONS },
			{ PROMISING, POTENTIAL_LOYALIST, LOYAL, CHAMPIONS, CHAMPIONS },
			{ ABOUT_TO_SLEEP, ABOUT_TO_SLEEP, NEED_ATTENTION, LOYAL, LOYAL },
			{ HIBERNATING, HIBERNATING, AT_RISK, AT_RISK, CANT_LOSE_THEM },
			{ LOST, LOST, AT_RISK, AT_RISK, CANT_LOSE_THEM } };

	@Test
	void everyRecencyAndFrequencyScoreFallsInItsSegment() {
		for (int r = 5; r >= 1; r--) {
			for (int f = 1; f <= 5; f++) {
				assertThat(Rfm.Segment.of(r, f)).as("r=" + r + " f=" + f).isEqualTo(MAP[5 - r][f - 1]);
			}
		}
	}

	@Test
	void theHypergeometricSeriesIsOneAtZeroAndDefinedBelowOne() {
		assertThat(Hypergeometric.f21(0.5, 1.5, 2.5, 0)).isEqualTo(1.0);
		// 2F1(1, 1; 2; z) = −ln(1 − z) / z
		assertThat(Hypergeometric.f21(1, 1, 2, 0.9)).isCloseTo(-Math.log(0.1) / 0.9, within(1e-12));
		assertThatIllegalArgumentException().isThrownBy(() -> Hypergeometric.f21(1, 1, 2, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Hypergeometric.f21(1, 1, 2, -0.01));
	}
}
