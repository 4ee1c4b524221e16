package io.kizuna.ltv;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The models fitted on a workspace's transaction log, as the pages use them: on the purchases in {@code currency}
 * (the log's most used) up to {@code asOf} (the day of the last purchase). {@code problem} says why BG/NBD and
 * Gamma-Gamma could not be fitted (they are null then); {@code warnings} what to know about a fit that converged.
 */
public record TransactionModels(String currency, LocalDate asOf, int customers, int repeatCustomers, BgNbd bgNbd,
		GammaGamma gammaGamma, String problem, Instant fittedAt, List<FitWarning> warnings) {
}
