package io.kizuna.calendars;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** A ticket's three SLA clocks at a moment, and the policy whose terms were in force then. */
public record SlaEvaluation(String policyKey, SlaMeasure firstResponse, SlaMeasure nextResponse,
		SlaMeasure resolution) {

	public List<SlaMeasure> measures() {
		return List.of(firstResponse, nextResponse, resolution);
	}

	/** The earliest due time among the running clocks, or null. */
	public Instant nextDueAt() {
		return running().map(SlaMeasure::dueAt).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
	}

	/** The earliest warning time among the running clocks, or null. */
	public Instant nextWarnAt() {
		return running().map(SlaMeasure::warnAt).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
	}

	public boolean breached() {
		return measures().stream().anyMatch(SlaMeasure::breached);
	}

	public boolean warning() {
		return measures().stream().anyMatch(SlaMeasure::warning);
	}

	private Stream<SlaMeasure> running() {
		return measures().stream().filter(m -> m.state() == SlaState.RUNNING);
	}
}
