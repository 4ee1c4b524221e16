package io.kizuna.workspace.web;

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

	AuditPageController(WorkspaceManagement workspaces, AuditTrail auditTrail) {
		this.workspaces = workspaces;
		this.auditTrail = auditTrail;
	}

	@GetMapping("/audit")
	String audit(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam(required = false) String action,
			@RequestParam(required = false) String actor, @RequestParam(defaultValue = "0") int page, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		AuditQuery query = new AuditQuery(bounded(action), bounded(actor), page, PAGE_SIZE);
		AuditPage entries = auditTrail.page(workspace, query);
		model.addAttribute("entries", entries);
		model.addAttribute("actions", auditTrail.actions(workspace));
		model.addAttribute("action", query.action());
		model.addAttribute("actor", query.actor());
		model.addAttribute("zone", workspaces.get(workspace).timeZone());
		return "workspace/audit";
	}

	private static String bounded(String text) {
		return text != null && text.length() > 320 ? text.substring(0, 320) : text;
	}
}
