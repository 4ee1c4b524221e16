package io.kizuna.playbooks.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.kizuna.playbooks.Enrollment;
import io.kizuna.playbooks.Playbook;
import io.kizuna.playbooks.PlaybookDefinition;
import io.kizuna.playbooks.PlaybookDraft;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.PlaybookPreview;
import io.kizuna.playbooks.RunLogEntry;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.i18n.LocaleContextHolder;
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

/** Playbooks: CRUD, activate, pause, preview, manual runs, enrollments and the run log. */
@RestController
@RequestMapping("/api/v1/playbooks")
@Tag(name = "Playbooks", description = "Triggers, conditions and steps that create tasks, update accounts, add notes, "
		+ "send email and call webhooks; preview before activating; enrollments and the run log")
class PlaybooksController {

	private final PlaybookManagement playbooks;

	PlaybooksController(PlaybookManagement playbooks) {
		this.playbooks = playbooks;
	}

	record PlaybookBody(String name, PlaybookDefinition definition) {
	}

	record RunBody(String segment, List<String> accounts) {
	}

	record Catalog(List<String> triggers, List<String> actions) {
	}

	@GetMapping
	@Operation(summary = "The workspace's playbooks with their definitions and status")
	List<Playbook> list(@AuthenticationPrincipal ApiClient client) {
		return playbooks.list(client.workspaceId());
	}

	@GetMapping("/catalog")
	@Operation(summary = "The trigger types and step types a definition may name")
	Catalog catalog() {
		return new Catalog(List.copyOf(playbooks.triggers().keySet()), playbooks.actionTypes());
	}

	@PostMapping
	@Operation(summary = "Create a playbook as a draft; every step is checked by its action")
	ResponseEntity<Playbook> create(@AuthenticationPrincipal ApiClient client, @RequestBody PlaybookBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with name and definition is required");
		}
		Playbook created = playbooks.create(client.workspaceId(), new PlaybookDraft(body.name(), body.definition()));
		return ResponseEntity.created(URI.create("/api/v1/playbooks/" + created.id())).body(created);
	}

	@PostMapping("/preview")
	@Operation(summary = "Which accounts a definition would enroll right now, and what each would get")
	PlaybookPreview preview(@AuthenticationPrincipal ApiClient client, @RequestBody PlaybookBody body) {
		return playbooks.preview(client.workspaceId(), body == null ? null : body.definition(), null,
				LocaleContextHolder.getLocale());
	}

	@GetMapping("/{id}")
	@Operation(summary = "One playbook")
	Playbook get(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return playbooks.get(client.workspaceId(), id);
	}

	@PutMapping("/{id}")
	@Operation(summary = "Save a new version; enrollments already running keep theirs")
	Playbook update(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody PlaybookBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with name or definition is required");
		}
		return playbooks.update(client.workspaceId(), id, new PlaybookDraft(body.name(), body.definition()));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a playbook (refused while another enrolls into it); its tasks stay")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		playbooks.delete(client.workspaceId(), id);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/activate")
	@Operation(summary = "Activate a playbook: its trigger starts enrolling")
	Playbook activate(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return playbooks.activate(client.workspaceId(), id);
	}

	@PostMapping("/{id}/pause")
	@Operation(summary = "Pause a playbook: no new enrollments, pending steps wait, open tasks stay")
	Playbook pause(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		return playbooks.pause(client.workspaceId(), id);
	}

	@GetMapping("/{id}/preview")
	@Operation(summary = "Which accounts the saved playbook would enroll right now (its enrollment rule applied)")
	PlaybookPreview previewSaved(@AuthenticationPrincipal ApiClient client, @PathVariable long id) {
		Playbook playbook = playbooks.get(client.workspaceId(), id);
		return playbooks.preview(client.workspaceId(), playbook.definition(), id, LocaleContextHolder.getLocale());
	}

	@PostMapping("/{id}/run")
	@Operation(summary = "Run an active playbook now on a segment (by key) or a list of account external ids")
	Map<String, Integer> run(@AuthenticationPrincipal ApiClient client, @PathVariable long id, @RequestBody RunBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with segment or accounts is required");
		}
		return Map.of("enrolled", playbooks.runManually(client.workspaceId(), id, body.segment(), body.accounts()));
	}

	@GetMapping("/{id}/enrollments")
	@Operation(summary = "The playbook's enrollments, newest first")
	List<Enrollment> enrollments(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestParam(defaultValue = "100") int limit) {
		return playbooks.enrollments(client.workspaceId(), id, limit);
	}

	@GetMapping("/{id}/log")
	@Operation(summary = "The playbook's run log: evaluations, enrollments, step batches and errors, newest first")
	List<RunLogEntry> log(@AuthenticationPrincipal ApiClient client, @PathVariable long id,
			@RequestParam(defaultValue = "100") int limit) {
		return playbooks.runLog(client.workspaceId(), id, limit);
	}
}
