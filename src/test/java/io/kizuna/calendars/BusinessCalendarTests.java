package io.kizuna.calendars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BusinessCalendarTests {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** 平日 9:00–18:00, Japanese holidays closed. */
	static BusinessCalendar weekdays(ZoneId zone, List<Closure> closures) {
		return BusinessCalendar.of(zone, weekdayHours(LocalTime.of(9, 0), LocalTime.of(18, 0)), true, closures);
	}

	static List<OpeningInterval> weekdayHours(LocalTime opens, LocalTime closes) {
		List<OpeningInterval> hours = new ArrayList<>();
		for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
				DayOfWeek.FRIDAY)) {
			hours.add(new OpeningInterval(d, opens, closes));
		}
		return hours;
	}

	static Instant jst(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(TOKYO).toInstant();
	}

	final BusinessCalendar jp = weekdays(TOKYO, List.of());

	@Test
	void addingSkipsTheWeekendAndAHoliday() {
		// Fri 2026-01-09 17:30 + 60 min: 30 on Friday, the weekend, Mon 12th is 成人の日, 30 on Tuesday
		assertThat(jp.add(jst("2026-01-09T17:30"), Duration.ofMinutes(60))).isEqualTo(jst("2026-01-13T09:30"));
		assertThat(jp.between(jst("2026-01-09T17:00"), jst("2026-01-13T10:00"))).isEqualTo(Duration.ofMinutes(120));
	}

	@Test
	void goldenWeekAndASubstituteHolidayAreClosed() {
		// Fri 2026-05-01 17:00 + 120: 60 on Friday, then 2–6 May closed (weekend, 憲法記念日…こどもの日, 振替休日 6th)
		assertThat(jp.add(jst("2026-05-01T17:00"), Duration.ofMinutes(120))).isEqualTo(jst("2026-05-07T10:00"));
		assertThat(jp.openOn(LocalDate.parse("2026-05-06"))).isEmpty();
		assertThat(jp.openOn(LocalDate.parse("2026-05-07"))).hasSize(1);
	}

	@Test
	void equinoxDaysAndTheNationalHolidayBetweenAreClosed() {
		// 2026-09-21 敬老の日, 22nd 休日, 23rd 秋分の日: Fri 18th 17:00 + 120 min ends Thu 24th 10:00
		assertThat(jp.add(jst("2026-09-18T17:00"), Duration.ofMinutes(120))).isEqualTo(jst("2026-09-24T10:00"));
		// 2026-03-20 春分の日 is a Friday
		assertThat(jp.between(jst("2026-03-19T09:00"), jst("2026-03-23T09:00"))).isEqualTo(Duration.ofHours(9));
	}

	@Test
	void aClosureClosesEveryDayItCovers() {
		BusinessCalendar nenmatsu = weekdays(TOKYO,
				List.of(new Closure(LocalDate.parse("2026-12-29"), LocalDate.parse("2027-01-03"), "年末年始")));
		// Mon 2026-12-28 17:00 + 120: 60 on the 28th, then closed until Mon 2027-01-04
		assertThat(nenmatsu.add(jst("2026-12-28T17:00"), Duration.ofMinutes(120))).isEqualTo(jst("2027-01-04T10:00"));
		assertThat(nenmatsu.isClosedDay(LocalDate.parse("2026-12-30"))).isTrue();
		assertThat(jp.isClosedDay(LocalDate.parse("2026-12-30"))).isFalse();
	}

	@Test
	void severalIntervalsADayLeaveTheLunchBreakOut() {
		List<OpeningInterval> hours = new ArrayList<>(weekdayHours(LocalTime.of(9, 0), LocalTime.of(12, 0)));
		hours.addAll(weekdayHours(LocalTime.of(13, 0), LocalTime.of(18, 0)));
		BusinessCalendar lunch = BusinessCalendar.of(TOKYO, hours, true, List.of());
		assertThat(lunch.add(jst("2026-02-02T11:30"), Duration.ofMinutes(60))).isEqualTo(jst("2026-02-02T13:30"));
		assertThat(lunch.between(jst("2026-02-02T00:00"), jst("2026-02-03T00:00"))).isEqualTo(Duration.ofHours(8));
		assertThat(lunch.isOpen(jst("2026-02-02T12:30"))).isFalse();
		assertThat(lunch.isOpen(jst("2026-02-02T13:00"))).isTrue();
	}

	@Test
	void overlappingIntervalsAreMerged() {
		List<OpeningInterval> hours = List.of(new OpeningInterval(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)),
				new OpeningInterval(DayOfWeek.MONDAY, LocalTime.of(12, 0), LocalTime.of(18, 0)));
		BusinessCalendar cal = BusinessCalendar.of(TOKYO, hours, false, List.of());
		assertThat(cal.openOn(LocalDate.parse("2026-02-02"))).containsExactly(
				new Interval(jst("2026-02-02T09:00"), jst("2026-02-02T18:00")));
	}

	@Test
	void pausesAreLeftOut() {
		List<Interval> pauses = List.of(new Interval(jst("2026-02-02T10:00"), jst("2026-02-02T14:00")));
		assertThat(jp.add(jst("2026-02-02T09:00"), Duration.ofMinutes(120), pauses)).isEqualTo(jst("2026-02-02T15:00"));
		assertThat(jp.between(jst("2026-02-02T09:00"), jst("2026-02-02T18:00"), pauses)).isEqualTo(Duration.ofHours(5));
		// overlapping and unsorted pauses count once
		List<Interval> messy = List.of(new Interval(jst("2026-02-02T12:00"), jst("2026-02-02T16:00")),
				new Interval(jst("2026-02-02T10:00"), jst("2026-02-02T13:00")));
		assertThat(jp.between(jst("2026-02-02T09:00"), jst("2026-02-02T18:00"), messy)).isEqualTo(Duration.ofHours(3));
		// a pause over the whole weekend changes nothing
		List<Interval> weekend = List.of(new Interval(jst("2026-02-07T00:00"), jst("2026-02-09T00:00")));
		assertThat(jp.add(jst("2026-02-06T17:00"), Duration.ofMinutes(120), weekend)).isEqualTo(jst("2026-02-09T10:00"));
	}

	@Test
	void addingFromClosedTimeStartsAtTheNextOpening() {
		assertThat(jp.add(jst("2026-02-07T12:00"), Duration.ofMinutes(1))).isEqualTo(jst("2026-02-09T09:01"));
		assertThat(jp.add(jst("2026-02-02T07:00"), Duration.ofMinutes(540))).isEqualTo(jst("2026-02-02T18:00"));
		assertThat(jp.add(jst("2026-02-07T12:00"), Duration.ZERO)).isEqualTo(jst("2026-02-07T12:00"));
		assertThat(jp.between(jst("2026-02-07T00:00"), jst("2026-02-08T23:59"))).isZero();
		assertThat(jp.between(jst("2026-02-03T00:00"), jst("2026-02-02T00:00"))).isZero();
	}

	@Test
	void daylightSavingDaysAreAsLongAsTheyReallyAre() {
		BusinessCalendar allDay = BusinessCalendar.alwaysOpen(NEW_YORK);
		Instant springDay = LocalDate.parse("2026-03-08").atStartOfDay(NEW_YORK).toInstant();
		Instant fallDay = LocalDate.parse("2026-11-01").atStartOfDay(NEW_YORK).toInstant();
		assertThat(allDay.between(springDay, springDay.plus(Duration.ofDays(1)))).isEqualTo(Duration.ofHours(24));
		assertThat(allDay.between(springDay, LocalDate.parse("2026-03-09").atStartOfDay(NEW_YORK).toInstant()))
			.isEqualTo(Duration.ofHours(23));
		assertThat(allDay.between(fallDay, LocalDate.parse("2026-11-02").atStartOfDay(NEW_YORK).toInstant()))
			.isEqualTo(Duration.ofHours(25));
		// 01:00–04:00 local on the spring-forward Sunday is two real hours (02:00–03:00 does not exist)
		BusinessCalendar night = BusinessCalendar.of(NEW_YORK,
				List.of(new OpeningInterval(DayOfWeek.SUNDAY, LocalTime.of(1, 0), LocalTime.of(4, 0))), false, List.of());
		assertThat(night.between(springDay, springDay.plus(Duration.ofDays(1)))).isEqualTo(Duration.ofHours(2));
		assertThat(night.add(springDay, Duration.ofMinutes(90)))
			.isEqualTo(LocalDateTime.parse("2026-03-08T03:30").atZone(NEW_YORK).toInstant());
		// on the fall-back Sunday 01:00–04:00 is four real hours
		assertThat(night.between(fallDay, fallDay.plus(Duration.ofDays(1)))).isEqualTo(Duration.ofHours(4));
		// 9–18 on weekdays across the change: Fri 17:00 + 120 = Mon 10:00 local
		BusinessCalendar ny = weekdays(NEW_YORK, List.of());
		assertThat(ny.add(LocalDateTime.parse("2026-03-06T17:00").atZone(NEW_YORK).toInstant(), Duration.ofMinutes(120)))
			.isEqualTo(LocalDateTime.parse("2026-03-09T10:00").atZone(NEW_YORK).toInstant());
	}

	@Test
	void alwaysOpenCountsWallTime() {
		BusinessCalendar always = BusinessCalendar.alwaysOpen(TOKYO);
		assertThat(always.add(jst("2026-01-01T00:00"), Duration.ofMinutes(60 * 24 * 3))).isEqualTo(jst("2026-01-04T00:00"));
		assertThat(always.isOpen(jst("2026-01-01T03:00"))).isTrue();
	}

	@Test
	void addAndBetweenAgreeOnRandomInstants() {
		Random random = new Random(16);
		List<Interval> pauses = List.of(new Interval(jst("2026-03-02T10:00"), jst("2026-03-04T11:30")),
				new Interval(jst("2026-04-28T00:00"), jst("2026-05-08T12:00")));
		for (int i = 0; i < 2000; i++) {
			Instant from = jst("2026-01-01T00:00").plusSeconds(random.nextInt(300 * 86400));
			Duration amount = Duration.ofMinutes(1 + random.nextInt(5000));
			Instant to = jp.add(from, amount, pauses);
			assertThat(jp.between(from, to, pauses)).as("from %s + %s", from, amount).isEqualTo(amount);
			assertThat(to).isAfter(from);
		}
	}

	@Test
	void negativeAmountsAndEmptyCalendarsAreRefused() {
		assertThatThrownBy(() -> jp.add(jst("2026-01-01T00:00"), Duration.ofMinutes(-1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> BusinessCalendar.of(TOKYO, List.of(), true, List.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new OpeningInterval(DayOfWeek.MONDAY, LocalTime.of(18, 0), LocalTime.of(9, 0)))
			.isInstanceOf(IllegalArgumentException.class);
		BusinessCalendar shut = BusinessCalendar.of(TOKYO, weekdayHours(LocalTime.of(9, 0), LocalTime.of(10, 0)), false,
				List.of(new Closure(LocalDate.parse("2026-01-01"), LocalDate.parse("2040-01-01"), "closed")));
		assertThatThrownBy(() -> shut.add(jst("2026-01-01T00:00"), Duration.ofMinutes(1)))
			.isInstanceOf(IllegalStateException.class);
	}
}
