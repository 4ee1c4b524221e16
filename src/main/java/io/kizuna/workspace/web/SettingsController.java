package io.kizuna.workspace.web;

import io.kizuna.workspace.SignedInUser;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.SettingsSection;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceSettings;
import io.kizuna.workspace.WriteKeyOrigins;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Workspace settings: the workspace itself, write keys and API tokens, users (admins only), and the sections other
 * modules contribute ({@link SettingsSection}).
 */
@Controller
class SettingsController {

	private final WorkspaceManagement workspaces;

	private final AccessKeys accessKeys;

	private final UserManagement people;

	private final List<SettingsSection> sections;

	private final WriteKeyOrigins origins;

	SettingsController(WorkspaceManagement workspaces, AccessKeys accessKeys, UserManagement people,
			List<SettingsSection> sections, WriteKeyOrigins origins) {
		this.origins = origins;
		this.workspaces = workspaces;
		this.accessKeys = accessKeys;
		this.people = people;
		this.sections = sections.stream().sorted(Comparator.comparingInt(SettingsSection::order)).toList();
	}

	@GetMapping("/settings")
	String settings(@AuthenticationPrincipal SignedInUser signedIn, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		model.addAttribute("workspace", workspaces.get(workspace));
		model.addAttribute("sections", sections.stream()
			.map(section -> new ShownSection(section.template(), section.fragment(), section.model(workspace)))
			.toList());
		model.addAttribute("writeKeys", accessKeys.writeKeys(workspace));
		model.addAttribute("apiTokens", accessKeys.apiTokens(workspace));
		model.addAttribute("users", people.users(workspace));
		model.addAttribute("roles", Role.values());
		model.addAttribute("zones", ZONES);
		model.addAttribute("workspaceNow", java.time.LocalDateTime.now(workspaces.get(workspace).timeZone()));
		return "workspace/settings";
	}

	/** Admins only (see the security configuration); errors come back localized, by field. */
	@PostMapping("/settings/workspace")
	String saveWorkspace(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String currency,
			@RequestParam String timeZone, @RequestParam String locale, RedirectAttributes redirect) {
		try {
			workspaces.updateSettings(signedIn.user().workspaceId(),
					new WorkspaceSettings(currency.strip().toUpperCase(java.util.Locale.ROOT), timeZone.strip(), locale),
					signedIn.user().email());
			redirect.addFlashAttribute("workspaceSaved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("workspaceErrors", ex.errors()
				.stream()
				.map(error -> "workspace.error." + error.substring(0, Math.max(0, error.indexOf(':'))))
				.toList());
		}
		return "redirect:/settings#workspace";
	}

	@PostMapping("/settings/write-keys")
	String createWriteKey(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String name,
			RedirectAttributes redirect) {
		String label = name.isBlank() ? "key" : name.strip();
		redirect.addFlashAttribute("secret", accessKeys.issueWriteKey(signedIn.user().workspaceId(), bounded(label)).secret());
		return "redirect:/settings#keys";
	}

	@PostMapping("/settings/api-tokens")
	String createApiToken(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String name,
			@RequestParam(defaultValue = "read") String scope, RedirectAttributes redirect) {
		String label = name.isBlank() ? "token" : name.strip();
		TokenScope tokenScope = "read_write".equals(scope) ? TokenScope.READ_WRITE : TokenScope.READ;
		redirect.addFlashAttribute("secret",
				accessKeys.issueApiToken(signedIn.user().workspaceId(), bounded(label), tokenScope).secret());
		return "redirect:/settings#keys";
	}

	@PostMapping("/settings/write-keys/{id}/revoke")
	String revokeWriteKey(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id) {
		accessKeys.revokeWriteKey(signedIn.user().workspaceId(), id, signedIn.user().email());
		return "redirect:/settings#keys";
	}

	/** One origin a line (or separated by spaces or commas), as browsers send the Origin header; "*" for any. */
	@PostMapping("/settings/write-keys/{id}/origins")
	String writeKeyOrigins(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id,
			@RequestParam(name = "origins", defaultValue = "") String text, RedirectAttributes redirect) {
		try {
			origins.replace(signedIn.user().workspaceId(), id, List.of(text.split("[\\s,]+")), signedIn.user().email());
			redirect.addFlashAttribute("originsSaved", id);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("originErrors", ex.errors().isEmpty() ? List.of(ex.getMessage()) : ex.errors());
		}
		return "redirect:/settings#keys";
	}

	@PostMapping("/settings/api-tokens/{id}/revoke")
	String revokeApiToken(@AuthenticationPrincipal SignedInUser signedIn, @PathVariable long id) {
		accessKeys.revokeApiToken(signedIn.user().workspaceId(), id, signedIn.user().email());
		return "redirect:/settings#keys";
	}

	@PostMapping("/settings/users")
	String createUser(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String email,
			@RequestParam String name, @RequestParam String password, @RequestParam String role,
			RedirectAttributes redirect) {
		try {
			people.createUser(signedIn.user().workspaceId(), email.strip(), bounded(name.strip()), password,
					Role.fromCode(role));
			redirect.addFlashAttribute("userSaved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("userErrors", ex.errors().isEmpty() ? List.of(ex.getMessage()) : ex.errors());
		}
		catch (ConflictException | IllegalArgumentException | NotFoundException ex) {
			redirect.addFlashAttribute("userErrors", List.of(ex.getMessage()));
		}
		return "redirect:/settings#users";
	}

	/** The region ids people pick from, sorted; the field also accepts any other valid region id typed in. */
	static final List<String> ZONES = java.time.ZoneId.getAvailableZoneIds()
		.stream()
		.filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
		.sorted()
		.toList();

	private static String bounded(String text) {
		return text.length() > 100 ? text.substring(0, 100) : text;
	}

	/** A section as the template draws it: {@code ~{template :: fragment}} with {@code section} = its model. */
	record ShownSection(String template, String fragment, Map<String, Object> model) {
	}
}
