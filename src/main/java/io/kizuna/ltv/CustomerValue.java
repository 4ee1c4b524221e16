package io.kizuna.ltv;

import io.kizuna.shared.Money;

/**
 * A transaction customer's expected future: P(alive) and expected purchases (BG/NBD), expected value per purchase
 * (Gamma-Gamma), and CLV = Σ over the horizon's months of the discounted expected purchases × expected spend.
 *
 * @param purchaseDays days with a purchase (purchases on one day are one transaction)
 * @param outlook P(0, 1, 2, … purchases) in the next months; null in lists, which rank many customers
 */
public record CustomerValue(String customerId, String accountExternalId, int purchaseDays, double probabilityAlive,
		double expectedPurchases, Money expectedSpend, Money clv, ClvParameters parameters, PurchaseOutlook outlook) {

	CustomerValue withOutlook(PurchaseOutlook outlook) {
		return new CustomerValue(customerId, accountExternalId, purchaseDays, probabilityAlive, expectedPurchases,
				expectedSpend, clv, parameters, outlook);
	}
}
