package io.kizuna.calendars;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The calendars module's API for calendars: a workspace's business calendars (created on first use: 平日 9:00–18:00
 * with holidays and 年末年始 as the default, and a 24/7 one), their arithmetic, and the Japanese holiday list.
 */
@Service
public class CalendarManagement {

	public static final int MAX_CALENDARS = 50;

	public static final int MAX_INTERVALS = 70;

	public static final int MAX_CLOSURES = 200;

	public static final String DEFAULT_KEY = "business-hours";

	public static final String ALWAYS_KEY = "always-open";

	private final Calendars calendars;

	private final SlaPolicies policies;

	private final WorkspaceManagement workspaces;

	private final ApplicationEventPublisher events;

	CalendarManagement(Calendars calendars, SlaPolicies policies, WorkspaceManagement workspaces,
			ApplicationEventPublisher events) {
		this.calendars = calendars;
		this.policies = policies;
		this.workspaces = workspaces;
		this.events = events;
	}

	/** The workspace's calendars, the default first; the two starting calendars are stored on first use. */
	@Transactional
	public List<Calendar> list(WorkspaceId workspace) {
		List<Calendar> all = calendars.list(workspace);
		if (!all.isEmpty()) {
			return all;
		}
		calendars.lockSeeding(workspace); // two first uses at once store the starting calendars once
		all = calendars.list(workspace);
		if (!all.isEmpty()) {
			return all;
		}
		var ws = workspaces.get(workspace);
		boolean ja = !"en".equals(ws.locale().getLanguage());
		String zone = ws.timeZone().getId();
		List<OpeningInterval> weekdays = new ArrayList<>();
		List<OpeningInterval> always = new ArrayList<>();
		for (DayOfWeek d : DayOfWeek.values()) {
			if (d.getValue() <= 5) {
				weekdays.add(new OpeningInterval(d, LocalTime.of(9, 0), LocalTime.of(18, 0)));
			}
			always.add(new OpeningInterval(d, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
		}
		calendars.save(workspace, new CalendarDraft(DEFAULT_KEY, ja ? "平日 9:00–18:00" : "Weekdays 9:00–18:00", zone,
				true, true, weekdays, List.of(new Closure(LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 3),
						ja ? "年末年始" : "New Year holidays", true))));
		calendars.save(workspace, new CalendarDraft(ALWAYS_KEY, ja ? "24時間365日" : "24/7", zone, false, false, always,
				List.of()));
		return calendars.list(workspace);
	}

	@Transactional
	public Calendar get(WorkspaceId workspace, String key) {
		list(workspace);
		return calendars.find(workspace, key).orElseThrow(() -> new NotFoundException("no calendar " + key));
	}

	/** The workspace's default calendar. */
	@Transactional
	public Calendar defaultCalendar(WorkspaceId workspace) {
		List<Calendar> all = list(workspace);
		return all.stream().filter(Calendar::isDefault).findFirst().orElse(all.get(0));
	}

	@Transactional
	public BusinessCalendar business(WorkspaceId workspace, String key) {
		return get(workspace, key).business();
	}

	/** Japanese public holidays of a year (the Cabinet Office's list; empty outside the years it covers). */
	public List<Holiday> holidays(int year) {
		if (year < 1955 || year > 2200) {
			throw new InvalidInputException("invalid year", List.of("year: 1955–2200"));
		}
		return JapaneseHolidays.of(year);
	}

	/** Creates a calendar (409 when the key is taken). */
	@Transactional
	public Calendar create(WorkspaceId workspace, CalendarDraft draft) {
		CalendarDraft valid = validate(draft);
		list(workspace);
		if (calendars.idOf(workspace, valid.key()).isPresent()) {
			throw new ConflictException("a calendar with key " + valid.key() + " exists");
		}
		if (calendars.count(workspace) >= MAX_CALENDARS) {
			throw new InvalidInputException("too many calendars", List.of("calendars: at most " + MAX_CALENDARS));
		}
		calendars.save(workspace, valid);
		return get(workspace, valid.key());
	}

	/** Replaces a calendar's name, zone, hours, holidays and closures; support recomputes due times. */
	@Transactional
	public Calendar update(WorkspaceId workspace, String key, CalendarDraft draft) {
		Calendar before = get(workspace, key);
		CalendarDraft valid = validate(new CalendarDraft(key, draft.name(), draft.zone(), draft.japaneseHolidays(),
				draft.isDefault() || before.isDefault(), draft.hours(), draft.closures()));
		calendars.save(workspace, valid);
		long id = calendars.idOf(workspace, key).orElseThrow();
		events.publishEvent(new CalendarChanged(workspace, key, policies.keysOnCalendar(workspace, id)));
		return get(workspace, key);
	}

	/** Deletes a calendar that is neither the default nor named by a policy. */
	@Transactional
	public void delete(WorkspaceId workspace, String key) {
		Calendar calendar = get(workspace, key);
		if (calendar.isDefault()) {
			throw new ConflictException("the default calendar cannot be deleted");
		}
		long id = calendars.idOf(workspace, key).orElseThrow();
		List<String> using = policies.keysOnCalendar(workspace, id);
		if (!using.isEmpty()) {
			throw new ConflictException("the calendar is used by the policies " + String.join(", ", using));
		}
		calendars.delete(workspace, key);
		events.publishEvent(new CalendarChanged(workspace, key, List.of()));
	}

	static CalendarDraft validate(CalendarDraft draft) {
		if (draft == null) {
			throw new InvalidInputException("invalid calendar", List.of("a calendar is required"));
		}
		List<String> errors = new ArrayList<>();
		String key = draft.key() == null ? "" : draft.key().strip().toLowerCase(Locale.ROOT);
		if (!key.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			errors.add("key: lower-case letters, digits and hyphens, at most 63");
		}
		String name = draft.name() == null ? "" : draft.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			errors.add("name: 1–100 characters");
		}
		String zone = draft.zone() == null ? "" : draft.zone().strip();
		try {
			if (zone.length() > 64) {
				throw new DateTimeException(zone);
			}
			zone = ZoneId.of(zone).getId();
		}
		catch (DateTimeException ex) {
			errors.add("zone: an IANA time zone such as Asia/Tokyo");
		}
		List<OpeningInterval> hours = draft.hours() == null ? List.of() : draft.hours();
		if (hours.isEmpty() || hours.size() > MAX_INTERVALS) {
			errors.add("hours: 1–" + MAX_INTERVALS + " opening intervals");
		}
		if (hours.stream().anyMatch(h -> h == null)) {
			errors.add("hours: an interval has a day, opens and closes");
		}
		List<Closure> closures = draft.closures() == null ? List.of() : draft.closures();
		if (closures.size() > MAX_CLOSURES) {
			errors.add("closures: at most " + MAX_CLOSURES);
		}
		for (Closure c : closures) {
			if (c == null || c.name() == null || c.name().isBlank() || c.name().length() > 100) {
				errors.add("closures: each has a name of 1–100 characters");
				break;
			}
			if (c.to().isAfter(c.from().plusYears(1))) {
				errors.add("closures: at most a year long");
				break;
			}
			if (c.from().getYear() < 2000 || c.to().getYear() > 2200) {
				errors.add("closures: dates between 2000 and 2200");
				break;
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid calendar", errors);
		}
		return new CalendarDraft(key, name, zone, draft.japaneseHolidays(), draft.isDefault(), hours,
				closures.stream().map(c -> new Closure(c.from(), c.to(), c.name().strip(), c.yearly())).toList());
	}
}
