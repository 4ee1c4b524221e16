package io.kizuna.calendars;

import static io.kizuna.calendars.BusinessCalendarTests.TOKYO;
import static io.kizuna.calendars.BusinessCalendarTests.jst;
import static io.kizuna.calendars.SlaTimeline.Entry.agentResponse;
import static io.kizuna.calendars.SlaTimeline.Entry.customerMessage;
import static io.kizuna.calendars.SlaTimeline.Entry.policy;
import static io.kizuna.calendars.SlaTimeline.Entry.status;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.kizuna.calendars.SlaTimeline.Status;
import org.junit.jupiter.api.Test;

/** Every SLA rule across a holiday, a weekend, a pause and a policy change mid-ticket. */
class SlaClockTests {

	final BusinessCalendar weekdays = BusinessCalendarTests.weekdays(TOKYO, List.of());

	/** First response 2 h, next response 4 h, resolution 2 business days; warning 30 min before. */
	final SlaTerms standard = new SlaTerms("standard", weekdays, 120, 240, 1080, 30);

	/** 24/7: first response 1 h, next 2 h, resolution 4 h; warning 15 min before. */
	final SlaTerms enterprise = new SlaTerms("enterprise", BusinessCalendar.alwaysOpen(TOKYO), 60, 120, 240, 15);

	@Test
	void firstResponseDueSkipsTheWeekendAndTheHoliday() {
		// created Fri 2026-01-09 17:00; Sat, Sun and Mon 12th (成人の日) closed: 60 min Friday + 60 min Tuesday
		SlaTimeline open = SlaTimeline.of(jst("2026-01-09T17:00"));
		SlaEvaluation atMonday = SlaClock.evaluate(standard, open, jst("2026-01-12T12:00"));
		assertThat(atMonday.firstResponse().state()).isEqualTo(SlaState.RUNNING);
		assertThat(atMonday.firstResponse().dueAt()).isEqualTo(jst("2026-01-13T10:00"));
		assertThat(atMonday.firstResponse().warnAt()).isEqualTo(jst("2026-01-13T09:30"));
		assertThat(atMonday.firstResponse().remainingSeconds()).isEqualTo(3600);
		assertThat(atMonday.firstResponse().warning()).isFalse();
		assertThat(atMonday.nextDueAt()).isEqualTo(jst("2026-01-13T10:00"));

		SlaEvaluation warned = SlaClock.evaluate(standard, open, jst("2026-01-13T09:40"));
		assertThat(warned.firstResponse().warning()).isTrue();
		assertThat(warned.firstResponse().remainingSeconds()).isEqualTo(20 * 60);
		assertThat(warned.warning()).isTrue();

		SlaEvaluation late = SlaClock.evaluate(standard, open, jst("2026-01-13T10:01"));
		assertThat(late.firstResponse().state()).isEqualTo(SlaState.BREACHED);
		assertThat(late.firstResponse().remainingSeconds()).isEqualTo(-60);
		assertThat(late.breached()).isTrue();

		SlaTimeline answered = SlaTimeline.of(jst("2026-01-09T17:00"), agentResponse(jst("2026-01-13T09:59")));
		SlaMeasure met = SlaClock.evaluate(standard, answered, jst("2026-01-14T12:00")).firstResponse();
		assertThat(met.state()).isEqualTo(SlaState.MET);
		assertThat(met.achievedAt()).isEqualTo(jst("2026-01-13T09:59"));
		assertThat(met.elapsedSeconds()).isEqualTo(119 * 60);
		assertThat(met.breached()).isFalse();

		SlaTimeline answeredLate = SlaTimeline.of(jst("2026-01-09T17:00"), agentResponse(jst("2026-01-13T10:30")));
		SlaMeasure breached = SlaClock.evaluate(standard, answeredLate, jst("2026-01-14T12:00")).firstResponse();
		assertThat(breached.state()).isEqualTo(SlaState.BREACHED);
		assertThat(breached.dueAt()).isEqualTo(jst("2026-01-13T10:00"));
		assertThat(breached.breaches()).isEqualTo(1);
	}

	@Test
	void aTicketCreatedOnAWeekendStartsCountingOnMonday() {
		SlaTimeline saturday = SlaTimeline.of(jst("2026-02-07T11:00"));
		SlaEvaluation sunday = SlaClock.evaluate(standard, saturday, jst("2026-02-08T20:00"));
		assertThat(sunday.firstResponse().dueAt()).isEqualTo(jst("2026-02-09T11:00"));
		assertThat(sunday.firstResponse().elapsedSeconds()).isZero();
		assertThat(sunday.resolution().dueAt()).isEqualTo(jst("2026-02-10T18:00"));
	}

