package io.kizuna.feedback;

import java.math.BigDecimal;

/** The RICE inputs a product manager edits; a null reach means "the accounts asking". */
public record RiceDraft(Integer reach, BigDecimal impact, Integer confidence, BigDecimal effort) {
}
