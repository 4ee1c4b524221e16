package io.kizuna.playbooks;

import java.util.List;
import java.util.Map;

/**
 * What a playbook does: its trigger, an optional condition in the segment filter language, who may enroll again, what
 * makes an enrollment stop, and its steps with their day offsets from enrollment. Stored as JSON; each enrollment keeps
 * the definition it started with (editing an active playbook applies to new enrollments only).
 */
public record PlaybookDefinition(Trigger trigger, String condition, EnrollmentRule enrollment, Exit exit,
		List<Step> steps) {

	public static final int MAX_STEPS = 20;

	public PlaybookDefinition {
		enrollment = enrollment == null ? new EnrollmentRule("once", null, null) : enrollment;
		exit = exit == null ? new Exit(false, null) : exit;
		steps = steps == null ? List.of() : List.copyOf(steps);
	}

	/** The trigger type (a {@link PlaybookTrigger#type()}) and its settings, e.g. {@code kind=paying_idle}. */
	public record Trigger(String type, Map<String, String> settings) {
		public Trigger {
			settings = settings == null ? Map.of() : Map.copyOf(settings);
		}
	}

	/**
	 * {@code once}: once per account ever; {@code after_exit}: again once the last enrollment ended; {@code limit}: at
	 * most {@code max} enrollments in {@code days} days, never two at once.
	 */
	public record EnrollmentRule(String rule, Integer max, Integer days) {
	}

	/** Stop the remaining steps when the triggering signal is resolved, or when the condition holds. */
	public record Exit(boolean signalResolved, String condition) {
	}

	/**
	 * One step: on {@code day} after enrollment (never before the previous step), an action of {@code type} with its
	 * settings; skipped unless a task of this enrollment is still open when {@code onlyIfTaskOpen}. The type
	 * {@code wait_until} waits for {@code settings.condition} at most {@code maxDays} days, then goes to
	 * {@code thenStep} (met) or {@code elseStep} (timed out; -1 ends the enrollment); null means the next step.
	 */
	public record Step(int day, String type, Map<String, String> settings, Boolean onlyIfTaskOpen, Integer maxDays,
			Integer thenStep, Integer elseStep) {
		public Step {
			settings = settings == null ? Map.of() : Map.copyOf(settings);
			onlyIfTaskOpen = Boolean.TRUE.equals(onlyIfTaskOpen);
		}
	}
}