	@Test
	void pendingAndOnHoldPauseTheClocks() {
		// created Mon 2026-02-02 09:00, answered 09:30, pending 10:00–14:00 (Mon), on hold Tue 09:00–Wed 09:00
		SlaTimeline timeline = SlaTimeline.of(jst("2026-02-02T09:00"), status(jst("2026-02-02T09:00"), Status.OPEN),
				agentResponse(jst("2026-02-02T09:30")), status(jst("2026-02-02T10:00"), Status.PENDING),
				customerMessage(jst("2026-02-02T14:00")), status(jst("2026-02-02T14:00"), Status.OPEN),
				status(jst("2026-02-03T09:00"), Status.ON_HOLD), status(jst("2026-02-04T09:00"), Status.OPEN));
		SlaEvaluation whilePending = SlaClock.evaluate(standard,
				SlaTimeline.of(jst("2026-02-02T09:00"), status(jst("2026-02-02T10:00"), Status.PENDING)),
				jst("2026-02-02T12:00"));
		assertThat(whilePending.resolution().state()).isEqualTo(SlaState.PAUSED);
		assertThat(whilePending.resolution().dueAt()).isNull();
		assertThat(whilePending.resolution().elapsedSeconds()).isEqualTo(3600);
		assertThat(whilePending.resolution().remainingSeconds()).isEqualTo(17 * 3600);
		assertThat(whilePending.firstResponse().state()).isEqualTo(SlaState.PAUSED);
		assertThat(whilePending.nextDueAt()).isNull();

		SlaEvaluation later = SlaClock.evaluate(standard, timeline, jst("2026-02-04T10:00"));
		// resolution: 1 h Monday morning, 4 h Monday afternoon, Tuesday on hold, 1 h Wednesday so far; due after 18 h
		assertThat(later.resolution().elapsedSeconds()).isEqualTo(6 * 3600);
		assertThat(later.resolution().dueAt()).isEqualTo(jst("2026-02-05T13:00"));
		// next response: the customer wrote at 14:00 Monday; 4 h of open time end at 18:00 Monday
		assertThat(later.nextResponse().startedAt()).isEqualTo(jst("2026-02-02T14:00"));
		assertThat(later.nextResponse().dueAt()).isEqualTo(jst("2026-02-02T18:00"));
		assertThat(later.nextResponse().state()).isEqualTo(SlaState.BREACHED);
		assertThat(later.firstResponse().state()).isEqualTo(SlaState.MET);
	}

	@Test
	void aPolicyChangeMidTicketKeepsTheTimeCountedAndThePause() {
		// created Mon 2026-02-02 09:00 under standard; pending at 10:00 (1 h counted); moved to enterprise (24/7,
		// resolution 4 h) at 11:00 while pending; reopened at 20:00: 3 h left on the 24/7 calendar
		SlaTimeline timeline = SlaTimeline.of(jst("2026-02-02T09:00"), status(jst("2026-02-02T10:00"), Status.PENDING),
				policy(jst("2026-02-02T11:00"), enterprise), status(jst("2026-02-02T20:00"), Status.OPEN));
		SlaEvaluation paused = SlaClock.evaluate(standard,
				SlaTimeline.of(jst("2026-02-02T09:00"), status(jst("2026-02-02T10:00"), Status.PENDING),
						policy(jst("2026-02-02T11:00"), enterprise)),
				jst("2026-02-02T12:00"));
		assertThat(paused.policyKey()).isEqualTo("enterprise");
		assertThat(paused.resolution().state()).isEqualTo(SlaState.PAUSED);
		assertThat(paused.resolution().targetMinutes()).isEqualTo(240);
		assertThat(paused.resolution().remainingSeconds()).isEqualTo(3 * 3600);

		SlaEvaluation reopened = SlaClock.evaluate(standard, timeline, jst("2026-02-02T21:00"));
		assertThat(reopened.resolution().dueAt()).isEqualTo(jst("2026-02-02T23:00"));
		assertThat(reopened.resolution().warnAt()).isEqualTo(jst("2026-02-02T22:45"));
		assertThat(reopened.resolution().elapsedSeconds()).isEqualTo(2 * 3600);
		// first response under enterprise: 60 min, already counted 60 min by 10:00 → due at 10:00, breached
		assertThat(reopened.firstResponse().dueAt()).isEqualTo(jst("2026-02-02T10:00"));
		assertThat(reopened.firstResponse().state()).isEqualTo(SlaState.BREACHED);
	}

	@Test
	void aPolicyChangeToALongerTargetMovesTheDueTimeAcrossTheHoliday() {
		SlaTerms relaxed = new SlaTerms("relaxed", weekdays, 600, null, null, 0);
		// created Fri 2026-01-09 16:00, 60 min counted, then relaxed (10 h): 2 h on Friday, 8 h on Tuesday
		SlaTimeline timeline = SlaTimeline.of(jst("2026-01-09T16:00"), policy(jst("2026-01-09T17:00"), relaxed));
		SlaEvaluation e = SlaClock.evaluate(standard, timeline, jst("2026-01-09T17:30"));
		assertThat(e.firstResponse().dueAt()).isEqualTo(jst("2026-01-13T17:00"));
		assertThat(e.firstResponse().warnAt()).isNull();
		assertThat(e.resolution().state()).isEqualTo(SlaState.NONE);
		assertThat(e.nextResponse().state()).isEqualTo(SlaState.NONE);
	}

