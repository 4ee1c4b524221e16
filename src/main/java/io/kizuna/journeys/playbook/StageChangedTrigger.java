package io.kizuna.journeys.playbook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.journeys.JourneyManagement;
import io.kizuna.journeys.Stage;
import io.kizuna.journeys.StageChanged;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.PlaybookTrigger;
import io.kizuna.playbooks.TriggerHit;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.annotation.Lazy;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * {@code stage_changed}: a playbook starts when an account moves into a lifecycle stage ({@code to_stage}), optionally
 * only from one ({@code from_stage}); blank settings match any stage. One {@link StageChanged} (one evaluation) is one
 * {@code fire} call. An occurrence's key is the account's move plus the evaluation's content and day, so the same
 * event delivered again after a restart enrolls nobody twice, while a later move of the same account is a new
 * occurrence.
 */
@Component
class StageChangedTrigger implements PlaybookTrigger {

	static final String TYPE = "stage_changed";

	private final JourneyManagement journeys;

	private final PlaybookManagement playbooks;

	// playbooks collects every trigger bean in its constructor; this one needs playbooks back only when it fires
	StageChangedTrigger(JourneyManagement journeys, @Lazy PlaybookManagement playbooks) {
		this.journeys = journeys;
		this.playbooks = playbooks;
	}

	@Override
	public String type() {
		return TYPE;
	}

	@Override
	public List<String> settings() {
		return List.of("from_stage", "to_stage");
	}

	@Override
	public void validate(WorkspaceId workspace, Map<String, String> settings) {
		List<String> codes = journeys.stages(workspace).stream().map(Stage::code).toList();
		List<String> errors = new ArrayList<>();
		String from = settings.get("from_stage");
		String to = settings.get("to_stage");
		if (blank(to) && blank(from)) {
			errors.add("to_stage: a stage (" + String.join(", ", codes) + ")");
		}
		if (!blank(from) && !codes.contains(from)) {
			errors.add("from_stage: one of " + String.join(", ", codes));
		}
		if (!blank(to) && !codes.contains(to)) {
			errors.add("to_stage: one of " + String.join(", ", codes));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid trigger", errors);
		}
	}

	@Override
	public boolean matches(Map<String, String> settings, Map<String, String> attributes) {
		return (blank(settings.get("from_stage")) || settings.get("from_stage").equals(attributes.get("from_stage")))
				&& (blank(settings.get("to_stage")) || settings.get("to_stage").equals(attributes.get("to_stage")));
	}

	@ApplicationModuleListener
	void on(StageChanged changed) {
		if (changed.changes().isEmpty()) {
			return;
		}
		WorkspaceId workspace = changed.workspaceId();
		LocalDate day = LocalDate.now(journeys.zone(workspace));
		// the event's content is its identity: the registry delivers the same changes again after a restart
		// (String hashes, not the records': an enum's hash differs from one JVM to the next)
		StringBuilder content = new StringBuilder();
		changed.changes().forEach(c -> content.append(c.accountId().value()).append(c.fromStage()).append('>')
			.append(c.toStage()).append(c.source().code()).append(c.ruleId()).append(';'));
		String occurrence = Integer.toHexString(content.toString().hashCode()) + ":" + day;
		List<TriggerHit> hits = new ArrayList<>(changed.changes().size());
		for (StageChanged.Change c : changed.changes()) {
			String from = c.fromStage() == null ? "" : c.fromStage();
			Map<String, String> attributes = Map.of("from_stage", from, "to_stage", c.toStage());
			Map<String, Object> evidence = new LinkedHashMap<>();
			evidence.put("trigger", TYPE);
			evidence.put("from_stage", from);
			evidence.put("to_stage", c.toStage());
			evidence.put("source", c.source().code());
			evidence.put("day", day.toString());
			hits.add(new TriggerHit(c.accountId(), "stage:" + from + ">" + c.toStage() + ":" + occurrence, attributes,
					evidence));
		}
		playbooks.fire(workspace, TYPE, hits);
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
