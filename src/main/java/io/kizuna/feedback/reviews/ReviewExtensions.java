package io.kizuna.feedback.reviews;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.feedback.NegativeReviewsReceived;
import io.kizuna.feedback.Review;
import io.kizuna.feedback.ReviewDraft;
import io.kizuna.feedback.Reviews;
import io.kizuna.feedback.VocSection;
import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportFile;
import io.kizuna.imports.ImportRow;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.playbooks.PlaybookManagement;
import io.kizuna.playbooks.PlaybookTrigger;
import io.kizuna.playbooks.TriggerHit;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.CustomerText;
import io.kizuna.text.CustomerTextSource;
import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Reviews' parts of other modules: pages and navigation, the {@code reviews} CSV import, the {@code review_negative}
 * playbook trigger, customer text, and the VoC overview's ratings by source and month.
 */
@Configuration(proxyBeanMethods = false)
class ReviewExtensions {

	static final String TRIGGER = "review_negative";

	@Bean
	WebPages reviewPages() {
		return new WebPages() {
			@Override
			public List<PageAccess> access() {
				return List.of(get(Roles.EVERYONE, "/feedback/reviews", "/feedback/reviews/replies.csv",
						"/feedback/reviews/{id:(?!replies\\.csv$).+}"),
						post(Roles.WORKERS, "/feedback/reviews", "/feedback/reviews/*/reply"));
			}

			@Override
			public List<NavigationEntry> navigation() {
				return List.of(new NavigationEntry("nav-feedback-reviews", "feedback.review.nav", "/feedback/reviews", 74,
						Roles.EVERYONE));
			}
		};
	}

	static final ImportColumns COLUMNS = new ImportColumns(List.of("source", "rating", "date"),
			Set.of("title", "text", "author", "author_email", "url", "language", "external_id", "account_external_id"),
			false);

	@Bean
	ImportTarget reviewImport(Reviews reviews, AccountManagement accounts) {
		return ImportTarget.of("reviews", 90, COLUMNS,
				List.of("itreview", "2", "2026-11-20", "ログインできない日が続いています", "二段階認証の後にログインできない。",
						"佐藤 花子", "hanako@example.co.jp", "https://www.itreview.jp/products/kizuna/reviews/1", "ja",
						"r-1", "acme"),
				file -> new ReviewRows(file, reviews, accounts));
	}

	/** Rows checked one by one (each bad one reported by its line), stored in batches of a thousand. */
	static final class ReviewRows implements RowHandler {

		private final ImportFile file;

		private final Reviews reviews;

		private final AccountManagement accounts;

		private final List<ReviewDraft> kept = new ArrayList<>();

		private final Map<String, Boolean> knownAccounts = new HashMap<>();

		ReviewRows(ImportFile file, Reviews reviews, AccountManagement accounts) {
			this.file = file;
			this.reviews = reviews;
			this.accounts = accounts;
		}

		@Override
		public void accept(ImportRow row) {
			BigDecimal rating;
			try {
				rating = new BigDecimal(row.required("rating").strip());
			}
			catch (NumberFormatException ex) {
				throw new InvalidInputException("rating: 1 to 5, in steps of 0.5");
			}
			ReviewDraft draft = Reviews.check(new ReviewDraft(row.required("source"), row.value("external_id"), rating,
					row.value("title"), row.value("text"), row.value("author"), row.value("author_email"),
					row.date("date"), row.value("url"), row.value("language"), row.value("account_external_id")));
			if (draft.accountExternalId() != null && !knownAccounts.computeIfAbsent(draft.accountExternalId(),
					id -> accounts.findAccount(file.workspaceId(), id).isPresent())) {
				throw new NotFoundException("account_external_id: no account " + draft.accountExternalId());
			}
			kept.add(draft);
			if (kept.size() >= Reviews.MAX_BATCH) {
				flush();
			}
		}

		@Override
		public void flush() {
			if (kept.isEmpty()) {
				return;
			}
			reviews.saveAll(file.workspaceId(), List.copyOf(kept));
			file.stored(kept.size(), 0);
			kept.clear();
		}
	}

	@Bean
	PlaybookTrigger reviewNegativeTrigger() {
		return new PlaybookTrigger() {
			@Override
			public String type() {
				return TRIGGER;
			}

			@Override
			public List<String> settings() {
				return List.of("source");
			}

			@Override
			public void validate(WorkspaceId workspace, Map<String, String> settings) {
				String source = settings.get("source");
				if (source != null && !source.isBlank() && !source.matches("[a-z][a-z0-9_]{0,39}")) {
					throw new InvalidInputException("invalid trigger",
							List.of("source: blank for every source, or a code such as g2, app_store, itreview"));
				}
			}
		};
	}

	/** New negative reviews of known accounts start the playbooks on {@code review_negative}, once per review. */
	@Component
	static class NegativeReviewRouting {

		private final Reviews reviews;

		private final PlaybookManagement playbooks;

		NegativeReviewRouting(Reviews reviews, PlaybookManagement playbooks) {
			this.reviews = reviews;
			this.playbooks = playbooks;
		}

		@ApplicationModuleListener
		void on(NegativeReviewsReceived event) {
			List<TriggerHit> hits = new ArrayList<>();
			for (Long id : event.reviewIds()) {
				Review review = reviews.get(event.workspace(), id);
				if (review.accountId() == null) {
					continue;
				}
				Map<String, Object> evidence = new LinkedHashMap<>();
				evidence.put("source", review.source());
				evidence.put("rating", review.rating().toPlainString());
				evidence.put("title", review.title() == null ? "" : review.title());
				evidence.put("review", "/feedback/reviews/" + review.id());
				hits.add(new TriggerHit(new AccountId(review.accountId()), "review-" + review.id(),
						Map.of("source", review.source(), "rating", review.rating().toPlainString()), evidence));
			}
			if (!hits.isEmpty()) {
				playbooks.fire(event.workspace(), TRIGGER, hits);
			}
		}
	}

	@Bean
	CustomerTextSource reviewTexts(Reviews reviews) {
		return new CustomerTextSource() {
			@Override
			public String source() {
				return "review";
			}

			@Override
			public void forEachBatch(WorkspaceId workspace, Consumer<List<CustomerText>> batch) {
				long after = 0;
				while (true) {
					List<Review> rows = reviews.after(workspace, after, false, 1000);
					if (rows.isEmpty()) {
						return;
					}
					batch.accept(rows.stream().map(r -> reviews.customerText(workspace, r)).toList());
					after = rows.get(rows.size() - 1).id();
				}
			}
		};
	}

	@Bean
	VocSection reviewRatingsSection(Reviews reviews, WorkspaceManagement workspaces) {
		return new VocSection() {
			@Override
			public int order() {
				return 40;
			}

			@Override
			public String template() {
				return "feedback/review-sections";
			}

			@Override
			public String fragment() {
				return "review-ratings";
			}

			@Override
			public Map<String, Object> model(WorkspaceId workspace, int months) {
				return ReviewRatingsModel.of(reviews, workspace,
						java.time.LocalDate.now(workspaces.get(workspace).timeZone()), months);
			}
		};
	}
}
