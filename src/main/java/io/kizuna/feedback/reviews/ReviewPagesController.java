package io.kizuna.feedback.reviews;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.feedback.Review;
import io.kizuna.feedback.ReviewDraft;
import io.kizuna.feedback.Reviews;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reviews in the app and over REST: the list (all, or the negative queue of unanswered low ratings), ratings by
 * source and month, one review with its reply, adding one by hand, and the replies as CSV for posting back.
 */
@Controller
class ReviewPagesController {

	private final Reviews reviews;

	private final WorkspaceManagement workspaces;

	ReviewPagesController(Reviews reviews, WorkspaceManagement workspaces) {
		this.reviews = reviews;
		this.workspaces = workspaces;
	}

	static long id(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new NotFoundException("No such object: " + value);
		}
	}

	private Workspace common(Model model, WorkspaceId ws) {
		Workspace workspace = workspaces.get(ws);
		model.addAttribute("zone", workspace.timeZone());
		model.addAttribute("knownSources", Reviews.SOURCES);
		return workspace;
	}

	@GetMapping("/feedback/reviews")
	String list(@AuthenticationPrincipal SignedInUser user, @RequestParam(required = false) String source,
			@RequestParam(required = false) String queue, @RequestParam(defaultValue = "0") int page, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		Workspace workspace = common(model, ws);
		boolean negative = "negative".equals(queue);
		int size = 50;
		int p = Math.max(0, Math.min(page, 10_000));
		List<Review> rows = reviews.list(ws, source, negative, negative, null, size + 1, p * size);
		model.addAttribute("reviews", rows.size() > size ? rows.subList(0, size) : rows);
		model.addAttribute("hasNext", rows.size() > size);
		model.addAttribute("page", p);
		model.addAttribute("source", source);
		model.addAttribute("queue", negative ? "negative" : null);
		model.addAttribute("sources", reviews.sources(ws));
		model.addAttribute("negativeCount", reviews.list(ws, null, true, true, null, 500, 0).size());
		model.addAttribute("section", ReviewRatingsModel.of(reviews, ws, LocalDate.now(workspace.timeZone()), 12));
		return "feedback/reviews";
	}

	@PostMapping("/feedback/reviews")
	String create(@AuthenticationPrincipal SignedInUser user, @RequestParam Map<String, String> form, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			Review review = reviews.save(ws, draft(form));
			return "redirect:/feedback/reviews/" + review.id() + "?saved=1";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex);
			model.addAttribute("form", form);
			return list(user, null, null, 0, model);
		}
		catch (NotFoundException ex) {
			model.addAttribute("error", new InvalidInputException("invalid review", List.of(ex.getMessage())));
			model.addAttribute("form", form);
			return list(user, null, null, 0, model);
		}
	}

	static ReviewDraft draft(Map<String, String> form) {
		BigDecimal rating;
		LocalDate day;
		try {
			rating = form.get("rating") == null || form.get("rating").isBlank() ? null : new BigDecimal(form.get("rating").strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("invalid review", List.of("rating: 1 to 5, in steps of 0.5"));
		}
		try {
			day = form.get("date") == null || form.get("date").isBlank() ? null : LocalDate.parse(form.get("date").strip());
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw new InvalidInputException("invalid review", List.of("date: a date such as 2026-11-20"));
		}
		return new ReviewDraft(form.get("source"), form.get("externalId"), rating, form.get("title"), form.get("text"),
				form.get("author"), form.get("authorEmail"), day, form.get("url"), form.get("language"),
				form.get("account"));
	}

	@GetMapping("/feedback/reviews/{id}")
	String show(@AuthenticationPrincipal SignedInUser user, @PathVariable String id, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		common(model, ws);
		model.addAttribute("review", reviews.get(ws, id(id)));
		return "feedback/review";
	}

	@PostMapping("/feedback/reviews/{id}/reply")
	String reply(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
			@RequestParam(defaultValue = "") String reply, Model model) {
		WorkspaceId ws = user.user().workspaceId();
		try {
			reviews.reply(ws, id(id), reply, user.user().displayName());
			return "redirect:/feedback/reviews/" + id(id) + "?replied=1";
		}
		catch (InvalidInputException ex) {
			model.addAttribute("error", ex);
			return show(user, id, model);
		}
	}

	@GetMapping("/feedback/reviews/replies.csv")
	void repliesPage(@AuthenticationPrincipal SignedInUser user, HttpServletResponse response) throws IOException {
		export(user.user().workspaceId(), true, response);
	}

	private void export(WorkspaceId ws, boolean repliedOnly, HttpServletResponse response) throws IOException {
		ReviewApiController.export(reviews, ws, repliedOnly, response);
	}
}
