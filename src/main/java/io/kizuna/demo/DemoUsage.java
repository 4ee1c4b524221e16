package io.kizuna.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import io.kizuna.usage.TrackedMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * One account's Segment calls: identify and group for each person when the account starts, then daily activity
 * shaped by the archetype, on weekdays mostly, in business hours of the workspace's time zone. Deterministic per
 * account, including message ids, so loading twice stores nothing twice.
 */
final class DemoUsage {

	static final String[] KEY_FEATURES = { "Report Created", "Integration Connected" };

	private static final String[] EVENTS = { "Dashboard Viewed", "Dashboard Viewed", "Comment Added",
			"Report Created", "Export Downloaded", "Search Performed", "Invite Sent", "Integration Connected" };

	private static final double BASELINE = 0.3;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DemoUsage() {
	}

	static void messages(DemoAccount account, LocalDate today, int days, ZoneId zone, Consumer<TrackedMessage> sink) {
		SplittableRandom random = new SplittableRandom(account.seed());
		int[] sequence = { 0 };
		LocalDate first = today.minusDays(days);
		LocalDate start = account.startedOn().isAfter(first) ? account.startedOn() : first;
		Instant joined = start.atTime(9, 0).atZone(zone).toInstant();
		for (DemoAccount.Person person : account.people()) {
			sink.accept(message(account, sequence, "identify", person.userId(), null, joined, JSON.writeValueAsString(
					Map.of("name", person.name(), "email", person.email(), "title", person.role()))));
			sink.accept(message(account, sequence, "group", person.userId(), null, joined,
					JSON.writeValueAsString(Map.of("name", account.name()))));
		}
		int activePool = account.archetype() == Archetype.SEATS_UNUSED
				? Math.max(1, (int) Math.round(account.people().size() * 0.15)) : account.people().size();
		for (LocalDate day = start; !day.isAfter(today); day = day.plusDays(1)) {
			double level = level(account, day, today, days);
			if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
				level *= 0.2;
			}
			for (int p = 0; p < activePool; p++) {
				// The first people of an account are its champions: they show up most.
				double propensity = p < 2 ? 1.4 : 0.8;
				if (random.nextDouble() >= level * propensity) {
					continue;
				}
				String user = account.people().get(p).userId();
				Instant at = day.atTime(9 + random.nextInt(10), random.nextInt(60)).atZone(zone).toInstant();
				sink.accept(message(account, sequence, "track", user, "Login", at, null));
				int more = random.nextInt(2);
				for (int e = 0; e < more; e++) {
					String event = EVENTS[random.nextInt(EVENTS.length)];
					boolean skipsKeyFeatures = account.archetype() == Archetype.KEY_FEATURE_MISSING
							|| account.archetype() == Archetype.CHURNED && random.nextDouble() < 0.6;
					if (skipsKeyFeatures && isKeyFeature(event)) {
						event = "Dashboard Viewed";
					}
					sink.accept(message(account, sequence, "track", user, event, at.plusSeconds(60L * (e + 1)), null));
				}
				if (random.nextDouble() < 0.2) {
					sink.accept(message(account, sequence, "page", user, "Dashboard", at.plusSeconds(30), null));
				}
			}
		}
	}

	/** The share of people active on a day, before the weekend dip. */
	static double level(DemoAccount account, LocalDate day, LocalDate today, int days) {
		if (day.isBefore(account.startedOn())) {
			return 0;
		}
		LocalDate churned = account.churnedOn();
		if (churned != null && !day.isBefore(churned)) {
			return 0;
		}
		long ago = ChronoUnit.DAYS.between(day, today);
		long sinceStart = ChronoUnit.DAYS.between(account.startedOn(), day);
		return switch (account.archetype()) {
			case GROWING -> 0.2 + 0.5 * (1 - (double) ago / days);
			case DECLINING -> ago > 42 ? BASELINE : BASELINE * (0.1 + 0.9 * ago / 42.0);
			case PAYING_IDLE -> ago < 22 + account.index() % 35 ? 0 : BASELINE;
			case ONBOARDING_STALLED -> sinceStart < 4 ? 0.5 : 0.01;
			case CHURNED -> {
				// Churners were never fully engaged, and fade for months before they cancel.
				long left = ChronoUnit.DAYS.between(day, churned);
				yield left > 150 ? BASELINE * 0.8 : BASELINE * 0.8 * (0.1 + 0.9 * left / 150.0);
			}
			default -> BASELINE;
		};
	}

	private static boolean isKeyFeature(String event) {
		return KEY_FEATURES[0].equals(event) || KEY_FEATURES[1].equals(event);
	}

	private static TrackedMessage message(DemoAccount account, int[] sequence, String type, String user, String name,
			Instant at, String traits) {
		String id = "demo-" + account.seed() + "-" + (++sequence[0]);
		return new TrackedMessage(type, id, user, null, account.externalId(), name, at, at, null, traits, null, null);
	}
}
