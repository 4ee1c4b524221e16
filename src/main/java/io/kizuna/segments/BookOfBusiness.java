package io.kizuna.segments;

import java.util.List;

/**
 * Each owner's accounts as a CS manager balances them: how many, their ARR, how many at each touch level and how
 * many at risk (red or yellow, or with an open signal). Churned accounts are left out; {@code ownerUserId} is null
 * for accounts nobody owns.
 */
public record BookOfBusiness(List<TouchLevel> levels, List<Owner> owners) {

	public BookOfBusiness {
		levels = List.copyOf(levels);
		owners = List.copyOf(owners);
	}

	public record Owner(Long ownerUserId, String ownerName, long accounts, long arrMinor, String currency, long high,
			long mid, long tech, long atRisk) {
	}
}
