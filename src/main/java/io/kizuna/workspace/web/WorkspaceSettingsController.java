package io.kizuna.workspace.web;

import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.WorkspaceSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The workspace's currency, time zone and default language; changing them needs a read_write token. */
@RestController
@Tag(name = "Workspace", description = "The workspace's settings and its write keys")
class WorkspaceSettingsController {

	private final WorkspaceManagement workspaces;

	WorkspaceSettingsController(WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
	}

	@GetMapping("/api/v1/workspace/settings")
	@Operation(summary = "Currency (ISO 4217), time zone (region id) and default language (ja or en)")
	WorkspaceSettings get(@AuthenticationPrincipal ApiClient client) {
		return WorkspaceSettings.of(workspaces.get(client.workspaceId()));
	}

	@PutMapping("/api/v1/workspace/settings")
	@Operation(summary = "Replace the settings; days are cut in the new time zone from now on, recorded amounts keep their currency")
	WorkspaceSettings replace(@AuthenticationPrincipal ApiClient client, @RequestBody WorkspaceSettings settings) {
		return WorkspaceSettings.of(workspaces.updateSettings(client.workspaceId(), settings,
				"api-token:" + client.tokenId()));
	}
}
