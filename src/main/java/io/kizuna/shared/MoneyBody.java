package io.kizuna.shared;

/**
 * Money as a request gives it: the same shape as {@link Money} in answers ({@code {"minorUnits": 30000,
 * "currency": "JPY"}}), each part checked by whoever reads it, the currency optional where a default applies.
 */
public record MoneyBody(Long minorUnits, String currency) {
}
