package io.kizuna.health;

import java.util.Map;

/**
 * A latent bottleneck health detects: a customer who struggles without saying so. Each rule is a bean; the seven
 * every workspace has are in {@code BuiltInSignals}, and any module adds its own (an SLA breach, a detractor) by
 * declaring another bean, without editing health — the model of {@link HealthMeasure}.
 *
 * <p>The code is what {@code health_signal.kind} stores; its title and recommended action are the messages
 * {@link SignalKind#titleKey()} and {@link SignalKind#actionKey()}, which the contributing module puts in its
 * bundle in every language the app speaks (a test checks ja and en for every rule).
 */
public interface SignalRule {

	/** Lower snake case, stable once data exists: e.g. {@code paying_idle}. */
	String code();

	/** Where the kind sits in filters and legends; the built-ins take 10 to 70. */
	default int order() {
		return 1000;
	}

	default SignalKind kind() {
		return new SignalKind(code());
	}

	/**
	 * The accounts for which the signal holds as of the scoring run, for the whole workspace at once (a rule that
	 * needs its own data reads it once per run, not per account). Findings for accounts that are not live are
	 * ignored: signals are about customers still paying.
	 */
	Map<Long, SignalFinding> detect(SignalInput input);
}
