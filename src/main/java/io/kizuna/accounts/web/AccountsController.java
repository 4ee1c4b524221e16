package io.kizuna.accounts.web;

import java.net.URI;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountQuery;
import io.kizuna.accounts.Contact;
import io.kizuna.accounts.Page;
import io.kizuna.accounts.Subscription;
import io.kizuna.accounts.web.AccountRequests.AccountBody;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts, addressed by their external id. */
@RestController
@RequestMapping("/api/v1/accounts")
@Tag(name = "Accounts", description = "Customer companies, addressed by their external id (Segment's groupId), "
		+ "with their contacts, subscriptions and notes")
class AccountsController {

	private final AccountManagement accounts;

	AccountsController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "List accounts; q matches name, domain or external id")
	Page<Account> list(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String q,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String stage,
			@RequestParam(required = false) Long owner, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return accounts.accounts(client.workspaceId(), new AccountQuery(q, tier, stage, owner, page, size));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create an account")
	@ApiResponse(responseCode = "409", description = "An account with this external id exists")
	ResponseEntity<Account> create(@AuthenticationPrincipal ApiClient client, @RequestBody AccountBody body) {
		if (body.externalId() == null) {
			throw new InvalidInputException("invalid account", java.util.List.of("externalId: required"));
		}
		Account account = accounts.createAccount(client.workspaceId(), body.externalId(), body.draft());
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + encode(account.externalId()))).body(account);
	}

	@GetMapping("/{externalId}")
	@Operation(summary = "An account by its external id")
	Account get(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId) {
		return accounts.account(client.workspaceId(), externalId);
	}

	@PutMapping("/{externalId}")
	@Operation(summary = "Create the account or merge the given fields into it")
	Account put(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestBody AccountBody body) {
		checkSameId(externalId, body.externalId());
		return accounts.saveAccount(client.workspaceId(), externalId, body.draft());
	}

	@PatchMapping("/{externalId}")
	@Operation(summary = "Change the given fields of an existing account; attributes are merged, null removes a key")
	Account patch(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestBody AccountBody body) {
		checkSameId(externalId, body.externalId());
		return accounts.updateAccount(client.workspaceId(), externalId, body.draft());
	}

	@GetMapping("/{externalId}/contacts")
	@Operation(summary = "The account's contacts")
	Page<Contact> contacts(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return accounts.contacts(client.workspaceId(), externalId, null, page, size);
	}

	@GetMapping("/{externalId}/subscriptions")
	@Operation(summary = "The account's subscriptions")
	Page<Subscription> subscriptions(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return accounts.subscriptions(client.workspaceId(), externalId, null, page, size);
	}

	@GetMapping("/{externalId}/notes")
	@Operation(summary = "The account's notes, newest first")
	java.util.List<io.kizuna.accounts.AccountNote> notes(@AuthenticationPrincipal ApiClient client,
			@PathVariable String externalId, @RequestParam(defaultValue = "50") int limit) {
		return accounts.notes(client.workspaceId(), externalId, limit);
	}

	record NoteBody(String body, String author) {
	}

	@PostMapping("/{externalId}/notes")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Add a note to the account's timeline; it counts as a CSM touch")
	ResponseEntity<io.kizuna.accounts.AccountNote> addNote(@AuthenticationPrincipal ApiClient client,
			@PathVariable String externalId, @RequestBody NoteBody body) {
		String author = body.author() == null ? "api-token-" + client.tokenId() : body.author();
		return ResponseEntity.status(201).body(accounts.addNote(client.workspaceId(), externalId, author, body.body()));
	}

	static void checkSameId(String path, String body) {
		if (body != null && !body.equals(path)) {
			throw new InvalidInputException("externalId in the body differs from the one in the path");
		}
	}

	static String encode(String id) {
		return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
	}
}
