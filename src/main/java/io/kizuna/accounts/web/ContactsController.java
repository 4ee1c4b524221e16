package io.kizuna.accounts.web;

import java.net.URI;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Contact;
import io.kizuna.accounts.Page;
import io.kizuna.accounts.web.AccountRequests.ContactBody;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
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

/** Contacts (end users), addressed by their external id, which is Segment's userId. */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts", description = "People at customers, addressed by their external id (Segment's userId)")
class ContactsController {

	private final AccountManagement accounts;

	ContactsController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "List contacts; account filters by the account's external id, q matches name or email")
	Page<Contact> list(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String account,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return accounts.contacts(client.workspaceId(), account, q, page, size);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a contact")
	@ApiResponse(responseCode = "409", description = "A contact with this external id exists")
	ResponseEntity<Contact> create(@AuthenticationPrincipal ApiClient client, @RequestBody ContactBody body) {
		if (body.externalId() == null) {
			throw new InvalidInputException("invalid contact", java.util.List.of("externalId: required"));
		}
		if (accounts.findContact(client.workspaceId(), body.externalId()).isPresent()) {
			throw new ConflictException("a contact with external id " + body.externalId() + " exists");
		}
		Contact contact = accounts.saveContact(client.workspaceId(), body.externalId(), body.draft());
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + AccountsController.encode(contact.externalId())))
			.body(contact);
	}

	@GetMapping("/{externalId}")
	@Operation(summary = "A contact by its external id")
	Contact get(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId) {
		return accounts.findContact(client.workspaceId(), externalId)
			.orElseThrow(() -> new NotFoundException("no contact " + externalId));
	}

	@PutMapping("/{externalId}")
	@Operation(summary = "Create the contact or merge the given fields into it")
	Contact put(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestBody ContactBody body) {
		AccountsController.checkSameId(externalId, body.externalId());
		return accounts.saveContact(client.workspaceId(), externalId, body.draft());
	}

	@PatchMapping("/{externalId}")
	@Operation(summary = "Change the given fields of an existing contact; traits are merged")
	Contact patch(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestBody ContactBody body) {
		get(client, externalId);
		return put(client, externalId, body);
	}
}
