package io.kizuna.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.messaging.WebhookEvent;
import io.kizuna.messaging.Webhooks;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.PlaybookTrigger;
import io.kizuna.playbooks.TriggerHit;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.annotation.Lazy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * {@code text_issue_rose}: a playbook starts for every account that wrote about a rising issue (optionally only for
 * one {@code term}), and subscribers of {@code text.issue_rose} get one delivery per issue. Both are keyed by the
 * issue's id, so the registry delivering the same event again after a restart enrolls and delivers nothing twice.
 */
@Component
class RisingIssueForwarding implements PlaybookTrigger {

	static final String TYPE = "text_issue_rose";

	private final TextAnalytics analytics;

	private final Webhooks webhooks;

	private final PlaybookManagement playbooks;

	// playbooks collects every trigger bean in its constructor; this one needs playbooks back only when it fires
	RisingIssueForwarding(TextAnalytics analytics, Webhooks webhooks, @Lazy PlaybookManagement playbooks) {
		this.analytics = analytics;
		this.webhooks = webhooks;
		this.playbooks = playbooks;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public List<String> settings() {
		return List.of("term");
	}

	@Override
	public void validate(WorkspaceId workspace, Map<String, String> settings) {
		String term = settings.get("term");
		if (term != null && term.strip().length() > TextAnalytics.MAX_QUERY_LENGTH) {
			throw new InvalidInputException("invalid trigger",
					List.of("term: at most " + TextAnalytics.MAX_QUERY_LENGTH + " characters, or empty for any"));
		}
	}

	@Override
	public boolean matches(Map<String, String> settings, Map<String, String> attributes) {
		String term = settings.get("term");
		if (term == null || term.isBlank()) {
			return true;
		}
		String wanted = TextAnalysis.normalize(term.strip());
		// the issue's leading term or one that rose with it in the same texts
		return wanted.equals(attributes.get("term"))
				|| List.of(attributes.getOrDefault("related", "").split("\n")).contains(wanted);
	}

	@ApplicationModuleListener
	void on(TextIssueRose rose) {
		WorkspaceId workspace = rose.workspace();
		List<TriggerHit> hits = new ArrayList<>();
		for (RisingIssue issue : rose.issues()) {
			Map<String, Long> ids = analytics.accountIds(workspace, issue.accountExternalIds());
			for (String externalId : issue.accountExternalIds()) {
				Long id = ids.get(externalId);
				if (id != null) {
					hits.add(new TriggerHit(new AccountId(id), "text_issue:" + issue.id(), Map.of("term", issue.term(), "related", String.join("\n", issue.related())),
							evidence(issue)));
				}
			}
		}
		if (!hits.isEmpty()) {
			playbooks.fire(workspace, TYPE, hits);
		}
		if (webhooks.subscribed(workspace, TextExtensions.ISSUE_ROSE)) {
			for (RisingIssue issue : rose.issues()) {
				Map<String, Object> data = new LinkedHashMap<>(evidence(issue));
				data.remove("trigger");
				// Slack shows "message" under the event's label
				data.put("message", issue.term());
				data.put("related", issue.related());
				data.put("arrMinor", issue.arrMinor());
				data.put("currency", issue.currency());
				data.put("accountExternalIds", issue.accountExternalIds());
				data.put("detectedOn", issue.detectedOn().toString());
				webhooks.publish(workspace, new WebhookEvent(TextExtensions.ISSUE_ROSE,
						TextExtensions.ISSUE_ROSE + ":" + issue.id(), null, null, data));
			}
		}
	}

	private static Map<String, Object> evidence(RisingIssue issue) {
		Map<String, Object> evidence = new LinkedHashMap<>();
		evidence.put("trigger", TYPE);
		evidence.put("term", issue.term());
		evidence.put("recent", issue.recent());
		evidence.put("usual", issue.usual());
		evidence.put("texts", issue.texts());
		evidence.put("accounts", issue.accounts());
		return evidence;
	}
}
