package io.kizuna.calendars.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.calendars.Calendar;
import io.kizuna.calendars.CalendarDraft;
import io.kizuna.calendars.CalendarManagement;
import io.kizuna.calendars.JapaneseHolidays;
import io.kizuna.calendars.OpeningInterval;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The calendars pages: the list with the year's holidays, and one calendar's editor (hours, closures). */
@Controller
class CalendarPagesController {

	static final int MAX_FIELD = 400;

	private final CalendarManagement calendars;

	private final WorkspaceManagement workspaces;

	CalendarPagesController(CalendarManagement calendars, WorkspaceManagement workspaces) {
		this.calendars = calendars;
		this.workspaces = workspaces;
	}

	record DayRow(DayOfWeek day, String text) {
	}

	/** A holiday with its English name and, for a 休日, which rule made it (substitute or between two holidays). */
	record HolidayRow(LocalDate date, String name, String english, String kind) {

		static final Map<String, String> ENGLISH = Map.ofEntries(Map.entry("元日", "New Year's Day"),
				Map.entry("成人の日", "Coming of Age Day"), Map.entry("建国記念の日", "National Foundation Day"),
				Map.entry("天皇誕生日", "The Emperor's Birthday"), Map.entry("春分の日", "Vernal Equinox Day"),
				Map.entry("昭和の日", "Shōwa Day"), Map.entry("憲法記念日", "Constitution Memorial Day"),
				Map.entry("みどりの日", "Greenery Day"), Map.entry("こどもの日", "Children's Day"),
				Map.entry("海の日", "Marine Day"), Map.entry("山の日", "Mountain Day"),
				Map.entry("敬老の日", "Respect for the Aged Day"), Map.entry("秋分の日", "Autumnal Equinox Day"),
				Map.entry("スポーツの日", "Sports Day"), Map.entry("文化の日", "Culture Day"),
				Map.entry("勤労感謝の日", "Labour Thanksgiving Day"), Map.entry("休日", "Holiday"));

		static HolidayRow of(io.kizuna.calendars.Holiday h) {
			String kind = null;
			if ("休日".equals(h.name())) {
				boolean afterSunday = false;
				for (LocalDate d = h.date().minusDays(1); JapaneseHolidays.isHoliday(d); d = d.minusDays(1)) {
					if (d.getDayOfWeek() == DayOfWeek.SUNDAY) {
						afterSunday = true;
					}
				}
				kind = afterSunday ? "substitute" : "between";
			}
			return new HolidayRow(h.date(), h.name(), ENGLISH.getOrDefault(h.name(), h.name()) + " (" + h.name() + ")",
					kind);
		}
	}

	record CalendarRow(Calendar calendar, List<DayRow> days, List<io.kizuna.calendars.Closure> closures) {
	}

	@GetMapping("/settings/calendars")
	String list(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) Integer year,
			Model model) {
		WorkspaceId workspace = user.user().workspaceId();
		int shown = year == null ? LocalDate.now(workspaces.get(workspace).timeZone()).getYear() : year;
		if (shown < JapaneseHolidays.firstYear() || shown > JapaneseHolidays.lastYear()) {
			shown = Math.max(JapaneseHolidays.firstYear(), Math.min(JapaneseHolidays.lastYear(), shown));
		}
		List<Integer> years = new ArrayList<>();
		for (int y = JapaneseHolidays.firstYear(); y <= JapaneseHolidays.lastYear(); y++) {
			years.add(y);
		}
		model.addAttribute("calendars", calendars.list(workspace).stream().map(c -> new CalendarRow(c,
				java.util.Arrays.stream(DayOfWeek.values()).map(d -> new DayRow(d, CalendarForms.dayText(c.hours(), d)))
					.toList(),
				c.closures())).toList());
		model.addAttribute("year", shown);
		model.addAttribute("years", years);
		model.addAttribute("holidays", calendars.holidays(shown).stream().map(HolidayRow::of).toList());
		
		return "calendars/list";
	}

	@GetMapping("/settings/calendars/{key}")
	String show(@AuthenticationPrincipal SignedInUser user, @PathVariable String key, Model model) {
		Calendar calendar = calendars.get(user.user().workspaceId(), key);
		model.addAttribute("calendar", calendar);
		List<DayRow> days = new ArrayList<>();
		for (DayOfWeek d : DayOfWeek.values()) {
			days.add(new DayRow(d, CalendarForms.dayText(calendar.hours(), d)));
		}
		model.addAttribute("days", days);
		model.addAttribute("closuresText", CalendarForms.closuresText(calendar.closures()));
		model.addAttribute("zones", java.time.ZoneId.getAvailableZoneIds().stream().sorted().toList());
		return "calendars/editor";
	}

	@PostMapping("/settings/calendars")
	String create(@AuthenticationPrincipal SignedInUser user, @RequestParam String key, @RequestParam String name,
			RedirectAttributes redirect) {
		WorkspaceId workspace = user.user().workspaceId();
		List<OpeningInterval> weekdays = new ArrayList<>();
		for (DayOfWeek d : DayOfWeek.values()) {
			if (d.getValue() <= 5) {
				weekdays.add(new OpeningInterval(d, LocalTime.of(9, 0), LocalTime.of(18, 0)));
			}
		}
		try {
			if (CalendarsController.RESERVED.contains(key.strip())) {
				throw CalendarForms.invalid("key: reserved");
			}
			Calendar saved = calendars.create(workspace, new CalendarDraft(bounded(key), bounded(name),
					workspaces.get(workspace).timeZone().getId(), true, false, weekdays, List.of()));
			redirect.addFlashAttribute("calendarSaved", true);
			return "redirect:/settings/calendars/" + saved.key();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("calendarErrors", ErrorKeys.of(ex));
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("calendarErrors", List.of("calendars.error.keyTaken"));
		}
		return "redirect:/settings/calendars";
	}

	@PostMapping("/settings/calendars/{key}")
	String update(@AuthenticationPrincipal SignedInUser user, @PathVariable String key,
			@RequestParam Map<String, String> form, RedirectAttributes redirect) {
		WorkspaceId workspace = user.user().workspaceId();
		calendars.get(workspace, key);
		try {
			List<OpeningInterval> hours = new ArrayList<>();
			for (DayOfWeek d : DayOfWeek.values()) {
				hours.addAll(CalendarForms.day(d, form.get("hours-" + d.name())));
			}
			calendars.update(workspace, key,
					new CalendarDraft(key, bounded(form.get("name")), bounded(form.get("zone")),
							form.containsKey("japaneseHolidays"), form.containsKey("isDefault"), hours,
							CalendarForms.closures(form.get("closures"))));
			redirect.addFlashAttribute("calendarSaved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("calendarErrors", ErrorKeys.of(ex));
		}
		return "redirect:/settings/calendars/" + key;
	}

	@PostMapping("/settings/calendars/{key}/delete")
	String delete(@AuthenticationPrincipal SignedInUser user, @PathVariable String key, RedirectAttributes redirect) {
		try {
			calendars.delete(user.user().workspaceId(), key);
			redirect.addFlashAttribute("calendarDeleted", true);
			return "redirect:/settings/calendars";
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("calendarErrors", List.of("calendars.error.inUse"));
			return "redirect:/settings/calendars/" + key;
		}
	}

	static String bounded(String value) {
		if (value == null) {
			return "";
		}
		return value.length() > MAX_FIELD ? value.substring(0, MAX_FIELD) : value;
	}

}
