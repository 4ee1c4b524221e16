package io.kizuna.feedback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.feedback.reviews.ReviewStore;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.CustomerText;
import io.kizuna.text.CustomerTextsWritten;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reviews from public review sites (ADR 0108): imported from CSV or REST, linked to accounts where the author is a
 * known contact, answered from Kizuna (the reply kept and exported for posting back), averaged by source and month;
 * negative ones queued and handed to playbooks.
 */
@Service
public class Reviews {

	public static final BigDecimal NEGATIVE_AT_MOST = new BigDecimal("2");

	public static final int MAX_BATCH = 1000;

	/** The sources Kizuna names in both languages; any other lower-case code is kept and shown as "other (code)". */
	public static final List<String> SOURCES = List.of("g2", "app_store", "google_play", "itreview", "capterra",
			"trustradius", "boxil", "other");

	private final ReviewStore store;

	private final AccountManagement accounts;

	private final ApplicationEventPublisher events;

	Reviews(ReviewStore store, AccountManagement accounts, ApplicationEventPublisher events) {
		this.store = store;
		this.accounts = accounts;
		this.events = events;
	}

	public Review get(WorkspaceId ws, long id) {
		return store.find(ws, id).orElseThrow(() -> new NotFoundException("No review " + id));
	}

	public List<Review> list(WorkspaceId ws, String source, boolean negativeOnly, boolean unrepliedOnly, Long accountId,
			int limit, int offset) {
		return store.list(ws, source == null || source.isBlank() ? null : source.strip(), negativeOnly, unrepliedOnly,
				accountId, NEGATIVE_AT_MOST, Math.max(1, Math.min(limit, 500)), Math.max(0, Math.min(offset, 1_000_000)));
	}

	public List<Review> after(WorkspaceId ws, long after, boolean repliedOnly, int limit) {
		return store.after(ws, after, repliedOnly, Math.max(1, Math.min(limit, 5000)));
	}

	public List<String> sources(WorkspaceId ws) {
		return store.sources(ws);
	}

	/** The average rating by source and month over the last {@code months} months (this one included). */
	public List<ReviewRating> ratings(WorkspaceId ws, LocalDate today, int months) {
		int m = Math.max(1, Math.min(months, 60));
		return store.ratings(ws, today.withDayOfMonth(1).minusMonths(m - 1L));
	}

	/** Stores one review (the same source and id or URL again updates it). */
	@Transactional
	public Review save(WorkspaceId ws, ReviewDraft draft) {
		return get(ws, saveAll(ws, List.of(draft)).get(0));
	}

	/**
	 * Stores a batch of checked reviews in one transaction, links their authors to accounts, then publishes one
	 * {@link CustomerTextsWritten} and, for the new negative ones, one {@link NegativeReviewsReceived}.
	 */
	@Transactional
	public List<Long> saveAll(WorkspaceId ws, List<ReviewDraft> drafts) {
		if (drafts.size() > MAX_BATCH) {
			throw new InvalidInputException("at most " + MAX_BATCH + " reviews at once");
		}
		List<Long> ids = new ArrayList<>();
		List<Long> freshNegative = new ArrayList<>();
		for (ReviewDraft raw : drafts) {
			ReviewDraft d = check(raw);
			Long accountId = d.accountExternalId() == null ? null : accounts.account(ws, d.accountExternalId()).id();
			ReviewStore.Stored stored = store.upsert(ws, d.source(), key(d), d.rating(), d.title(), d.body(), d.author(),
					d.authorEmail(), d.reviewedOn(), d.url(), d.language(), accountId);
			ids.add(stored.id());
			if (stored.fresh() && d.rating().compareTo(NEGATIVE_AT_MOST) <= 0) {
				freshNegative.add(stored.id());
			}
		}
		if (ids.isEmpty()) {
			return ids;
		}
		store.link(ws, ids);
		List<Review> saved = store.byIds(ws, ids);
		events.publishEvent(new CustomerTextsWritten(ws, saved.stream().map(r -> customerText(ws, r)).toList()));
		if (!freshNegative.isEmpty()) {
			events.publishEvent(new NegativeReviewsReceived(ws, freshNegative));
		}
		return ids;
	}

