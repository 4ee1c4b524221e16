package io.kizuna.onboarding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.kizuna.shared.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Every problem of a plan at once, in the caller's language (messages {@code onboarding.invalid.*}). */
@Component
class PlanValidation {

	static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

	static final int MAX_MILESTONES = OnboardingPlan.MAX_MILESTONES;

	private final MessageSource messages;

	PlanValidation(MessageSource messages) {
		this.messages = messages;
	}

	OnboardingPlan normalised(OnboardingPlan plan) {
		List<String> errors = new ArrayList<>();
		if (plan == null) {
			throw new InvalidInputException(text("onboarding.invalid.empty"));
		}
		if (plan.key() == null || !KEY.matcher(plan.key()).matches()) {
			errors.add(text("onboarding.invalid.key", String.valueOf(plan.key())));
		}
		name(plan.nameJa(), errors);
		name(plan.nameEn(), errors);
		String scope = plan.scope() == null ? "" : plan.scope().trim().toLowerCase(Locale.ROOT);
		String value = plan.scopeValue() == null ? "" : plan.scopeValue().trim();
		if (!List.of("plan", "tier", "default").contains(scope)) {
			errors.add(text("onboarding.invalid.scope"));
		}
		else if (scope.equals("default")) {
			value = "";
		}
		else if (value.isEmpty() || value.length() > 100) {
			errors.add(text("onboarding.invalid.scopeValue"));
		}
		if (plan.milestones().size() > MAX_MILESTONES) {
			errors.add(text("onboarding.invalid.tooMany", MAX_MILESTONES));
		}
		Set<String> keys = new HashSet<>();
		int firstValue = 0;
		List<Milestone> milestones = new ArrayList<>();
		for (Milestone m : plan.milestones()) {
			if (m == null) {
				continue;
			}
			if (m.key() == null || !KEY.matcher(m.key()).matches()) {
				errors.add(text("onboarding.invalid.milestoneKey", String.valueOf(m.key())));
			}
			else if (!keys.add(m.key())) {
				errors.add(text("onboarding.invalid.milestoneTwice", m.key()));
			}
			name(m.nameJa(), errors);
			name(m.nameEn(), errors);
			MilestoneKind kind = m.kind() == null ? MilestoneKind.MANUAL : m.kind();
			String event = m.eventName() == null ? null : m.eventName().trim();
			if (kind.namesEvent() && (event == null || event.isEmpty() || event.length() > 200)) {
				errors.add(text("onboarding.invalid.event", String.valueOf(m.key())));
			}
			if (!kind.namesEvent()) {
				event = null;
			}
			if (m.count() < 1 || m.count() > 100_000) {
				errors.add(text("onboarding.invalid.count", String.valueOf(m.key())));
			}
			if (m.withinDays() < 1 || m.withinDays() > 730) {
				errors.add(text("onboarding.invalid.within", String.valueOf(m.key())));
			}
			if (m.dueDay() < 0 || m.dueDay() > 730) {
				errors.add(text("onboarding.invalid.due", String.valueOf(m.key())));
			}
			if (m.firstValue()) {
				firstValue++;
			}
			milestones.add(new Milestone(m.key(), trim(m.nameJa()), trim(m.nameEn()), kind, event, m.count(),
					m.withinDays(), m.dueDay(), m.firstValue()));
		}
		if (firstValue > 1) {
			errors.add(text("onboarding.invalid.firstValue"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(String.join(" ", errors), errors);
		}
		return new OnboardingPlan(plan.key(), trim(plan.nameJa()), trim(plan.nameEn()), scope, value, milestones);
	}

	String text(String key, Object... arguments) {
		return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
	}

	private void name(String name, List<String> errors) {
		if (name == null || name.isBlank() || name.trim().length() > 100) {
			errors.add(text("onboarding.invalid.name"));
		}
	}

	private static String trim(String value) {
		return value == null ? null : value.trim();
	}
}
