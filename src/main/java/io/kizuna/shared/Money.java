package io.kizuna.shared;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An amount in minor units of an ISO 4217 currency (JPY has none, so ¥1,200 is 1200). */
public record Money(long minorUnits, Currency currency) {

	public Money {
		Objects.requireNonNull(currency, "currency");
	}

	public static Money of(long minorUnits, String currencyCode) {
		return new Money(minorUnits, Currency.getInstance(currencyCode));
	}

	/** Parses a decimal amount such as "12.50" into minor units, refusing more precision than the currency has. */
	public static Money parse(String amount, String currencyCode) {
		Currency currency = Currency.getInstance(currencyCode);
		BigDecimal minor = new BigDecimal(amount.trim()).movePointRight(fractionDigits(currency));
		return new Money(minor.longValueExact(), currency);
	}

	public BigDecimal amount() {
		return BigDecimal.valueOf(minorUnits, fractionDigits(currency));
	}

	private static int fractionDigits(Currency currency) {
		return Math.max(currency.getDefaultFractionDigits(), 0);
	}
}
