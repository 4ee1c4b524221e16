package io.kizuna.ltv;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One purchase in a transaction log (e-commerce, usage-based billing, points shops). */
public record Transaction(String customerId, LocalDate date, BigDecimal amount) {
}
