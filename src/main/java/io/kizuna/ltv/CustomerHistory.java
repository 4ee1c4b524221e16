package io.kizuna.ltv;

/**
 * A customer's purchases in a calibration period, in weeks from their first purchase: {@code x} repeat transactions,
 * the last at {@code tx}, observed for {@code T}. A purchase of 0 counts for BG/NBD like any other; the spend model
 * sees only the repeat transactions of positive value: {@code spendTransactions} of them, averaging
 * {@code meanRepeatValue} (0 when there are none).
 */
public record CustomerHistory(String customerId, int x, double tx, double T, double meanRepeatValue,
		int spendTransactions) {

	public CustomerHistory {
		if (x < 0 || tx < 0 || T < 0 || tx > T || x > 0 && tx == 0 && T == 0 || spendTransactions < 0
				|| spendTransactions > x) {
			throw new IllegalArgumentException("inconsistent history for " + customerId + ": x=" + x + " tx=" + tx
					+ " T=" + T + " spend transactions=" + spendTransactions);
		}
	}

	/** A history whose repeat transactions all have a value (none of them 0) when their mean is positive. */
	public CustomerHistory(String customerId, int x, double tx, double T, double meanRepeatValue) {
		this(customerId, x, tx, T, meanRepeatValue, meanRepeatValue > 0 ? x : 0);
	}
}
