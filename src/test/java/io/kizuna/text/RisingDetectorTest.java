package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RisingDetectorTest {

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
}
