package io.kizuna.ltv;

/**
 * A customer's purchases in a calibration period, in weeks from their first purchase: {@code x} repeat transactions,
 * the last at {@code tx}, observed for {@code T}; {@code meanRepeatValue} is the mean value of the repeat
 * transactions (0 when there are none).
 */
public record CustomerHistory(String customerId, int x, double tx, double T, double meanRepeatValue) {

	public CustomerHistory {
		if (x < 0 || tx < 0 || T < 0 || tx > T || x > 0 && tx == 0 && T == 0) {
			throw new IllegalArgumentException("inconsistent history for " + customerId + ": x=" + x + " tx=" + tx
					+ " T=" + T);
		}
	}
}
