package io.kizuna.accounts.web;

import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountVocabulary;
import io.kizuna.accounts.VocabularyAdministration;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SettingsSection;
import io.kizuna.workspace.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The settings section where an admin adds, renames and reorders the workspace's tiers and lifecycle stages. */
@Controller
class VocabularySettingsController implements SettingsSection {

	private final VocabularyAdministration vocabularies;

	VocabularySettingsController(VocabularyAdministration vocabularies) {
		this.vocabularies = vocabularies;
	}

	@Override
	public int order() {
		return 5;
	}

	@Override
	public String template() {
		return "accounts/settings-section";
	}

	@Override
	public String fragment() {
		return "vocabularies";
	}

	@Override
	public Map<String, Object> model(WorkspaceId workspace) {
		return Map.of("vocabularies", List.of(vocabularies.vocabulary(workspace, AccountVocabulary.TIER),
				vocabularies.vocabulary(workspace, AccountVocabulary.LIFECYCLE_STAGE)));
	}

	@PostMapping("/settings/vocabularies/{kind}")
	String add(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String kind, @RequestParam String code,
			@RequestParam String labelJa, @RequestParam String labelEn, RedirectAttributes redirect) {
		return change(redirect, kind, () -> vocabularies.add(workspace(signedIn), AccountVocabulary.fromCode(kind),
				bounded(code), bounded(labelJa), bounded(labelEn)));
	}

	@PostMapping("/settings/vocabularies/{kind}/{code}")
	String rename(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String kind, @PathVariable String code,
			@RequestParam String labelJa, @RequestParam String labelEn, RedirectAttributes redirect) {
		return change(redirect, kind, () -> vocabularies.rename(workspace(signedIn), AccountVocabulary.fromCode(kind),
				code, bounded(labelJa), bounded(labelEn)));
	}

	@PostMapping("/settings/vocabularies/{kind}/{code}/move")
	String move(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable String kind, @PathVariable String code,
			@RequestParam String direction, RedirectAttributes redirect) {
		return change(redirect, kind, () -> vocabularies.move(workspace(signedIn), AccountVocabulary.fromCode(kind),
				code, "up".equals(direction) ? -1 : 1));
	}

	private static String change(RedirectAttributes redirect, String kind, Runnable change) {
		try {
			change.run();
			redirect.addFlashAttribute("vocabularySaved", kind);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("vocabularyErrors", ex.errors());
		}
		catch (ConflictException ex) {
			redirect.addFlashAttribute("vocabularyErrors", List.of(ex.getMessage()));
		}
		return "redirect:/settings#vocabularies";
	}

	private static WorkspaceId workspace(SignedInUser signedIn) {
		return signedIn.user().workspaceId();
	}

	/** Longer than any valid value, so the check says what is wrong rather than a form of 1 MB being held. */
	private static String bounded(String value) {
		return value == null || value.length() <= 200 ? value : value.substring(0, 201);
	}
}
