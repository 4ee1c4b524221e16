package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class RfmTests {

	@Test
	void scoresAndSegmentsACraftedLog() {
		LocalDate asOf = LocalDate.of(2026, 11, 30);
		List<Transaction> log = List.of(tx("fan", "2026-11-29", "500"), tx("fan", "2026-11-20", "500"),
				tx("fan", "2026-11-10", "500"), tx("fan", "2026-11-10", "1"), tx("gone", "2025-01-01", "20"),
				tx("newbie", "2026-11-28", "30"), tx("old-regular", "2026-03-01", "90"),
				tx("old-regular", "2026-02-01", "90"), tx("old-regular", "2026-01-01", "90"),
				tx("mid", "2026-09-01", "40"), tx("future", "2026-12-05", "99"));
		Map<String, Rfm.Customer> byId = Rfm.segment(log, asOf).stream()
			.collect(Collectors.toMap(Rfm.Customer::customerId, Function.identity()));
		assertThat(byId).doesNotContainKey("future");
		Rfm.Customer fan = byId.get("fan");
		assertThat(fan.frequency()).as("same-day purchases are one").isEqualTo(3);
		assertThat(fan.monetary()).isEqualByComparingTo("1501");
		assertThat(fan.recencyDays()).isEqualTo(1);
		assertThat(fan.segment()).isEqualTo(Rfm.Segment.CHAMPIONS);
		assertThat(byId.get("gone").r()).isEqualTo(1);
		assertThat(byId.get("gone").segment()).isEqualTo(Rfm.Segment.LOST);
		// Second most recent of six: R 4 (quintiles of so few), one purchase: F 1.
		assertThat(byId.get("newbie").r()).isEqualTo(4);
		assertThat(byId.get("newbie").f()).isEqualTo(1);
		assertThat(byId.get("newbie").segment()).isEqualTo(Rfm.Segment.PROMISING);
		assertThat(byId.get("old-regular").segment()).isIn(Rfm.Segment.AT_RISK, Rfm.Segment.CANT_LOSE_THEM);
	}

	@Test
	void cdnowCustomersSplitIntoQuintilesAndSegmentsThatMakeSense() throws Exception {
		List<Transaction> log = Files.readAllLines(io.kizuna.SharedDatasets.resolve("cdnow/CDNOW_sample.txt"))
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty())
			.map(line -> line.split("\\s+"))
			.map(f -> new Transaction(f[0], LocalDate.parse(f[2], DateTimeFormatter.BASIC_ISO_DATE), new BigDecimal(f[4])))
			.toList();
		List<Rfm.Customer> customers = Rfm.segment(log, LocalDate.of(1998, 6, 30));
		assertThat(customers).hasSize(2357);
		Map<Integer, Long> recencyScores = customers.stream().collect(Collectors.groupingBy(Rfm.Customer::r, Collectors.counting()));
		assertThat(recencyScores.keySet()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
		recencyScores.values().forEach(count -> assertThat(count).isBetween(2357L / 5 - 60, 2357L / 5 + 60));
		Map<Rfm.Segment, Double> spend = customers.stream().collect(Collectors.groupingBy(Rfm.Customer::segment,
				Collectors.averagingDouble(c -> c.monetary().doubleValue())));
		assertThat(spend.get(Rfm.Segment.CHAMPIONS)).isGreaterThan(spend.get(Rfm.Segment.LOST) * 3);
	}

	private static Transaction tx(String customer, String day, String amount) {
		return new Transaction(customer, LocalDate.parse(day), new BigDecimal(amount));
	}
}
