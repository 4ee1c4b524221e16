package io.kizuna.accounts.web;

import java.net.URI;
import java.util.List;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Page;
import io.kizuna.accounts.Subscription;
import io.kizuna.accounts.SubscriptionChange;
import io.kizuna.accounts.web.AccountRequests.SubscriptionBody;
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

/** Subscriptions and the history of their states. */
@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "What accounts pay for (plan, MRR, seats, status, term) and the "
		+ "history of every state")
class SubscriptionsController {

	private final AccountManagement accounts;

	SubscriptionsController(AccountManagement accounts) {
		this.accounts = accounts;
	}

	@GetMapping
	@Operation(summary = "List subscriptions; account filters by the account's external id, status by its code")
	Page<Subscription> list(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String account,
			@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return accounts.subscriptions(client.workspaceId(), account, status, page, size);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a subscription")
	@ApiResponse(responseCode = "409", description = "A subscription with this external id exists")
	ResponseEntity<Subscription> create(@AuthenticationPrincipal ApiClient client, @RequestBody SubscriptionBody body) {
		if (body.externalId() == null) {
			throw new InvalidInputException("invalid subscription", List.of("externalId: required"));
		}
		if (accounts.findSubscription(client.workspaceId(), body.externalId()).isPresent()) {
			throw new ConflictException("a subscription with external id " + body.externalId() + " exists");
		}
		Subscription saved = accounts.saveSubscription(client.workspaceId(), body.externalId(), body.draft());
		return ResponseEntity
			.created(URI.create("/api/v1/subscriptions/" + AccountsController.encode(saved.externalId())))
			.body(saved);
	}

	@GetMapping("/{externalId}")
	@Operation(summary = "A subscription by its external id")
	Subscription get(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId) {
		return accounts.findSubscription(client.workspaceId(), externalId)
			.orElseThrow(() -> new NotFoundException("no subscription " + externalId));
	}

	@PutMapping("/{externalId}")
	@Operation(summary = "Create the subscription or record its new state (effectiveOn defaults to today)")
	Subscription put(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestBody SubscriptionBody body) {
		AccountsController.checkSameId(externalId, body.externalId());
		return accounts.saveSubscription(client.workspaceId(), externalId, body.draft());
	}

	@PatchMapping("/{externalId}")
	@Operation(summary = "Record a new state of an existing subscription (effectiveOn defaults to today)")
	Subscription patch(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@RequestBody SubscriptionBody body) {
		get(client, externalId);
		return put(client, externalId, body);
	}

	@GetMapping("/{externalId}/history")
	@Operation(summary = "Every state the subscription has been in, oldest first")
	List<SubscriptionChange> history(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId) {
		return accounts.subscriptionHistory(client.workspaceId(), externalId);
	}
}
