package io.kizuna.feedback.requests;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.kizuna.feedback.BoardSort;
import io.kizuna.feedback.FeatureRequest;
import io.kizuna.feedback.FeatureRequests;
import io.kizuna.feedback.PortalLinks;
import io.kizuna.feedback.RequestComment;
import io.kizuna.feedback.RequestDraft;
import io.kizuna.feedback.RequestStatus;
import io.kizuna.feedback.RequestVote;
import io.kizuna.feedback.RiceDraft;
import io.kizuna.feedback.VoteDraft;
import io.kizuna.shared.SpreadsheetCells;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.SignedInUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Feature requests over REST: the board, a request, its votes, comments, RICE, status, merge, and a CSV export. */
@RestController
@Tag(name = "Feature requests", description = "Requests weighted by revenue, votes on behalf of accounts, merge, status")
class RequestApiController {

	private final FeatureRequests requests;

	private final PortalLinks links;

	RequestApiController(FeatureRequests requests, PortalLinks links) {
		this.requests = requests;
		this.links = links;
	}

	record StatusBody(String status) {
	}

	record MergeBody(Long into) {
	}

	record CommentBody(String author, String body) {
	}

	record LinkBody(String contact, String language) {
	}

	static long id(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new io.kizuna.shared.NotFoundException("No such object: " + value);
		}
	}

	@GetMapping("/api/v1/feedback/requests")
	@Operation(summary = "The board: open requests sorted by arr, at_risk, accounts, votes, tiers, rice or newest")
	List<FeatureRequest> board(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String status, @RequestParam(required = false) String category,
			@RequestParam(required = false) String tag, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(defaultValue = "0") int offset) {
		return requests.board(client.workspaceId(), BoardSort.parse(sort), status, category, tag, limit, offset);
	}

	@PostMapping("/api/v1/feedback/requests")
	@Operation(summary = "Create a request (status under_review)")
	ResponseEntity<FeatureRequest> create(@AuthenticationPrincipal ApiClient client, @RequestBody RequestDraft body) {
		FeatureRequest created = requests.create(client.workspaceId(), body, "api");
		return ResponseEntity.created(URI.create("/api/v1/feedback/requests/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/feedback/requests/{id}")
	@Operation(summary = "One request with its demand")
	FeatureRequest get(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
		return requests.get(client.workspaceId(), id(id));
	}

	@PutMapping("/api/v1/feedback/requests/{id}")
	@Operation(summary = "Change a request's title, description, category and tags")
	FeatureRequest update(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@RequestBody RequestDraft body) {
		return requests.update(client.workspaceId(), id(id), body);
	}

	@PutMapping("/api/v1/feedback/requests/{id}/rice")
	@Operation(summary = "Set the RICE reach (null: the accounts asking), impact, confidence (%) and effort")
	FeatureRequest rice(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @RequestBody RiceDraft body) {
		return requests.setRice(client.workspaceId(), id(id), body);
	}

	@PutMapping("/api/v1/feedback/requests/{id}/status")
	@Operation(summary = "Move a request to a status; shipped mails its voters and gives the voting accounts' CSMs a task")
	FeatureRequest status(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@RequestBody StatusBody body) {
		return requests.changeStatus(client.workspaceId(), id(id), body.status(), "api");
	}

	@PostMapping("/api/v1/feedback/requests/{id}/merge")
	@Operation(summary = "Merge this request into another: votes and comments move, voters counted once")
	FeatureRequest merge(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @RequestBody MergeBody body) {
		if (body == null || body.into() == null) {
			throw new io.kizuna.shared.InvalidInputException("invalid merge", List.of("into: required"));
		}
		return requests.merge(client.workspaceId(), id(id), body.into());
	}

	@GetMapping("/api/v1/feedback/requests/{id}/votes")
	@Operation(summary = "The votes of a request, newest first")
	List<RequestVote> votes(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@RequestParam(defaultValue = "500") int limit) {
		return requests.votes(client.workspaceId(), id(id), limit);
	}

	@PostMapping("/api/v1/feedback/requests/{id}/votes")
	@Operation(summary = "Vote for a request by a contact or on behalf of an account; 200 with no body when already voted")
	ResponseEntity<RequestVote> vote(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@RequestBody VoteDraft body) {
		VoteDraft draft = new VoteDraft(body.accountExternalId(), body.contactExternalId(), body.language(),
				body.via() == null ? "api" : body.via(), body.ticketId(), body.note());
		return requests.vote(client.workspaceId(), id(id), draft, "api")
			.map(v -> ResponseEntity.status(HttpStatus.CREATED).body(v))
			.orElseGet(() -> ResponseEntity.ok().build());
	}

	@DeleteMapping("/api/v1/feedback/requests/{id}/votes/{vote}")
	@Operation(summary = "Remove a vote")
	ResponseEntity<Void> removeVote(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@PathVariable String vote) {
		requests.removeVote(client.workspaceId(), id(id), id(vote));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/feedback/requests/{id}/comments")
	@Operation(summary = "The comments of a request")
	List<RequestComment> comments(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
		return requests.comments(client.workspaceId(), id(id));
	}

	@PostMapping("/api/v1/feedback/requests/{id}/comments")
	@Operation(summary = "Comment on a request")
	ResponseEntity<Void> comment(@AuthenticationPrincipal ApiClient client, @PathVariable String id,
			@RequestBody CommentBody body) {
		requests.comment(client.workspaceId(), id(id), body.author() == null ? "api" : body.author(), body.body());
		return ResponseEntity.status(HttpStatus.CREATED).build();
	}

	@GetMapping("/api/v1/feedback/request-statuses")
	@Operation(summary = "The board's statuses in order")
	List<RequestStatus> statuses(@AuthenticationPrincipal ApiClient client) {
		return requests.statuses(client.workspaceId());
	}

	@PostMapping("/api/v1/feedback/portal-links")
	@Operation(summary = "A signed portal link for a contact (the host app links its signed-in user to the portal)")
	Map<String, String> portalLink(@AuthenticationPrincipal ApiClient client, @RequestBody LinkBody body) {
		if (body == null || body.contact() == null) {
			throw new io.kizuna.shared.InvalidInputException("invalid link", List.of("contact: required"));
		}
		return Map.of("url", links.link(client.workspaceId(), body.contact(), body.language()));
	}

	@GetMapping("/api/v1/feedback/requests.csv")
	@Operation(summary = "Every request with its demand, as CSV")
	void exportApi(@AuthenticationPrincipal ApiClient client, HttpServletResponse response) throws IOException {
		export(requests, client.workspaceId(), response);
	}

	@GetMapping("/feedback/requests/export.csv")
	void exportPage(@AuthenticationPrincipal SignedInUser user, HttpServletResponse response) throws IOException {
		export(requests, user.user().workspaceId(), response);
	}

	static void export(FeatureRequests requests, WorkspaceId ws, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"feature-requests.csv\"");
		Writer out = response.getWriter();
		out.write('\uFEFF'); // Excel opens UTF-8 Japanese right only with a BOM
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("id", "title", "status",
				"category", "tags", "merged_into", "votes", "accounts", "arr_minor", "arr_at_risk_minor", "tiers",
				"top3_share", "reach", "impact", "confidence", "effort", "rice", "created_at", "description").get())) {
			long after = 0;
			while (true) {
				List<FeatureRequest> batch = requests.after(ws, after, 1000);
				for (FeatureRequest r : batch) {
					csv.printRecord(r.id(), SpreadsheetCells.neutralise(r.title()), r.status(), SpreadsheetCells.neutralise(r.category()),
							SpreadsheetCells.neutralise(String.join(" ", r.tags())), r.mergedInto(), r.demand().votes(),
							r.demand().accounts(), r.demand().arrMinor(), r.demand().arrAtRiskMinor(), r.demand().tiers(),
							r.demand().top3Share(), r.reach(), r.impact(), r.confidence(), r.effort(), r.demand().rice(),
							r.createdAt(), SpreadsheetCells.neutralise(r.description()));
				}
				if (batch.size() < 1000) {
					break;
				}
				after = batch.get(batch.size() - 1).id();
			}
		}
	}
}
