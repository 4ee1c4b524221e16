package io.kizuna.calendars;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The calendars module's API for SLA policies: CRUD in order, which policy applies to a ticket, and the terms the
 * {@link SlaClock} runs on. Support calls {@link #applicable} when a ticket is created or its priority or account
 * changes, and {@link #terms} / {@link #evaluate} to compute due times.
 */
@Service
public class SlaPolicyManagement {

	public static final int MAX_POLICIES = 200;

	/** A year of minutes. */
	public static final int MAX_MINUTES = 525_600;

	public static final int MAX_WARNING = 10_080;

	private final SlaPolicies policies;

	private final Calendars calendars;

	private final CalendarManagement calendarManagement;

	private final ApplicationEventPublisher events;

	SlaPolicyManagement(SlaPolicies policies, Calendars calendars, CalendarManagement calendarManagement,
			ApplicationEventPublisher events) {
		this.policies = policies;
		this.calendars = calendars;
		this.calendarManagement = calendarManagement;
		this.events = events;
	}

	public List<SlaPolicy> list(WorkspaceId workspace) {
		return policies.list(workspace);
	}

	public SlaPolicy get(WorkspaceId workspace, String key) {
		return policies.find(workspace, key).orElseThrow(() -> new NotFoundException("no SLA policy " + key));
	}

	/** The first policy, in order, whose criteria all match; empty when none does. */
	public Optional<SlaPolicy> applicable(WorkspaceId workspace, SlaQuery query) {
		return policies.list(workspace).stream().filter(p -> p.matches(query)).findFirst();
	}

	/** A policy's terms with its calendar's arithmetic, for the clock. */
	@Transactional
	public SlaTerms terms(WorkspaceId workspace, SlaPolicy policy) {
		return terms(policy, calendarManagement.business(workspace, policy.calendarKey()));
	}

	/** Every policy's terms by key, each calendar built once: for recomputing many tickets. */
	@Transactional
	public Map<String, SlaTerms> allTerms(WorkspaceId workspace) {
		Map<String, BusinessCalendar> byKey = calendarManagement.list(workspace).stream()
			.collect(Collectors.toMap(Calendar::key, Calendar::business));
		return policies.list(workspace).stream()
			.collect(Collectors.toMap(SlaPolicy::key, p -> terms(p, byKey.get(p.calendarKey())), (a, b) -> a,
					java.util.LinkedHashMap::new));
	}

	static SlaTerms terms(SlaPolicy p, BusinessCalendar calendar) {
		return new SlaTerms(p.key(), calendar, p.firstResponseMinutes(), p.nextResponseMinutes(),
				p.resolutionMinutes(), p.warningMinutes());
	}

	/** The clocks of a ticket under a policy at a moment (see {@link SlaClock}). */
	public static SlaEvaluation evaluate(SlaTerms terms, SlaTimeline timeline, java.time.Instant now) {
		return SlaClock.evaluate(terms, timeline, now);
	}

	@Transactional
	public SlaPolicy create(WorkspaceId workspace, SlaPolicy draft) {
		SlaPolicy valid = validate(workspace, draft);
		if (policies.find(workspace, valid.key()).isPresent()) {
			throw new ConflictException("an SLA policy with key " + valid.key() + " exists");
		}
		if (policies.count(workspace) >= MAX_POLICIES) {
			throw new InvalidInputException("too many SLA policies", List.of("policies: at most " + MAX_POLICIES));
		}
		return save(workspace, valid);
	}

	@Transactional
	public SlaPolicy update(WorkspaceId workspace, String key, SlaPolicy draft) {
		get(workspace, key);
		return save(workspace, validate(workspace, withKey(draft, key)));
	}

	@Transactional
	public void delete(WorkspaceId workspace, String key) {
		if (!policies.delete(workspace, key)) {
			throw new NotFoundException("no SLA policy " + key);
		}
		events.publishEvent(new SlaPoliciesChanged(workspace, key));
	}

	private SlaPolicy save(WorkspaceId workspace, SlaPolicy valid) {
		long calendarId = calendars.idOf(workspace, valid.calendarKey()).orElseThrow();
		try {
			policies.save(workspace, valid, calendarId);
		}
		catch (DataIntegrityViolationException ex) {
			throw new InvalidInputException("invalid SLA policy", List.of("accountId: no such account"));
		}
		events.publishEvent(new SlaPoliciesChanged(workspace, valid.key()));
		return get(workspace, valid.key());
	}

	private static SlaPolicy withKey(SlaPolicy p, String key) {
		if (p == null) {
			return null;
		}
		return new SlaPolicy(key, p.name(), p.position(), p.calendarKey(), p.priority(), p.tier(), p.segmentKey(),
				p.accountId(), p.firstResponseMinutes(), p.nextResponseMinutes(), p.resolutionMinutes(),
				p.warningMinutes());
	}

	private SlaPolicy validate(WorkspaceId workspace, SlaPolicy p) {
		if (p == null) {
			throw new InvalidInputException("invalid SLA policy", List.of("a policy is required"));
		}
		List<String> errors = new ArrayList<>();
		String key = p.key() == null ? "" : p.key().strip().toLowerCase(Locale.ROOT);
		if (!key.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			errors.add("key: lower-case letters, digits and hyphens, at most 63");
		}
		String name = p.name() == null ? "" : p.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			errors.add("name: 1–100 characters");
		}
		if (p.position() < 0 || p.position() > 10_000) {
			errors.add("position: 0–10000");
		}
		Map<String, Calendar> known = calendarManagement.list(workspace).stream()
			.collect(Collectors.toMap(Calendar::key, Function.identity()));
		String calendar = p.calendarKey() == null || p.calendarKey().isBlank()
				? calendarManagement.defaultCalendar(workspace).key() : p.calendarKey().strip();
		if (!known.containsKey(calendar)) {
			errors.add("calendarKey: no such calendar");
		}
		String priority = code(p.priority(), 40, "priority", errors);
		String tier = code(p.tier(), 40, "tier", errors);
		String segment = code(p.segmentKey(), 63, "segmentKey", errors);
		if (p.accountId() != null && p.accountId() <= 0) {
			errors.add("accountId: a positive account id");
		}
		for (Integer m : new Integer[] { p.firstResponseMinutes(), p.nextResponseMinutes(), p.resolutionMinutes() }) {
			if (m != null && (m < 1 || m > MAX_MINUTES)) {
				errors.add("targets: 1–" + MAX_MINUTES + " business minutes");
				break;
			}
		}
		if (p.firstResponseMinutes() == null && p.nextResponseMinutes() == null && p.resolutionMinutes() == null) {
			errors.add("targets: at least one target");
		}
		if (p.warningMinutes() < 0 || p.warningMinutes() > MAX_WARNING) {
			errors.add("warningMinutes: 0–" + MAX_WARNING);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid SLA policy", errors);
		}
		return new SlaPolicy(key, name, p.position(), calendar, priority, tier, segment, p.accountId(),
				p.firstResponseMinutes(), p.nextResponseMinutes(), p.resolutionMinutes(), p.warningMinutes());
	}

	private static String code(String value, int max, String field, List<String> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String v = value.strip();
		if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
			errors.add(field + ": at most " + max + " characters");
		}
		return v;
	}
}
