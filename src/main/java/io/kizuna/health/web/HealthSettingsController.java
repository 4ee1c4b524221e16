package io.kizuna.health.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.kizuna.health.HealthAdministration;
import io.kizuna.health.HealthSettings;
import io.kizuna.health.SignalThresholds;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SettingsSection;
import io.kizuna.workspace.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The health section of the settings page: key features, signal thresholds and the scorecards to edit. */
@Controller
class HealthSettingsController implements SettingsSection {

	private final HealthAdministration health;

	private final io.kizuna.accounts.AccountManagement accounts;

	HealthSettingsController(HealthAdministration health, io.kizuna.accounts.AccountManagement accounts) {
		this.health = health;
		this.accounts = accounts;
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public String template() {
		return "health/settings-section";
	}

	@Override
	public String fragment() {
		return "health";
	}

	@Override
	public Map<String, Object> model(WorkspaceId workspace) {
		return Map.of("health", health.settings(workspace), "scorecards", health.scorecards(workspace), "tiers",
				accounts.tiers(workspace));
	}

	@PostMapping("/settings/health")
	String saveHealth(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String keyFeatures,
			@RequestParam int idleDays, @RequestParam double seatsUnusedRatio, @RequestParam int onboardingDays,
			@RequestParam int championInactiveDays, @RequestParam int renewalWindowDays, RedirectAttributes redirect) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		SignalThresholds current = health.settings(workspace).thresholds();
		List<String> features = Arrays.stream(keyFeatures.split("\\R|,")).map(String::strip).filter(f -> !f.isEmpty()).toList();
		try {
			health.saveSettings(workspace, new HealthSettings(features, new SignalThresholds(idleDays, seatsUnusedRatio,
					current.seatsMinimum(), current.keyFeatureGraceDays(), current.usageDropRatio(),
					current.usageDropMinimumEvents(), onboardingDays, championInactiveDays, renewalWindowDays,
					current.renewalScoreDrop())));
			redirect.addFlashAttribute("saved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", ex.errors().isEmpty() ? List.of(ex.getMessage()) : ex.errors());
		}
		return "redirect:/settings";
	}

}
