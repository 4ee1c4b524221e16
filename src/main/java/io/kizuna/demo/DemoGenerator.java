package io.kizuna.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the demo's accounts deterministically: the same seed, size and day give the same workspace. Usage is
 * generated separately per account ({@link DemoUsage}) so that no more than one account's events are in memory.
 */
final class DemoGenerator {

	static final long STANDARD_PER_SEAT = 3_000;

	static final long ENTERPRISE_PER_SEAT = 6_000;

	private static final String[] INDUSTRIES = { "SaaS", "Manufacturing", "Retail", "Logistics", "Healthcare",
			"Finance", "Education", "Media" };

	private static final String[] CANCEL_REASONS = { "budget cuts", "moved to a competitor", "not enough usage",
			"project ended", "company acquired" };

	private DemoGenerator() {
	}

	static List<DemoAccount> accounts(long seed, int count, LocalDate today, int days) {
		SplittableRandom random = new SplittableRandom(seed);
		List<DemoAccount> accounts = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			accounts.add(account(random.split(), seed, i, today, days));
		}
		return accounts;
	}

	private static DemoAccount account(SplittableRandom random, long seed, int index, LocalDate today, int days) {
		Archetype archetype = Archetype.pick(random.nextDouble());
		Names.Company company = Names.company(random, index);
		double size = random.nextDouble();
		String tier = size < 0.55 ? "smb" : size < 0.88 ? "mid-market" : "enterprise";
		int seats = switch (tier) {
			case "smb" -> 3 + random.nextInt(8);
			case "mid-market" -> 10 + random.nextInt(31);
			default -> 40 + random.nextInt(41);
		};
		List<DemoAccount.Step> steps = subscription(random, archetype, tier, seats, today, days);
		int people = Math.max(2, Math.min(40, archetype == Archetype.SEATS_UNUSED ? seats : (int) Math.ceil(seats * 0.9)));
		List<DemoAccount.Person> contacts = new ArrayList<>(people);
		String externalId = "acct-%05d".formatted(index);
		for (int p = 1; p <= people; p++) {
			String name = Names.person(random, company.japanese() && random.nextDouble() < 0.85);
			contacts.add(new DemoAccount.Person(externalId + "-u" + p, name, "user" + p + "@" + company.domain(),
					p == 1 ? "Admin" : p == 2 ? "Manager" : "Member"));
		}
		String stage = switch (archetype) {
			case CHURNED -> "churned";
			case ONBOARDING_STALLED -> "onboarding";
			case GROWING -> "adopting";
			default -> steps.get(steps.size() - 1).termEnd() != null
					&& steps.get(steps.size() - 1).termEnd().isBefore(today.plusDays(90)) ? "renewal" : "mature";
		};
		return new DemoAccount(index, externalId, company.name(), company.domain(),
				INDUSTRIES[random.nextInt(INDUSTRIES.length)], tier, stage, archetype, random.nextInt(6),
				company.japanese(), contacts, steps, random.nextLong());
	}

	/** New, then upgrades, seat reductions, cancellations and win-backs as the archetype has them. */
	private static List<DemoAccount.Step> subscription(SplittableRandom random, Archetype archetype, String tier,
			int seats, LocalDate today, int days) {
		String plan = "enterprise".equals(tier) || "mid-market".equals(tier) && random.nextBoolean() ? "Enterprise"
				: "Standard";
		boolean free = "smb".equals(tier) && random.nextDouble() < 0.08 && archetype != Archetype.PAYING_IDLE;
		if (free) {
			plan = "Free";
		}
		LocalDate start = archetype == Archetype.ONBOARDING_STALLED ? today.minusDays(20 + random.nextInt(40))
				: today.minusDays(days + random.nextInt(Math.max(1, 365 - days)));
		List<DemoAccount.Step> steps = new ArrayList<>();
		LocalDate term = renewal(start, today);
		boolean trial = archetype == Archetype.ONBOARDING_STALLED && random.nextBoolean();
		if (trial) {
			steps.add(step(start, plan, 0, seats, "trial", start.plusDays(14), null));
			start = start.plusDays(14);
		}
		steps.add(step(start, plan, price(plan, seats), seats, "active", term, null));
		switch (archetype) {
			case GROWING -> {
				int more = seats + Math.max(2, seats / 2);
				steps.add(step(today.minusDays(20 + random.nextInt(60)), "Enterprise", price("Enterprise", more), more,
						"active", term, null));
			}
			case DECLINING -> {
				int fewer = Math.max(1, seats * 2 / 3);
				steps.add(step(today.minusDays(5 + random.nextInt(25)), plan, price(plan, fewer), fewer, "active", term,
						null));
			}
			case CHURNED -> {
				LocalDate canceled = today.minusDays(5 + random.nextInt(Math.max(1, days - 60)));
				if (canceled.isBefore(start.plusDays(60))) {
					canceled = start.plusDays(60);
				}
				steps.add(step(canceled, plan, 0, seats, "canceled", null,
						CANCEL_REASONS[random.nextInt(CANCEL_REASONS.length)]));
			}
			case HEALTHY -> {
				if (random.nextDouble() < 0.1) {
					// A win-back: canceled long ago, back since.
					LocalDate gone = start.plusDays(30);
					LocalDate back = gone.plusDays(30 + random.nextInt(30));
					if (back.isBefore(today.minusDays(days))) {
						steps.add(step(gone, plan, 0, seats, "canceled", null, "budget cuts"));
						steps.add(step(back, plan, price(plan, seats), seats, "active", renewal(back, today), null));
					}
				}
			}
			default -> {
			}
		}
		return steps;
	}

	private static DemoAccount.Step step(LocalDate on, String plan, long mrr, int seats, String status, LocalDate term,
			String reason) {
		return new DemoAccount.Step(on, plan, mrr, seats, status, term, reason);
	}

	static long price(String plan, int seats) {
		return switch (plan) {
			case "Enterprise" -> ENTERPRISE_PER_SEAT * seats;
			case "Standard" -> STANDARD_PER_SEAT * seats;
			default -> 0;
		};
	}

	/** The next yearly anniversary of the start after today. */
	private static LocalDate renewal(LocalDate start, LocalDate today) {
		LocalDate term = start.plusYears(1);
		while (!term.isAfter(today)) {
			term = term.plusYears(1);
		}
		return term;
	}
}
