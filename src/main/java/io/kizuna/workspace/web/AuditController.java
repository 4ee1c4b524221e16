package io.kizuna.workspace.web;

import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.AuditPage;
import io.kizuna.workspace.AuditQuery;
import io.kizuna.workspace.AuditTrail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The workspace's audit log. It holds sign-in addresses and security events, admin-level data, so it needs a
 * {@code read_write} token (which only admins issue); a {@code read} token handed to a dashboard gets 403.
 */
@RestController
@Tag(name = "Audit log", description = "Who changed what, when and from where (read_write tokens only)")
class AuditController {

	private final AuditTrail auditTrail;

	AuditController(AuditTrail auditTrail) {
		this.auditTrail = auditTrail;
	}

	@GetMapping("/api/v1/audit")
	@Operation(summary = "Audit log, newest first; filters action and actor; size ≤ 200; needs a read_write token")
	AuditPage list(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String action,
			@RequestParam(required = false) String actor, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return auditTrail.page(client.workspaceId(), new AuditQuery(action, actor, page, size));
	}
}
