package io.kizuna.calendars.web;

import java.net.URI;
import java.util.List;
import java.util.Set;

import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.calendars.SlaQuery;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** SLA policies in order, and which one applies to a ticket. */
@RestController
@RequestMapping("/api/v1/calendars/sla-policies")
@Tag(name = "SLA policies", description = "First-response, next-response and resolution targets in business "
		+ "minutes on a calendar, chosen by priority, tier, segment or account in order")
class SlaPoliciesController {

	private final SlaPolicyManagement policies;

	SlaPoliciesController(SlaPolicyManagement policies) {
		this.policies = policies;
	}

	@GetMapping
	@Operation(summary = "The workspace's SLA policies in the order they are tried")
	List<SlaPolicy> list(@AuthenticationPrincipal ApiClient client) {
		return policies.list(client.workspaceId());
	}

	@GetMapping("/applicable")
	@Operation(summary = "The first policy whose criteria match a ticket's priority, tier, segments and account")
	ResponseEntity<SlaPolicy> applicable(@AuthenticationPrincipal ApiClient client,
			@RequestParam(required = false) String priority, @RequestParam(required = false) String tier,
			@RequestParam(required = false) List<String> segment, @RequestParam(required = false) Long accountId) {
		if (segment != null && segment.size() > 200) {
			throw new InvalidInputException("invalid query", List.of("segment: at most 200"));
		}
		return policies
			.applicable(client.workspaceId(),
					new SlaQuery(priority, tier, segment == null ? Set.of() : Set.copyOf(segment), accountId))
			.map(ResponseEntity::ok)
			.orElse(ResponseEntity.noContent().build());
	}

	@PostMapping
	@Operation(summary = "Create an SLA policy (calendar key, criteria, targets in business minutes, warning)")
	ResponseEntity<SlaPolicy> create(@AuthenticationPrincipal ApiClient client, @RequestBody SlaPolicy body) {
		SlaPolicy saved = policies.create(client.workspaceId(), body);
		return ResponseEntity.created(URI.create("/api/v1/calendars/sla-policies/" + saved.key())).body(saved);
	}

	@GetMapping("/{key}")
	@Operation(summary = "One SLA policy by its key")
	SlaPolicy get(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		return policies.get(client.workspaceId(), key);
	}

	@PutMapping("/{key}")
	@Operation(summary = "Replace an SLA policy's name, order, calendar, criteria and targets")
	SlaPolicy update(@AuthenticationPrincipal ApiClient client, @PathVariable String key, @RequestBody SlaPolicy body) {
		return policies.update(client.workspaceId(), key, body);
	}

	@DeleteMapping("/{key}")
	@Operation(summary = "Delete an SLA policy")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		policies.delete(client.workspaceId(), key);
		return ResponseEntity.noContent().build();
	}
}