	/** Keeps a reply written in Kizuna (blank removes it); it is posted back from the export. */
	@Transactional
	public Review reply(WorkspaceId ws, long id, String reply, String by) {
		Review review = get(ws, id);
		if (reply != null && reply.length() > 5000) {
			throw new InvalidInputException("invalid reply", List.of("reply: at most 5000 characters"));
		}
		store.reply(ws, review.id(), reply == null || reply.isBlank() ? null : reply.strip(), by);
		return get(ws, id);
	}

	/** A review as text analytics reads it. */
	public CustomerText customerText(WorkspaceId ws, Review review) {
		String text = review.title() == null || review.title().isBlank() ? review.body()
				: review.title() + "\n" + review.body();
		return new CustomerText(ws, "review", Long.toString(review.id()),
				review.accountId() == null ? null : new io.kizuna.shared.AccountId(review.accountId()), text,
				review.reviewedOn().atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), "/feedback/reviews/" + review.id());
	}

	/** Checks and cleans one review; the first problem found names its field. */
	public static ReviewDraft check(ReviewDraft d) {
		List<String> errors = new ArrayList<>();
		String source = d.source() == null ? "" : d.source().strip().toLowerCase(Locale.ROOT).replace(' ', '_')
			.replace('-', '_');
		if (!source.matches("[a-z][a-z0-9_]{0,39}")) {
			errors.add("source: a code such as g2, app_store, google_play, itreview");
		}
		BigDecimal rating = d.rating();
		if (rating == null || rating.compareTo(BigDecimal.ONE) < 0 || rating.compareTo(new BigDecimal("5")) > 0
				|| rating.multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
			errors.add("rating: 1 to 5, in steps of 0.5");
		}
		String body = d.body() == null ? "" : d.body().strip();
		String title = blankToNull(d.title());
		if (body.isEmpty() && title == null) {
			errors.add("text: a title or a text is required");
		}
		if (body.length() > 20_000 || (title != null && title.length() > 300)) {
			errors.add("text: title at most 300 characters, text at most 20000");
		}
		if (d.reviewedOn() == null) {
			errors.add("date: required");
		}
		else if (d.reviewedOn().isAfter(LocalDate.now().plusDays(1)) || d.reviewedOn().getYear() < 1990) {
			errors.add("date: not in the future, not before 1990");
		}
		String url = blankToNull(d.url());
		if (url != null && (url.length() > 2000 || !(url.startsWith("https://") || url.startsWith("http://")))) {
			errors.add("url: an http(s) address of at most 2000 characters");
		}
		String author = blankToNull(d.author());
		String email = blankToNull(d.authorEmail());
		if ((author != null && author.length() > 200) || (email != null && (email.length() > 320 || !email.contains("@")))) {
			errors.add("author: a name of at most 200 characters, an email address");
		}
		String language = blankToNull(d.language());
		if (language != null && !language.equals("ja") && !language.equals("en")) {
			errors.add("language: ja or en");
		}
		String externalId = blankToNull(d.externalId());
		if (externalId != null && externalId.length() > 200) {
			errors.add("external_id: at most 200 characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid review", errors);
		}
		if (language == null) {
			language = (title == null ? "" : title).concat(body).codePoints().anyMatch(Reviews::japanese) ? "ja" : "en";
		}
		return new ReviewDraft(source, externalId, rating.setScale(1, RoundingMode.UNNECESSARY), title, body, author,
				email, d.reviewedOn(), url, language, blankToNull(d.accountExternalId()));
	}

	private static boolean japanese(int c) {
		Character.UnicodeScript script = Character.UnicodeScript.of(c);
		return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA
				|| script == Character.UnicodeScript.HAN;
	}

	/** What makes a review the same one again: the source's id, else its URL, else a hash of who, when and what. */
	static String key(ReviewDraft d) {
		if (d.externalId() != null) {
			return "id:" + d.externalId();
		}
		if (d.url() != null) {
			return "url:" + d.url();
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest((d.author() + "\n" + d.reviewedOn() + "\n"
					+ d.title() + "\n" + d.body()).getBytes(StandardCharsets.UTF_8));
			return "sha:" + HexFormat.of().formatHex(hash, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
