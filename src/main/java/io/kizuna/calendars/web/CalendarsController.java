package io.kizuna.calendars.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import io.kizuna.calendars.Calendar;
import io.kizuna.calendars.CalendarDraft;
import io.kizuna.calendars.CalendarManagement;
import io.kizuna.calendars.Closure;
import io.kizuna.calendars.Holiday;
import io.kizuna.calendars.OpeningInterval;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Business calendars by key, the Japanese holiday list, and business-time arithmetic on a calendar. */
@RestController
@RequestMapping("/api/v1/calendars")
@Tag(name = "Calendars", description = "Business calendars (weekly hours, Japanese public holidays, closures) "
		+ "and business-time arithmetic on them")
class CalendarsController {

	/** Keys a calendar cannot take: the paths beside /api/v1/calendars/{key}. */
	static final Set<String> RESERVED = Set.of("holidays", "sla-policies", "due", "business-minutes");

	private final CalendarManagement calendars;

	CalendarsController(CalendarManagement calendars) {
		this.calendars = calendars;
	}

	record HoursBody(String day, String opens, String closes) {
	}

	record ClosureBody(LocalDate from, LocalDate to, String name, Boolean yearly) {
	}

	record CalendarBody(String key, String name, String zone, Boolean japaneseHolidays, Boolean isDefault,
			List<HoursBody> hours, List<ClosureBody> closures) {
	}

	record CalendarView(String key, String name, String zone, boolean japaneseHolidays, boolean isDefault,
			List<HoursBody> hours, List<ClosureBody> closures, Instant updatedAt) {

		static CalendarView of(Calendar c) {
			return new CalendarView(c.key(), c.name(), c.zone().getId(), c.japaneseHolidays(), c.isDefault(),
					c.hours().stream().map(h -> new HoursBody(h.day().name(), h.opens().toString(), h.closesText()))
						.toList(),
					c.closures().stream().map(x -> new ClosureBody(x.from(), x.to(), x.name(), x.yearly())).toList(),
					c.updatedAt());
		}
	}

	record DueTime(Instant from, long minutes, Instant due) {
	}

	record BusinessMinutes(Instant from, Instant to, long minutes) {
	}

	@GetMapping
	@Operation(summary = "The workspace's business calendars, the default first")
	List<CalendarView> list(@AuthenticationPrincipal ApiClient client) {
		return calendars.list(client.workspaceId()).stream().map(CalendarView::of).toList();
	}

	@GetMapping("/holidays")
	@Operation(summary = "Japanese public holidays of a year, from the Cabinet Office's list (2026–2027 and more)")
	List<Holiday> holidays(@RequestParam(defaultValue = "2026") int year) {
		return calendars.holidays(year);
	}

	@PostMapping
	@Operation(summary = "Create a calendar: key, name, time zone, weekly hours, Japanese holidays, closures")
	ResponseEntity<CalendarView> create(@AuthenticationPrincipal ApiClient client, @RequestBody CalendarBody body) {
		Calendar saved = calendars.create(client.workspaceId(), draft(body, body == null ? null : body.key()));
		return ResponseEntity.created(URI.create("/api/v1/calendars/" + saved.key())).body(CalendarView.of(saved));
	}

	@GetMapping("/{key}")
	@Operation(summary = "One calendar by its key")
	CalendarView get(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		return CalendarView.of(calendars.get(client.workspaceId(), key));
	}

	@PutMapping("/{key}")
	@Operation(summary = "Replace a calendar's name, zone, hours, holidays and closures (publishes CalendarChanged)")
	CalendarView update(@AuthenticationPrincipal ApiClient client, @PathVariable String key,
			@RequestBody CalendarBody body) {
		return CalendarView.of(calendars.update(client.workspaceId(), key, draft(body, key)));
	}

	@DeleteMapping("/{key}")
	@Operation(summary = "Delete a calendar (refused for the default one and while a policy uses it)")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		calendars.delete(client.workspaceId(), key);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/due")
	@Operation(summary = "The instant when so many business minutes have passed since from on a calendar")
	DueTime due(@AuthenticationPrincipal ApiClient client, @RequestParam("calendar") String key, @RequestParam Instant from,
			@RequestParam long minutes) {
		if (minutes < 0 || minutes > 525_600) {
			throw new InvalidInputException("invalid minutes", List.of("minutes: 0–525600"));
		}
		try {
			return new DueTime(from, minutes,
					calendars.business(client.workspaceId(), key).add(from, Duration.ofMinutes(minutes)));
		}
		catch (IllegalStateException ex) {
			throw new InvalidInputException("the calendar has not that much open time in ten years");
		}
	}

	@GetMapping("/business-minutes")
	@Operation(summary = "Business minutes between two instants on a calendar (at most ten years apart)")
	BusinessMinutes between(@AuthenticationPrincipal ApiClient client, @RequestParam("calendar") String key,
			@RequestParam Instant from, @RequestParam Instant to) {
		if (Duration.between(from, to).abs().compareTo(Duration.ofDays(3660)) > 0) {
			throw new InvalidInputException("invalid range", List.of("to: at most ten years after from"));
		}
		return new BusinessMinutes(from, to,
				calendars.business(client.workspaceId(), key).between(from, to).toMinutes());
	}

	static CalendarDraft draft(CalendarBody body, String key) {
		if (body == null) {
			throw new InvalidInputException("a body with key, name, zone and hours is required");
		}
		if (key != null && RESERVED.contains(key)) {
			throw new InvalidInputException("invalid calendar", List.of("key: holidays, sla-policies, due and business-minutes are reserved"));
		}
		if ((body.hours() != null && body.hours().size() > CalendarManagement.MAX_INTERVALS)
				|| (body.closures() != null && body.closures().size() > CalendarManagement.MAX_CLOSURES)) {
			throw new InvalidInputException("invalid calendar", List.of("hours or closures: too many"));
		}
		List<OpeningInterval> hours = body.hours() == null ? List.of() : body.hours().stream()
			.map(h -> {
				if (h == null || h.day() == null) {
					throw CalendarForms.invalid("hours: an interval has a day, opens and closes");
				}
				return CalendarForms.interval(CalendarForms.weekday(h.day()), h.opens(), h.closes());
			})
			.toList();
		List<Closure> closures = body.closures() == null ? List.of() : body.closures().stream().map(c -> {
			if (c == null || c.from() == null || c.to() == null || c.to().isBefore(c.from())) {
				throw CalendarForms.invalid("closures: from and to, to on or after from");
			}
			return new Closure(c.from(), c.to(), c.name(), Boolean.TRUE.equals(c.yearly()));
		}).toList();
		return new CalendarDraft(key, body.name(), body.zone() == null ? "Asia/Tokyo" : body.zone(),
				body.japaneseHolidays() == null || body.japaneseHolidays(), Boolean.TRUE.equals(body.isDefault()), hours,
				closures);
	}
}
