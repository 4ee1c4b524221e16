package io.kizuna.feedback.reviews;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;

import io.kizuna.feedback.Review;
import io.kizuna.feedback.ReviewDraft;
import io.kizuna.feedback.Reviews;
import io.kizuna.shared.SpreadsheetCells;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reviews over REST: list, store (one batch), reply, ratings by source and month, CSV export for posting back. */
@RestController
@Tag(name = "Reviews", description = "Reviews from G2, App Store, Google Play, ITreview…, replies, ratings by month")
class ReviewApiController {

	private final Reviews reviews;

	private final WorkspaceManagement workspaces;

	ReviewApiController(Reviews reviews, WorkspaceManagement workspaces) {
		this.reviews = reviews;
		this.workspaces = workspaces;
	}

	static long id(String value) {
		return ReviewPagesController.id(value);
	}

	record ReplyBody(String reply) {
	}

	@GetMapping("/api/v1/feedback/reviews")
	@Operation(summary = "Reviews newest first; negative=true for the queue of unanswered ratings of 2 or less")
	List<Review> listApi(@AuthenticationPrincipal ApiClient client, @RequestParam(required = false) String source,
			@RequestParam(defaultValue = "false") boolean negative, @RequestParam(defaultValue = "100") int limit,
			@RequestParam(defaultValue = "0") int offset) {
		return reviews.list(client.workspaceId(), source, negative, negative, null, limit, offset);
	}

	@PostMapping("/api/v1/feedback/reviews")
	@Operation(summary = "Store an array of up to 1000 reviews; the same source and id or URL again updates")
	ResponseEntity<List<Review>> createApi(@AuthenticationPrincipal ApiClient client,
			@RequestBody List<ReviewDraft> body) {
		List<Long> ids = reviews.saveAll(client.workspaceId(), body);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(ids.stream().map(i -> reviews.get(client.workspaceId(), i)).toList());
	}

	@GetMapping("/api/v1/feedback/reviews/{id}")
	@Operation(summary = "One review")
	Review getApi(@AuthenticationPrincipal ApiClient client, @PathVariable String id) {
		return reviews.get(client.workspaceId(), id(id));
	}

	@PutMapping("/api/v1/feedback/reviews/{id}/reply")
	@Operation(summary = "Keep a reply to a review (blank removes it)")
	Review replyApi(@AuthenticationPrincipal ApiClient client, @PathVariable String id, @RequestBody ReplyBody body) {
		return reviews.reply(client.workspaceId(), id(id), body == null ? null : body.reply(), "api");
	}

	@GetMapping("/api/v1/feedback/review-ratings")
	@Operation(summary = "The average rating by source and month over the last months (default 12)")
	List<io.kizuna.feedback.ReviewRating> ratingsApi(@AuthenticationPrincipal ApiClient client,
			@RequestParam(defaultValue = "12") int months) {
		return reviews.ratings(client.workspaceId(), LocalDate.now(workspaces.get(client.workspaceId()).timeZone()),
				months);
	}

	@GetMapping("/api/v1/feedback/reviews.csv")
	@Operation(summary = "Every review as CSV (replied=true: only those with a reply, to post back)")
	void exportApi(@AuthenticationPrincipal ApiClient client, @RequestParam(defaultValue = "false") boolean replied,
			HttpServletResponse response) throws IOException {
		export(reviews, client.workspaceId(), replied, response);
	}

	static void export(Reviews reviews, WorkspaceId ws, boolean repliedOnly, HttpServletResponse response) throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition",
				"attachment; filename=\"" + (repliedOnly ? "review-replies.csv" : "reviews.csv") + "\"");
		Writer out = response.getWriter();
		out.write('\uFEFF');
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("id", "source", "url", "rating",
				"date", "author", "title", "text", "language", "account_external_id", "reply", "replied_at",
				"replied_by").get())) {
			long after = 0;
			while (true) {
				List<Review> batch = reviews.after(ws, after, repliedOnly, 1000);
				for (Review r : batch) {
					csv.printRecord(r.id(), r.source(), SpreadsheetCells.neutralise(r.url()), r.rating(), r.reviewedOn(),
							SpreadsheetCells.neutralise(r.author()), SpreadsheetCells.neutralise(r.title()),
							SpreadsheetCells.neutralise(r.body()), r.language(), r.accountExternalId(),
							SpreadsheetCells.neutralise(r.reply()), r.repliedAt(), SpreadsheetCells.neutralise(r.repliedBy()));
				}
				if (batch.size() < 1000) {
					break;
				}
				after = batch.get(batch.size() - 1).id();
			}
		}
	}
}
