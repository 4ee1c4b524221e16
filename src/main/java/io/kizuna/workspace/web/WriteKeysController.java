package io.kizuna.workspace.web;

import java.util.List;

import io.kizuna.shared.NotFoundException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.KeySummary;
import io.kizuna.workspace.WriteKeyOrigins;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Write keys as lists show them (never the secret), and the browser origins each may be used from (ADR 0042). */
@RestController
@Tag(name = "Workspace", description = "The workspace's settings and its write keys")
class WriteKeysController {

	private final AccessKeys keys;

	private final WriteKeyOrigins origins;

	WriteKeysController(AccessKeys keys, WriteKeyOrigins origins) {
		this.keys = keys;
		this.origins = origins;
	}

	@GetMapping("/api/v1/write-keys")
	@Operation(summary = "The workspace's write keys: id, name, hint, last use, revocation, allowed origins")
	List<WriteKeyView> list(@AuthenticationPrincipal ApiClient client) {
		return keys.writeKeys(client.workspaceId()).stream().map(WriteKeyView::of).toList();
	}

	@PutMapping("/api/v1/write-keys/{id}/allowed-origins")
	@Operation(summary = "Replace the origins (https://app.example.jp, or \"*\") whose pages may send with this key")
	WriteKeyView replaceOrigins(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestBody AllowedOrigins body) {
		origins.replace(client.workspaceId(), id, body.allowedOrigins(), "api-token:" + client.tokenId());
		return keys.writeKeys(client.workspaceId())
			.stream()
			.filter(key -> key.id() == id)
			.findFirst()
			.map(WriteKeyView::of)
			.orElseThrow(() -> new NotFoundException("no write key " + id));
	}

	record AllowedOrigins(List<String> allowedOrigins) {
	}

	record WriteKeyView(long id, String name, String hint, java.time.Instant createdAt, java.time.Instant lastUsedAt,
			java.time.Instant revokedAt, List<String> allowedOrigins) {

		static WriteKeyView of(KeySummary key) {
			return new WriteKeyView(key.id(), key.name(), key.hint(), key.createdAt(), key.lastUsedAt(), key.revokedAt(),
					key.allowedOrigins());
		}
	}
}
