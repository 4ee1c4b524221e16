package io.kizuna.support;

import java.time.LocalDate;
import java.util.List;

/**
 * What a ticket's reader sees of its account: health band and score, ARR, renewal date, owner and open signals (kinds
 * as message keys), read through the accounts and health facades.
 */
public record AccountContext(String externalId, String name, String band, Double score, Long arrMinor,
		String currency, LocalDate renewalOn, String ownerName, List<String> signalTitleKeys) {
}
