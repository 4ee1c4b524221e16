package io.kizuna.health;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Scorecards, key features and signal thresholds of a workspace, validated before they are stored. */
@Service
public class HealthAdministration {

	private final Scorecards scorecards;

	private final HealthSettingsStore settings;

	private final HealthScoring scoring;

	private final AuditTrail auditTrail;

	HealthAdministration(Scorecards scorecards, HealthSettingsStore settings, HealthScoring scoring,
			AuditTrail auditTrail) {
		this.auditTrail = auditTrail;
		this.scorecards = scorecards;
		this.settings = settings;
		this.scoring = scoring;
	}

	public List<Scorecard> scorecards(WorkspaceId workspace) {
		return scorecards.all(workspace);
	}

	public List<String> measureCodes() {
		return scoring.measures().keySet().stream().sorted().toList();
	}

	@Transactional
	public Scorecard createScorecard(WorkspaceId workspace, String name, String tier, ScorecardDefinition definition) {
		checkName(name);
		if (tier == null || tier.isBlank()) {
			throw new InvalidInputException("a new scorecard needs a tier; edit the default scorecard to change it");
		}
		definition.validate(scoring.measures().keySet());
		if (scorecards.all(workspace).stream().anyMatch(card -> tier.equals(card.tier()))) {
			throw new ConflictException("tier " + tier + " has a scorecard already");
		}
		Scorecard created = scorecards.add(workspace, name, tier, definition);
		auditTrail.record(workspace, "scorecard.created", name, Map.of("id", created.id(), "tier", tier));
		return created;
	}

	@Transactional
	public Scorecard updateScorecard(WorkspaceId workspace, long id, String name, ScorecardDefinition definition) {
		checkName(name);
		definition.validate(scoring.measures().keySet());
		Scorecard existing = scorecards.find(workspace, id).orElseThrow(() -> new NotFoundException("no scorecard " + id));
		scorecards.update(workspace, id, name, definition);
		auditTrail.record(workspace, "scorecard.changed", name, Map.of("id", id, "from", existing.definition(), "to", definition));
		return new Scorecard(id, name, existing.tier(), definition);
	}

	@Transactional
	public void deleteScorecard(WorkspaceId workspace, long id) {
		if (!scorecards.delete(workspace, id)) {
			throw new NotFoundException("no tier scorecard " + id + " (the default cannot be deleted)");
		}
		auditTrail.record(workspace, "scorecard.deleted", Long.toString(id), Map.of());
	}

	/** What is wrong with a definition, empty when it could be saved: for editors that explain it field by field. */
	public List<ScorecardViolation> violations(ScorecardDefinition definition) {
		return definition.violations(scoring.measures().keySet());
	}

	/**
	 * What saving {@code definition} as scorecard {@code id} would do today, nothing saved: live accounts per band
	 * before and after, and the accounts that would change band. A tier scorecard changes only its tier's accounts.
	 */
	public ScorecardPreview previewChange(WorkspaceId workspace, long id, ScorecardDefinition definition) {
		definition.validate(scoring.measures().keySet());
		List<Scorecard> current = scorecards.all(workspace);
		if (current.stream().noneMatch(card -> card.id() == id)) {
			throw new NotFoundException("no scorecard " + id);
		}
		List<Scorecard> proposed = current.stream()
			.map(card -> card.id() == id ? new Scorecard(id, card.name(), card.tier(), definition) : card)
			.toList();
		return scoring.compare(workspace, current, proposed);
	}

	/**
	 * A scorecard for one tier, starting as a copy of the default one, for the editor to change; its name says the
	 * tier unless one is given.
	 */
	@Transactional
	public Scorecard createTierScorecard(WorkspaceId workspace, String tier, String name) {
		String t = tier == null ? null : tier.strip();
		if (t == null || t.isEmpty() || t.length() > 50) {
			throw new InvalidInputException("invalid scorecard", List.of("tier: 1 to 50 characters"));
		}
		Scorecard standard = scorecards.all(workspace).stream().filter(card -> card.tier() == null).findFirst().orElseThrow();
		return createScorecard(workspace, name == null || name.isBlank() ? t : name.strip(), t, standard.definition());
	}

	public HealthSettings settings(WorkspaceId workspace) {
		return settings.get(workspace);
	}

	@Transactional
	public HealthSettings saveSettings(WorkspaceId workspace, HealthSettings update) {
		List<String> errors = new ArrayList<>();
		List<String> features = update.keyFeatures() == null ? List.of() : update.keyFeatures();
		if (features.size() > 50) {
			errors.add("keyFeatures: at most 50");
		}
		if (features.stream().anyMatch(f -> f == null || f.isBlank() || f.length() > 200)) {
			errors.add("keyFeatures: event names of 1 to 200 characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid health settings", errors);
		}
		SignalThresholds thresholds = update.thresholds() == null ? SignalThresholds.defaults() : update.thresholds();
		thresholds.validate();
		HealthSettings saved = new HealthSettings(List.copyOf(new LinkedHashSet<>(features)), thresholds);
		HealthSettings before = settings(workspace);
		settings.save(workspace, saved);
		auditTrail.record(workspace, "health_settings.changed", null, Map.of("from", before, "to", saved));
		return saved;
	}

	private static void checkName(String name) {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw new InvalidInputException("invalid scorecard", List.of("name: 1 to 100 characters"));
		}
	}
}
