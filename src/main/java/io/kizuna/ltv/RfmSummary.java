package io.kizuna.ltv;

import java.time.LocalDate;
import java.util.Map;

import io.kizuna.accounts.Page;

/** RFM as of the log's last purchase day: customers per segment, and one page of per-customer scores. */
public record RfmSummary(LocalDate asOf, String currency, Map<Rfm.Segment, Long> segmentSizes, Page<Rfm.Customer> customers) {
}
