package io.kizuna.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.util.Currency;

import org.junit.jupiter.api.Test;

/** Minor units per currency: none for JPY, two for USD, three for KWD and BHD. */
class MoneyTests {

	@Test
	void yenHasNoMinorUnit() {
		assertThat(Money.parse("30000", "JPY")).isEqualTo(new Money(30000, Currency.getInstance("JPY")));
		assertThat(Money.parse(" 1200 ", "JPY").minorUnits()).isEqualTo(1200);
		assertThat(Money.of(30000, "JPY").amount()).isEqualByComparingTo("30000");
		assertThat(Money.of(30000, "JPY").amount().scale()).isZero();
		// ¥1,200.5 does not exist
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> Money.parse("1200.5", "JPY"));
		// trailing zeros are no extra precision
		assertThat(Money.parse("1200.00", "JPY").minorUnits()).isEqualTo(1200);
	}

	@Test
	void twoAndThreeDecimalCurrencies() {
		assertThat(Money.parse("12.50", "USD").minorUnits()).isEqualTo(1250);
		assertThat(Money.parse("12.5", "USD").minorUnits()).isEqualTo(1250);
		assertThat(Money.of(1250, "USD").amount()).isEqualTo(new BigDecimal("12.50"));
		assertThat(Money.parse("1.234", "KWD").minorUnits()).isEqualTo(1234);
		assertThat(Money.parse("0.5", "BHD").minorUnits()).isEqualTo(500);
		assertThat(Money.of(1234, "KWD").amount()).isEqualTo(new BigDecimal("1.234"));
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> Money.parse("12.505", "USD"));
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> Money.parse("1.2345", "KWD"));
		assertThat(Money.parse("-3.10", "EUR").minorUnits()).isEqualTo(-310);
	}

	@Test
	void currenciesWithoutDefinedDigitsCountWholeUnits() {
		// XXX ("no currency") reports -1 fraction digits
		assertThat(Money.parse("7", "XXX").minorUnits()).isEqualTo(7);
		assertThat(Money.of(7, "XXX").amount()).isEqualTo(new BigDecimal("7"));
	}

	@Test
	void aCurrencyIsRequiredAndMustBeIso4217() {
		assertThatNullPointerException().isThrownBy(() -> new Money(1, null));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> Money.of(1, "YEN"));
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> Money.parse("99999999999999999999", "JPY"));
	}
}
