package io.kizuna.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.accounts.AccountState;
import org.springframework.stereotype.Component;

/**
 * Every {@link SignalRule} bean, in their order: which signal kinds exist (for filters, the API's validation and
 * legends) and the detection of a scoring run. Two rules with one code fail the start, as two measures would
 * give one code two meanings.
 */
@Component
public class SignalRules {

	private final List<SignalRule> rules;

	private final Map<String, SignalRule> byCode = new LinkedHashMap<>();

	private final List<SignalOverride> overrides;

	SignalRules(List<SignalRule> rules) {
		this(rules, List.of());
	}

	@org.springframework.beans.factory.annotation.Autowired
	SignalRules(List<SignalRule> rules, List<SignalOverride> overrides) {
		this.overrides = List.copyOf(overrides);
		this.rules = rules.stream().sorted(Comparator.comparingInt(SignalRule::order).thenComparing(SignalRule::code)).toList();
		for (SignalRule rule : this.rules) {
			if (byCode.put(rule.code(), rule) != null) {
				throw new IllegalStateException("two signal rules have the code " + rule.code());
			}
		}
	}

	/** The kinds some rule raises, in the rules' order. */
	public List<SignalKind> kinds() {
		return rules.stream().map(SignalRule::kind).toList();
	}

	/** The kind of that code (any case) if a rule raises it. */
	public Optional<SignalKind> kind(String code) {
		if (code == null) {
			return Optional.empty();
		}
		SignalRule rule = byCode.get(code.toLowerCase(java.util.Locale.ROOT));
		return rule == null ? Optional.empty() : Optional.of(rule.kind());
	}

	/** Orders kinds as the rules are ordered; a stored kind no rule raises any more comes last. */
	public Comparator<SignalKind> order() {
		List<String> codes = List.copyOf(byCode.keySet());
		return Comparator.comparingInt((SignalKind k) -> {
			int i = codes.indexOf(k.code());
			return i < 0 ? Integer.MAX_VALUE : i;
		}).thenComparing(SignalKind::code);
	}

	/** The rule's findings with what the overrides of its code decided in their place (ADR 0082). */
	private Map<Long, SignalFinding> overridden(SignalRule rule, Map<Long, SignalFinding> found, SignalInput input) {
		Map<Long, SignalFinding> result = null;
		for (SignalOverride override : overrides) {
			if (!override.code().equals(rule.code())) {
				continue;
			}
			if (result == null) {
				result = new HashMap<>(found);
			}
			for (Map.Entry<Long, Optional<SignalFinding>> decided : override.decide(input).entrySet()) {
				if (decided.getValue().isPresent()) {
					result.put(decided.getKey(), decided.getValue().get());
				}
				else {
					result.remove(decided.getKey());
				}
			}
		}
		return result == null ? found : result;
	}

	/**
	 * Every rule over the run's input; the signals come account by account (in the input's order), each account's
	 * in the rules' order, so what is stored does not depend on how a rule iterates.
	 */
	List<DetectedSignal> detect(SignalInput input) {
		Map<SignalRule, Map<Long, SignalFinding>> findings = new HashMap<>();
		for (SignalRule rule : rules) {
			findings.put(rule, overridden(rule, rule.detect(input), input));
		}
		List<DetectedSignal> signals = new ArrayList<>();
		for (AccountState state : input.scoring().states().values()) {
			if (!state.live()) {
				continue;
			}
			for (SignalRule rule : rules) {
				SignalFinding finding = findings.get(rule).get(state.accountId());
				if (finding != null) {
					signals.add(new DetectedSignal(state.accountId(), rule.kind(), finding.severity().code(),
							finding.evidence()));
				}
			}
		}
		return signals;
	}
}
