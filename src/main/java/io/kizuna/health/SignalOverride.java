package io.kizuna.health;

import java.util.Map;
import java.util.Optional;

/**
 * Another module's better knowledge of one signal for some accounts (ADR 0082): for the accounts it decides, what it
 * answers replaces the rule's own finding; every other account keeps the rule's. Onboarding decides
 * {@code onboarding_stalled} for the accounts that follow an onboarding plan, from the plan's milestones, while
 * accounts without a plan keep the built-in rule. A bean of the contributing module; health knows only this type.
 */
public interface SignalOverride {

	/** The code of the rule whose findings this refines. */
	String code();

	/**
	 * The accounts this override decides, as of the run's day: a finding where the signal holds, empty where it does
	 * not (whatever the rule found). Read once per run for the whole workspace.
	 */
	Map<Long, Optional<SignalFinding>> decide(SignalInput input);
}
