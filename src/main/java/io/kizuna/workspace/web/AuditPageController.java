package io.kizuna.workspace.web;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.kizuna.workspace.SignedInUser;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditPage;
import io.kizuna.workspace.AuditQuery;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AuditTrail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log for admins: who changed what, when (in the workspace's time zone), from where. */
@Controller
class AuditPageController {

	static final int PAGE_SIZE = 50;

	private final WorkspaceManagement workspaces;

	private final AuditTrail auditTrail;

	private final AuditEntries readable;

	AuditPageController(WorkspaceManagement workspaces, AuditTrail auditTrail, AuditEntries readable) {
		this.workspaces = workspaces;
		this.auditTrail = auditTrail;
		this.readable = readable;
	}

	@GetMapping("/audit")
	String audit(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String action,
			@RequestParam(required = false) String actor, @RequestParam(defaultValue = "0") int page, Locale locale,
			Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		AuditQuery query = new AuditQuery(bounded(action), bounded(actor), page, PAGE_SIZE);
		AuditPage entries = auditTrail.page(workspace, query);
		ZoneId zone = workspaces.get(workspace).timeZone();
		model.addAttribute("entries", entries);
		model.addAttribute("rows", readable.rows(entries.items(), zone, locale));
		Map<String, String> actions = new LinkedHashMap<>();
		auditTrail.actions(workspace).forEach(code -> actions.put(code, readable.action(code, locale)));
		model.addAttribute("actions", actions);
		model.addAttribute("action", query.action());
		model.addAttribute("actor", query.actor());
		model.addAttribute("zone", zone);
		return "workspace/audit";
	}

	private static String bounded(String text) {
		return text != null && text.length() > 320 ? text.substring(0, 320) : text;
	}
}
