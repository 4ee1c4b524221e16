package io.kizuna.health.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.accounts.TimelineEntry;
import io.kizuna.health.AccountHealth;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthSignal;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Account 360: the score explained, its trend chart, and the open signals with what to do about them. */
@Component
class HealthPanel implements AccountPanel {

	private final HealthQueries health;

	private final MessageSource messages;

	private final JsonMapper json;

	private final SignalEvidence evidence;

	private final WorkspaceManagement workspaces;

	HealthPanel(HealthQueries health, MessageSource messages, JsonMapper json, SignalEvidence evidence,
			WorkspaceManagement workspaces) {
		this.health = health;
		this.messages = messages;
		this.json = json;
		this.evidence = evidence;
		this.workspaces = workspaces;
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public String template() {
		return "health/account-panels";
	}

	@Override
	public String fragment() {
		return "health";
	}

	@Override
	public AccountPanelContent content(AccountView view) {
		AccountHealth accountHealth = health.accountHealth(view.workspaceId(), view.account().externalId(), view.locale());
		String chart = json.writeValueAsString(accountHealth.history()
			.stream()
			.map(d -> Map.of("day", d.day().toString(), "score", d.score() == null ? "" : d.score()))
			.toList());
		List<TimelineEntry> timeline = accountHealth.signals()
			.stream()
			.map(signal -> new TimelineEntry(signal.detectedOn(), "signal", messages.getMessage(
					"signal." + signal.kind().code() + ".title", null, signal.kind().code(), view.locale()), null, null))
			.toList();
		// Money in the evidence (a paying account's MRR) is in the workspace's currency, as the scoring reads it.
		String currency = workspaces.get(view.workspaceId()).currency().getCurrencyCode();
		Map<Long, List<SignalEvidence.Line>> lines = accountHealth.signals()
			.stream()
			.collect(Collectors.toMap(HealthSignal::id, s -> evidence.lines(s.evidence(), currency, view.locale())));
		return new AccountPanelContent(Map.of("health", accountHealth, "healthChart", chart, "evidence", lines),
				timeline);
	}
}
