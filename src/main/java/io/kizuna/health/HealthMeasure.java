package io.kizuna.health;

import java.util.Map;

/**
 * A measure a scorecard can weigh: a raw value per account, computed for the whole workspace at once. Accounts
 * missing from the map have no data for it (shown as such, never as zero). Support tickets, NPS and other modules'
 * measures plug in as further beans of this type.
 */
public interface HealthMeasure {

	/** The code scorecards refer to, e.g. {@code seat_utilization}. */
	String code();

	Map<Long, Double> rawValues(ScoringInput input);
}
