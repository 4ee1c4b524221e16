package io.kizuna.playbooks;

import java.util.List;
import java.util.Map;

import io.kizuna.health.SignalRules;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.support.CronExpression;

/**
 * The triggers available from health and segments, plus the schedule and manual runs (ADR 0085). Each is a
 * {@link PlaybookTrigger} bean; journeys and onboarding add theirs the same way.
 */
@Configuration(proxyBeanMethods = false)
class BuiltInTriggers {

	static final List<String> BANDS = List.of("red", "yellow", "green");

	@Bean
	PlaybookTrigger signalRaisedTrigger(SignalRules rules) {
		return trigger("signal_raised", List.of("kind"), (workspace, s) -> {
			String kind = s.get("kind");
			if (kind == null || rules.kind(kind).isEmpty()) {
				throw new InvalidInputException("invalid trigger", List.of("kind: one of "
						+ String.join(", ", rules.kinds().stream().map(k -> k.code()).toList())));
			}
		});
	}

	@Bean
	PlaybookTrigger bandChangedTrigger() {
		return trigger("band_changed", List.of("from", "to"), (workspace, s) -> {
			String from = s.get("from");
			String to = s.get("to");
			if ((blank(from) && blank(to)) || (!blank(from) && !BANDS.contains(from)) || (!blank(to) && !BANDS.contains(to))) {
				throw new InvalidInputException("invalid trigger", List.of("to: red, yellow or green (from or to, or both)"));
			}
		});
	}

	@Bean
	PlaybookTrigger segmentEnteredTrigger(SegmentManagement segments) {
		return trigger("segment_entered", List.of("segment"), (workspace, s) -> segment(segments, workspace, s));
	}

	@Bean
	PlaybookTrigger segmentExitedTrigger(SegmentManagement segments) {
		return trigger("segment_exited", List.of("segment"), (workspace, s) -> segment(segments, workspace, s));
	}

	@Bean
	PlaybookTrigger renewalWithinTrigger() {
		return new Trigger("renewal_within", List.of("days"), (workspace, s) -> {
			String days = s.get("days");
			if (days == null || !days.matches("\\d{1,3}") || Integer.parseInt(days) < 1 || Integer.parseInt(days) > 365) {
				throw new InvalidInputException("invalid trigger", List.of("days: 1 to 365"));
			}
		}) {
			// every occurrence is about its own renewal day; the days setting only chose the window
			@Override
			public boolean matches(Map<String, String> settings, Map<String, String> attributes) {
				return settings.get("days").equals(attributes.get("days"));
			}
		};
	}

	@Bean
	PlaybookTrigger scheduleTrigger() {
		return new Trigger("schedule", List.of("cron"), (workspace, s) -> cron(s.get("cron"))) {
			@Override
			public boolean matches(Map<String, String> settings, Map<String, String> attributes) {
				return true;
			}
		};
	}

	@Bean
	PlaybookTrigger manualTrigger() {
		return trigger("manual", List.of(), (workspace, s) -> {
		});
	}

	/** A cron expression of five fields (minute hour day month weekday) or Spring's six (with seconds first). */
	static CronExpression cron(String text) {
		if (text == null || text.isBlank() || text.length() > 100) {
			throw new InvalidInputException("invalid trigger", List.of("cron: e.g. 0 9 * * MON"));
		}
		String expression = text.strip().split("\\s+").length == 5 ? "0 " + text.strip() : text.strip();
		try {
			return CronExpression.parse(expression);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("invalid trigger", List.of("cron: " + e.getMessage()));
		}
	}

	private static void segment(SegmentManagement segments, WorkspaceId workspace, Map<String, String> s) {
		try {
			segments.get(workspace, s.getOrDefault("segment", ""));
		}
		catch (NotFoundException e) {
			throw new InvalidInputException("invalid trigger", List.of("segment: no segment " + s.get("segment")));
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	interface Check {
		void validate(WorkspaceId workspace, Map<String, String> settings);
	}

	private static PlaybookTrigger trigger(String type, List<String> settings, Check check) {
		return new Trigger(type, settings, check);
	}

	static class Trigger implements PlaybookTrigger {

		private final String type;

		private final List<String> settings;

		private final Check check;

		Trigger(String type, List<String> settings, Check check) {
			this.type = type;
			this.settings = settings;
			this.check = check;
		}

		@Override
		public String type() {
			return type;
		}

		@Override
		public List<String> settings() {
			return settings;
		}

		@Override
		public void validate(WorkspaceId workspace, Map<String, String> settings) {
			check.validate(workspace, settings);
		}
	}
}