	@Test
	void solvingStopsResolutionAndReopeningGoesOnFromThere() {
		SlaTimeline solved = SlaTimeline.of(jst("2026-02-02T09:00"), agentResponse(jst("2026-02-02T09:10")),
				status(jst("2026-02-02T12:00"), Status.SOLVED));
		SlaMeasure met = SlaClock.evaluate(standard, solved, jst("2026-02-03T12:00")).resolution();
		assertThat(met.state()).isEqualTo(SlaState.MET);
		assertThat(met.elapsedSeconds()).isEqualTo(3 * 3600);
		assertThat(met.achievedAt()).isEqualTo(jst("2026-02-02T12:00"));

		SlaTimeline reopened = SlaTimeline.of(jst("2026-02-02T09:00"), agentResponse(jst("2026-02-02T09:10")),
				status(jst("2026-02-02T12:00"), Status.SOLVED), customerMessage(jst("2026-02-03T09:00")),
				status(jst("2026-02-03T09:00"), Status.OPEN));
		SlaMeasure running = SlaClock.evaluate(standard, reopened, jst("2026-02-03T10:00")).resolution();
		assertThat(running.state()).isEqualTo(SlaState.RUNNING);
		assertThat(running.elapsedSeconds()).isEqualTo(4 * 3600);
		// 18 h: 3 h Monday, then 15 h from Tue 09:00 → Tue 9 h, Wed 6 h → Wed 15:00
		assertThat(running.dueAt()).isEqualTo(jst("2026-02-04T15:00"));
		SlaMeasure next = SlaClock.evaluate(standard, reopened, jst("2026-02-03T10:00")).nextResponse();
		assertThat(next.state()).isEqualTo(SlaState.RUNNING);
		assertThat(next.dueAt()).isEqualTo(jst("2026-02-03T13:00"));
	}

	@Test
	void aTicketSolvedWithoutAnyResponseStopsTheResponseClock() {
		SlaTimeline timeline = SlaTimeline.of(jst("2026-02-02T09:00"), status(jst("2026-02-02T09:30"), Status.SOLVED));
		SlaEvaluation e = SlaClock.evaluate(standard, timeline, jst("2026-02-03T09:00"));
		assertThat(e.firstResponse().state()).isEqualTo(SlaState.STOPPED);
		assertThat(e.firstResponse().breached()).isFalse();
		assertThat(e.resolution().state()).isEqualTo(SlaState.MET);
		assertThat(e.nextDueAt()).isNull();
	}

	@Test
	void nextResponseCountsEveryBreachedCycleAcrossTheWeekend() {
		// first response Fri 2026-02-06 09:30; customer writes Fri 16:00 (4 h: 2 h Fri, 2 h Mon → due Mon 11:00),
		// answered Mon 12:00 (late); writes again Mon 13:00, answered 14:00 (in time); writes Mon 17:00, open
		SlaTimeline timeline = SlaTimeline.of(jst("2026-02-06T09:00"), agentResponse(jst("2026-02-06T09:30")),
				customerMessage(jst("2026-02-06T16:00")), agentResponse(jst("2026-02-09T12:00")),
				customerMessage(jst("2026-02-09T13:00")), agentResponse(jst("2026-02-09T14:00")),
				customerMessage(jst("2026-02-09T17:00")), customerMessage(jst("2026-02-09T17:30")));
		SlaMeasure next = SlaClock.evaluate(standard, timeline, jst("2026-02-09T17:45")).nextResponse();
		assertThat(next.breaches()).isEqualTo(1);
		assertThat(next.state()).isEqualTo(SlaState.RUNNING);
		assertThat(next.startedAt()).isEqualTo(jst("2026-02-09T17:00"));
		assertThat(next.dueAt()).isEqualTo(jst("2026-02-10T12:00"));
		assertThat(next.remainingSeconds()).isEqualTo(Duration.ofMinutes(195).toSeconds());
	}

	@Test
	void noTargetMeansNothingToMeasure() {
		SlaTerms none = new SlaTerms("none", weekdays, null, null, null, 0);
		SlaEvaluation e = SlaClock.evaluate(none, SlaTimeline.of(jst("2026-02-02T09:00")), jst("2026-02-09T09:00"));
		assertThat(e.measures()).allMatch(m -> m.state() == SlaState.NONE);
		assertThat(e.breached()).isFalse();
	}
}
