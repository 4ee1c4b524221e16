package io.kizuna.accounts.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountEditing;
import io.kizuna.accounts.ContactRoleOption;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SettingsSection;
import io.kizuna.workspace.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contact roles section of the settings page: one role a line, {@code code | 日本語 | English}, in the order the
 * account 360 select offers them.
 */
@Controller
class ContactRolesSettingsController implements SettingsSection {

	static final int MAX_TEXT = 4000;

	private final AccountEditing editing;

	ContactRolesSettingsController(AccountEditing editing) {
		this.editing = editing;
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public String template() {
		return "accounts/settings-section";
	}

	@Override
	public String fragment() {
		return "contactRoles";
	}

	@Override
	public Map<String, Object> model(WorkspaceId workspace) {
		List<ContactRoleOption> roles = editing.contactRoles(workspace);
		String text = String.join("\n", roles.stream()
			.map(r -> r.code() + " | " + r.labelJa() + " | " + r.labelEn())
			.toList());
		return Map.of("roles", roles, "text", text);
	}

	@PostMapping("/settings/contact-roles")
	String save(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String roles,
			RedirectAttributes redirect) {
		try {
			editing.saveContactRoles(signedIn.user().workspaceId(), parse(roles));
			redirect.addFlashAttribute("contactRolesSaved", true);
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("contactRolesInvalid", true);
		}
		return "redirect:/settings#contact-roles";
	}

	/** Lines of three parts separated by | (or the full-width ｜); a line with fewer parts is refused as a whole. */
	static List<ContactRoleOption> parse(String text) {
		if (text.length() > MAX_TEXT) {
			throw new InvalidInputException("invalid contact roles", List.of("roles: at most " + MAX_TEXT + " characters"));
		}
		List<ContactRoleOption> options = new ArrayList<>();
		for (String line : text.split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.split("[|｜]", -1);
			if (parts.length != 3) {
				throw new InvalidInputException("invalid contact roles", List.of("roles: code | 日本語 | English"));
			}
			options.add(new ContactRoleOption(parts[0].strip(), parts[1].strip(), parts[2].strip()));
		}
		return options;
	}
}
