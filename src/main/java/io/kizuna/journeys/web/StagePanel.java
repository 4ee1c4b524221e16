package io.kizuna.journeys.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.journeys.AccountStage;
import io.kizuna.journeys.JourneyManagement;
import io.kizuna.journeys.StageChange;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Account 360: the lifecycle stage now (with a control to set it) and its history. */
@Component
class StagePanel implements AccountPanel {

	static final int HISTORY = 50;

	private final JourneyManagement journeys;

	private final MessageSource messages;

	StagePanel(JourneyManagement journeys, MessageSource messages) {
		this.journeys = journeys;
		this.messages = messages;
	}

	@Override
	public int order() {
		return 15;
	}

	@Override
	public String template() {
		return "journeys/account-stage";
	}

	@Override
	public String fragment() {
		return "stage";
	}

	record Option(String code, String label) {
	}

	record Row(String from, String to, java.time.Instant at, String by) {
	}

	@Override
	public AccountPanelContent content(AccountView view) {
		String id = view.account().externalId();
		AccountStage current = journeys.accountStage(view.workspaceId(), id);
		StageLabels labels = new StageLabels(journeys.stageLabels(view.workspaceId()), view.locale(), messages);
		List<Option> options = journeys.stages(view.workspaceId()).stream()
			.map(s -> new Option(s.code(), s.label(view.locale()))).toList();
		List<StageChange> history = journeys.history(view.workspaceId(), id, HISTORY);
		List<Row> rows = history.stream().map(c -> new Row(c.fromStage() == null ? null : labels.of(c.fromStage()),
				labels.of(c.toStage()), c.changedAt(), by(c, view))).toList();
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("externalId", id);
		model.put("stage", current.stage() == null ? null : labels.of(current.stage()));
		model.put("code", current.stage() == null ? "" : current.stage());
		model.put("since", current.enteredAt());
		model.put("days", current.enteredAt() == null ? null
				: java.time.temporal.ChronoUnit.DAYS.between(current.enteredAt().atZone(view.zone()).toLocalDate(),
						LocalDate.now(view.zone())));
		model.put("held", current.held());
		model.put("options", options);
		model.put("history", rows);
		model.put("zone", view.zone());
		return AccountPanelContent.of(model);
	}

	private String by(StageChange c, AccountView view) {
		return switch (c.source()) {
			case MANUAL, REMOVED -> c.userName() != null
					? messages.getMessage("journeys.by.user." + c.source().code(), new Object[] { c.userName() }, view.locale())
					: messages.getMessage("journeys.source." + c.source().code(), null, view.locale());
			case RULE -> messages.getMessage("journeys.by.rule", new Object[] { c.ruleId() }, view.locale());
			default -> messages.getMessage("journeys.source." + c.source().code(), null, view.locale());
		};
	}
}
