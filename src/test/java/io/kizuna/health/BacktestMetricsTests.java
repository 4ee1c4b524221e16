package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kizuna.health.BacktestMetrics.Observation;
import org.junit.jupiter.api.Test;

/** ROC-AUC and top-k hits on observations small enough to count by hand. */
class BacktestMetricsTests {

	private static Observation o(long id, double risk, boolean churned) {
		return new Observation(id, risk, churned, "yellow");
	}

	@Test
	void aucIsTheShareOfChurnerNonChurnerPairsRankedRight() {
		// churners at risks 0.9 and 0.4, non-churners at 0.8, 0.3, 0.1: pairs ranked right 3 + 2 of 6
		List<Observation> obs = List.of(o(1, 0.9, true), o(2, 0.8, false), o(3, 0.4, true), o(4, 0.3, false),
				o(5, 0.1, false));
		assertThat(BacktestMetrics.rocAuc(obs)).isEqualTo(5.0 / 6);
		assertThat(BacktestMetrics.rocAuc(List.of(o(1, 0.9, true), o(2, 0.1, false)))).isEqualTo(1.0);
		assertThat(BacktestMetrics.rocAuc(List.of(o(1, 0.1, true), o(2, 0.9, false)))).isEqualTo(0.0);
	}

	@Test
	void tiedRisksCountHalf() {
		assertThat(BacktestMetrics.rocAuc(List.of(o(1, 0.5, true), o(2, 0.5, false)))).isEqualTo(0.5);
		// one churner tied with one of two non-churners, above the other: (1 + 0.5) / 2
		assertThat(BacktestMetrics.rocAuc(List.of(o(1, 0.5, true), o(2, 0.5, false), o(3, 0.2, false)))).isEqualTo(0.75);
	}

	@Test
	void noAucWithoutBothClasses() {
		assertThat(BacktestMetrics.rocAuc(List.of(o(1, 0.5, true), o(2, 0.4, true)))).isNull();
		assertThat(BacktestMetrics.rocAuc(List.of(o(1, 0.5, false)))).isNull();
		assertThat(BacktestMetrics.rocAuc(List.of())).isNull();
	}

	@Test
	void churnersAmongTheRiskiestBreakingTiesByAccountId() {
		List<Observation> obs = List.of(o(5, 0.2, true), o(1, 0.9, true), o(3, 0.5, false), o(2, 0.5, true),
				o(4, 0.1, true));
		assertThat(BacktestMetrics.churnersInTop(obs, 1)).isEqualTo(1);
		// the tie at 0.5: account 2 (churned) before account 3
		assertThat(BacktestMetrics.churnersInTop(obs, 2)).isEqualTo(2);
		assertThat(BacktestMetrics.churnersInTop(obs, 3)).isEqualTo(2);
		assertThat(BacktestMetrics.churnersInTop(obs, 4)).isEqualTo(3);
		assertThat(BacktestMetrics.churnersInTop(obs, 10)).isEqualTo(4);
		assertThat(BacktestMetrics.churnersInTop(obs, 0)).isEqualTo(0);
		// the riskiest is found wherever it is in the list
		assertThat(BacktestMetrics.churnersInTop(List.of(o(1, 0.1, true), o(2, 0.9, false)), 1)).isEqualTo(0);
		List<Observation> reversedTie = List.of(o(2, 0.5, false), o(3, 0.5, true));
		assertThat(BacktestMetrics.churnersInTop(reversedTie, 1)).isEqualTo(0);
	}
}
