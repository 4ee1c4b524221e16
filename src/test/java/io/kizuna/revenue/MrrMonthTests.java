package io.kizuna.revenue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import org.junit.jupiter.api.Test;

/** The five rates of a month, on figures where every one of them differs. */
class MrrMonthTests {

	// 10 accounts opened with 1,000,000; 2 churned taking 100,000; contraction 50,000; expansion 200,000
	private static final MrrMonth MONTH = new MrrMonth(YearMonth.of(2026, 3), "JPY", 1_000_000, 70_000, 200_000,
			30_000, 50_000, 100_000, 1_150_000, 10, 2);

	@Test
	void everyRateFromItsOwnFormula() {
		assertThat(MONTH.logoChurnRate()).isEqualTo(0.2);
		assertThat(MONTH.revenueChurnRate()).isEqualTo(0.1);
		assertThat(MONTH.grossRevenueRetention()).isEqualTo(0.85);
		assertThat(MONTH.netRevenueRetention()).isEqualTo(1.05);
		assertThat(MONTH.averageRevenuePerAccountAtStart()).isEqualTo(100_000.0);
	}

	@Test
	void noRatesWithoutAStart() {
		MrrMonth first = new MrrMonth(YearMonth.of(2026, 1), "JPY", 0, 50_000, 0, 0, 0, 0, 50_000, 0, 0);
		assertThat(first.logoChurnRate()).isNull();
		assertThat(first.revenueChurnRate()).isNull();
		assertThat(first.grossRevenueRetention()).isNull();
		assertThat(first.netRevenueRetention()).isNull();
		assertThat(first.averageRevenuePerAccountAtStart()).isNull();
		// free accounts at the start: a logo rate but no revenue rates
		MrrMonth free = new MrrMonth(YearMonth.of(2026, 1), "JPY", 0, 0, 0, 0, 0, 0, 0, 4, 1);
		assertThat(free.logoChurnRate()).isEqualTo(0.25);
		assertThat(free.averageRevenuePerAccountAtStart()).isEqualTo(0.0);
		assertThat(free.revenueChurnRate()).isNull();
	}
}
