package io.kizuna.segments.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.kizuna.accounts.Page;
import io.kizuna.segments.MembershipChange;
import io.kizuna.segments.Segment;
import io.kizuna.segments.SegmentAccount;
import io.kizuna.segments.SegmentDraft;
import io.kizuna.segments.SegmentField;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.segments.SegmentPreview;
import io.kizuna.segments.SegmentSize;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Saved segments by key: CRUD, members, entries and exits, size over time, and evaluation before saving. */
@RestController
@RequestMapping("/api/v1/segments")
@Tag(name = "Segments", description = "Saved segments in the filter language: their members, entries and exits, "
		+ "daily sizes, and evaluating a definition before saving it")
class SegmentsController {

	private final SegmentManagement segments;

	private final FilterMessages messages;

	SegmentsController(SegmentManagement segments, FilterMessages messages) {
		this.segments = segments;
		this.messages = messages;
	}

	/** A definition's error: 400 with the column and a message in the caller's language (Accept-Language). */
	@ExceptionHandler(FilterException.class)
	ProblemDetail invalidDefinition(FilterException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				messages.describe(ex, LocaleContextHolder.getLocale()));
		problem.setTitle("Invalid segment definition");
		problem.setProperty("code", ex.code());
		if (ex.position() > 0) {
			problem.setProperty("position", ex.position());
		}
		return problem;
	}

	record SegmentBody(String key, String name, String definition) {
	}

	record EvaluateBody(String definition) {
	}

	record Evaluation(String definition, long count, List<SegmentAccount> accounts, List<String> warnings) {
	}

	record FieldInfo(String key, String type, String group, List<String> choices, boolean takesArgument) {
	}

	@GetMapping
	@Operation(summary = "The workspace's saved segments with their definitions and sizes")
	List<Segment> list(@AuthenticationPrincipal ApiClient client) {
		return segments.list(client.workspaceId());
	}

	@GetMapping("/fields")
	@Operation(summary = "The fields a definition can name, with their types and, for closed sets, their values")
	List<FieldInfo> fields() {
		return segments.fields().values().stream().sorted(Comparator.comparing(SegmentField::key))
			.map(f -> new FieldInfo(f.key(), f.type().name().toLowerCase(), f.group(), f.choices(), f.takesArgument()))
			.toList();
	}

	@PostMapping("/evaluate")
	@Operation(summary = "Count and list the first accounts a definition matches now, without saving it")
	Evaluation evaluate(@AuthenticationPrincipal ApiClient client, @RequestBody EvaluateBody body) {
		SegmentPreview preview = segments.preview(client.workspaceId(), body == null ? null : body.definition());
		Locale locale = LocaleContextHolder.getLocale();
		return new Evaluation(preview.definition(), preview.count(), preview.first(),
				preview.unknownAttributes().stream().map(k -> messages.unknownAttribute(k, locale)).toList());
	}

	@PostMapping
	@Operation(summary = "Save a segment (key, name, definition); its members are evaluated at once")
	ResponseEntity<Segment> create(@AuthenticationPrincipal ApiClient client, @RequestBody SegmentBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with key, name and definition is required");
		}
		Segment saved = segments.create(client.workspaceId(), new SegmentDraft(body.key(), body.name(), body.definition()));
		return ResponseEntity.created(URI.create("/api/v1/segments/" + saved.key())).body(saved);
	}

	@GetMapping("/{key}")
	@Operation(summary = "One saved segment by its key")
	Segment get(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		return segments.get(client.workspaceId(), key);
	}

	@PutMapping("/{key}")
	@Operation(summary = "Rename a segment or change its definition; members are re-evaluated")
	Segment update(@AuthenticationPrincipal ApiClient client, @PathVariable String key, @RequestBody SegmentBody body) {
		if (body == null) {
			throw new InvalidInputException("a body with name or definition is required");
		}
		return segments.update(client.workspaceId(), key, new SegmentDraft(key, body.name(), body.definition()));
	}

	@DeleteMapping("/{key}")
	@Operation(summary = "Delete a segment (refused while another segment refers to it)")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		segments.delete(client.workspaceId(), key);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{key}/members")
	@Operation(summary = "The accounts in the segment now, paged")
	Page<SegmentAccount> members(@AuthenticationPrincipal ApiClient client, @PathVariable String key,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return segments.members(client.workspaceId(), key, page, size);
	}

	@GetMapping("/{key}/changes")
	@Operation(summary = "Who entered and who left, newest first, with when and why")
	List<MembershipChange> changes(@AuthenticationPrincipal ApiClient client, @PathVariable String key,
			@RequestParam(defaultValue = "100") int limit) {
		return segments.changes(client.workspaceId(), key, limit);
	}

	@GetMapping("/{key}/sizes")
	@Operation(summary = "The segment's size at the end of each day since from (default 90 days ago)")
	List<SegmentSize> sizes(@AuthenticationPrincipal ApiClient client, @PathVariable String key,
			@RequestParam(required = false) LocalDate from) {
		return segments.sizes(client.workspaceId(), key, from == null ? LocalDate.now().minusDays(90) : from);
	}
}
