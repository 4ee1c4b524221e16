package io.kizuna.ltv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a transaction log into per-customer calibration histories as the BG/NBD paper prepares CDNOW: purchases
 * of a customer on the same day are one transaction; times in weeks from the customer's first purchase; only what
 * happened up to {@code calibrationEnd} (inclusive) counts. Purchases of 0 are transactions (a free order is still an
 * order); the spend model leaves them out.
 */
public final class TransactionSummaries {

	private TransactionSummaries() {
	}

	public static List<CustomerHistory> calibrate(List<Transaction> transactions, LocalDate calibrationEnd) {
		Map<String, TreeMap<LocalDate, BigDecimal>> byCustomer = new TreeMap<>();
		for (Transaction t : transactions) {
			if (!t.date().isAfter(calibrationEnd)) {
				byCustomer.computeIfAbsent(t.customerId(), id -> new TreeMap<>()).merge(t.date(), t.amount(), BigDecimal::add);
			}
		}
		List<CustomerHistory> histories = new ArrayList<>(byCustomer.size());
		byCustomer.forEach((customer, days) -> {
			LocalDate first = days.firstKey();
			LocalDate last = days.lastKey();
			int repeat = days.size() - 1;
			// A day of purchases worth 0 is a transaction for the frequency model, not for the spend model.
			double[] valued = days.tailMap(first, false).values().stream().filter(v -> v.signum() > 0)
				.mapToDouble(BigDecimal::doubleValue).toArray();
			double mean = valued.length == 0 ? 0 : java.util.Arrays.stream(valued).sum() / valued.length;
			histories.add(new CustomerHistory(customer, repeat, weeks(first, last), weeks(first, calibrationEnd), mean,
					valued.length));
		});
		return histories;
	}

	private static double weeks(LocalDate from, LocalDate to) {
		return ChronoUnit.DAYS.between(from, to) / 7.0;
	}
}
