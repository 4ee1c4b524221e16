package io.kizuna.playbooks;

import java.util.Map;

import io.kizuna.shared.AccountId;

/**
 * One occurrence of a trigger for one account: its key (the same occurrence delivered twice has the same key and
 * enrolls once), the attributes a playbook's trigger settings are matched against, and the evidence tasks show.
 */
public record TriggerHit(AccountId accountId, String key, Map<String, String> attributes, Map<String, Object> evidence) {

	public TriggerHit {
		attributes = Map.copyOf(attributes);
		evidence = Map.copyOf(evidence);
	}
}
