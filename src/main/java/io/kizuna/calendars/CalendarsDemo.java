package io.kizuna.calendars;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import org.springframework.stereotype.Component;

/**
 * The demo's calendars and SLA policies: the two starting calendars, a Kansai office calendar with a lunch break and
 * お盆 closure, and three policies (enterprise on 24/7, urgent, everyone else on business hours). Saving the same
 * demo twice changes nothing.
 */
@Component
class CalendarsDemo implements DemoContribution {

	private final CalendarManagement calendars;

	private final SlaPolicyManagement policies;

	CalendarsDemo(CalendarManagement calendars, SlaPolicyManagement policies) {
		this.calendars = calendars;
		this.policies = policies;
	}

	@Override
	public int order() {
		return 150;
	}

	@Override
	public void load(DemoWorkspace demo) {
		boolean ja = demo.japanese();
		List<Calendar> existing = calendars.list(demo.workspace());
		if (existing.stream().noneMatch(c -> c.key().equals("osaka-office"))) {
			List<OpeningInterval> hours = new ArrayList<>();
			for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
				if (d.getValue() <= 5) {
					hours.add(new OpeningInterval(d, java.time.LocalTime.of(9, 30), java.time.LocalTime.of(12, 0)));
					hours.add(new OpeningInterval(d, java.time.LocalTime.of(13, 0), java.time.LocalTime.of(17, 30)));
				}
			}
			int year = demo.today().getYear();
			calendars.create(demo.workspace(), new CalendarDraft("osaka-office", ja ? "大阪オフィス（昼休みあり）" : "Osaka office (lunch break)",
					demo.zone().getId(), true, false, hours,
					List.of(new Closure(LocalDate.of(2000, 12, 29), LocalDate.of(2001, 1, 3), ja ? "年末年始" : "New Year holidays", true),
							new Closure(LocalDate.of(year, 8, 13), LocalDate.of(year, 8, 16), ja ? "夏季休業（お盆）" : "Obon summer break", false))));
		}
		List<String> keys = policies.list(demo.workspace()).stream().map(SlaPolicy::key).toList();
		save(demo, keys, new SlaPolicy("enterprise", ja ? "エンタープライズ（24時間365日）" : "Enterprise (24/7)", 10,
				CalendarManagement.ALWAYS_KEY, null, "enterprise", null, null, 60, 120, 480, 15));
		save(demo, keys, new SlaPolicy("urgent", ja ? "緊急" : "Urgent", 20, CalendarManagement.DEFAULT_KEY, "urgent", null,
				null, null, 30, 60, 240, 10));
		save(demo, keys, new SlaPolicy("standard", ja ? "標準（平日 9:00–18:00）" : "Standard (weekdays 9:00–18:00)", 100,
				CalendarManagement.DEFAULT_KEY, null, null, null, null, 240, 480, 1440, 60));
	}

	private void save(DemoWorkspace demo, List<String> existing, SlaPolicy policy) {
		if (!existing.contains(policy.key())) {
			policies.create(demo.workspace(), policy);
		}
	}
}
