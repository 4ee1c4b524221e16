package io.kizuna.demo;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import io.kizuna.ltv.TransactionDraft;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * One account's purchases beside its subscription (add-on packs, training, extra usage), as the models the LTV page
 * fits assume a customer buys: while active at a weekly rate λ ~ Gamma, dropping out after each purchase with
 * probability p ~ Beta (BG/NBD), each purchase worth around the account's own mean (Gamma-Gamma), larger tiers
 * spending more. The archetype moves the rate (growing accounts buy more, idle ones little) and a canceled account
 * buys nothing after it left. About one purchase in forty is free (a training seat, a coupon): a purchase of ¥0.
 * Deterministic per account, source ids included, so loading twice stores nothing twice.
 */
final class DemoPurchases {

	/** Weekly purchase rate across accounts: mean 0.15, a purchase every 6–7 weeks. */
	private static final double RATE_SHAPE = 1.5;

	private static final double RATE_SCALE = 0.1;

	/** Drop-out after a purchase: mean 1 / 9. */
	private static final double DROP_A = 1;

	private static final double DROP_B = 8;

	/** Spread of one purchase around the account's mean (Gamma-Gamma's p) and of the means (q). */
	private static final double SPREAD = 6;

	private static final double MEANS_SHAPE = 4;

	private DemoPurchases() {
	}

	static void purchases(DemoAccount account, LocalDate today, ZoneId zone, Consumer<TransactionDraft> sink) {
		RandomGenerator random = new Well19937c(account.seed() ^ 0x5DEECE66DL);
		double rate = new GammaDistribution(random, RATE_SHAPE, RATE_SCALE).sample() * switch (account.archetype()) {
			case GROWING -> 2.0;
			case DECLINING -> 0.6;
			case PAYING_IDLE, ONBOARDING_STALLED -> 0.3;
			default -> 1.0;
		};
		double dropOut = new BetaDistribution(random, DROP_A, DROP_B).sample();
		double tierMean = switch (account.tier()) {
			case "enterprise" -> 200_000;
			case "mid-market" -> 80_000;
			default -> 30_000;
		};
		double mean = new GammaDistribution(random, MEANS_SHAPE, tierMean / MEANS_SHAPE).sample();
		GammaDistribution value = new GammaDistribution(random, SPREAD, mean / SPREAD);
		LocalDate end = account.churnedOn() != null && account.churnedOn().isBefore(today) ? account.churnedOn() : today;
		// The first purchase within the first two weeks (the onboarding package), then the BG/NBD process.
		double week = random.nextInt(14) / 7.0;
		double weeks = ChronoUnit.DAYS.between(account.startedOn(), end) / 7.0;
		int n = 0;
		while (week <= weeks) {
			LocalDate day = account.startedOn().plusDays((long) Math.floor(week * 7));
			long amount = random.nextInt(40) == 0 ? 0 : Math.max(100, Math.round(value.sample() / 100) * 100);
			var at = day.atTime(9 + random.nextInt(9), random.nextInt(60)).atZone(zone).toInstant();
			sink.accept(new TransactionDraft("demo:" + account.externalId() + ":" + n++, account.externalId(), at, amount,
					"JPY"));
			if (n > 1 && random.nextDouble() < dropOut || rate <= 0) {
				return;
			}
			week += -Math.log(1 - random.nextDouble()) / rate;
		}
	}
}
