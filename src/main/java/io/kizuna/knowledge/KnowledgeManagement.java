package io.kizuna.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.PublicVisit;
import io.kizuna.shared.WorkspaceId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base: categories and sections, articles with a ja and an en version, their version history (diff,
 * revert), publishing, the help center's reads, one search for the portal, agents and the API, and what searches and
 * visits say (analytics). Every change is noted in the change log the search index of each node follows.
 */
@Service
public class KnowledgeManagement {

	public static final Set<String> LANGUAGES = Set.of("ja", "en");

	public static final Set<String> STATUSES = Set.of("draft", "published", "archived");

	public static final Set<String> VISIBILITIES = Set.of("public", "internal");

	public static final List<String> REASONS = List.of("solved", "clear", "unclear", "outdated", "incomplete",
			"not_my_problem", "other");

	static final int MAX_BODY = 200_000;

	/** A help-center session is deflected when no ticket from its visitor follows within this many days. */
	public static final int DEFLECTION_DAYS = 7;

	private final Articles articles;

	private final SearchLog log;

	private final KnowledgeIndex index;

	KnowledgeManagement(Articles articles, SearchLog log, KnowledgeIndex index) {
		this.articles = articles;
		this.log = log;
		this.index = index;
	}

	// categories

	public List<Category> categories(WorkspaceId workspace) {
		return articles.categories(workspace);
	}

	@Transactional
	public Category createCategory(WorkspaceId workspace, CategoryDraft draft) {
		long id = articles.insertCategory(workspace, checked(workspace, draft, null));
		return articles.category(workspace, id).orElseThrow();
	}

	@Transactional
	public Category updateCategory(WorkspaceId workspace, long id, CategoryDraft draft) {
		category(workspace, id);
		articles.updateCategory(workspace, id, checked(workspace, draft, id));
		return articles.category(workspace, id).orElseThrow();
	}

	@Transactional
	public void deleteCategory(WorkspaceId workspace, long id) {
		category(workspace, id);
		if (articles.categoryInUse(workspace, id)) {
			throw new ConflictException("The category still holds articles or sections; move them first.");
		}
		articles.deleteCategory(workspace, id);
	}

	public Category category(WorkspaceId workspace, long id) {
		return articles.category(workspace, id).orElseThrow(() -> new NotFoundException("No category " + id));
	}

	private CategoryDraft checked(WorkspaceId workspace, CategoryDraft draft, Long self) {
		List<String> errors = new ArrayList<>();
		String ja = blankToNull(draft.nameJa());
		String en = blankToNull(draft.nameEn());
		if (ja == null && en == null) {
			errors.add("name: a Japanese or an English name is needed");
		}
		if (ja != null && ja.length() > 100 || en != null && en.length() > 100) {
			errors.add("name: at most 100 characters");
		}
		if (draft.parentId() != null) {
			Optional<Category> parent = articles.category(workspace, draft.parentId());
			if (parent.isEmpty() || draft.parentId().equals(self) || parent.get().parentId() != null) {
				errors.add("parentId: not a top-level category of this workspace");
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The category is not valid.", errors);
		}
		return new CategoryDraft(draft.parentId(), ja, en, draft.position());
	}

	// articles

	public List<Article> list(WorkspaceId workspace, String status, String visibility, Long category, String tag,
			int limit, int offset) {
		if (status != null && !STATUSES.contains(status) || visibility != null && !VISIBILITIES.contains(visibility)) {
			throw new InvalidInputException("status is draft, published or archived; visibility public or internal.");
		}
		return articles.list(workspace, status, visibility, category, tag, Math.max(1, Math.min(limit, 500)),
				Math.max(0, offset));
	}

	public long count(WorkspaceId workspace) {
		return articles.count(workspace);
	}

	public Article get(WorkspaceId workspace, long id) {
		return articles.find(workspace, id).orElseThrow(() -> new NotFoundException("No article " + id));
	}

	/** The article an address names: by its id, or by the slug of one of its translations. */
	public Article find(WorkspaceId workspace, String idOrSlug) {
		if (idOrSlug != null && idOrSlug.matches("\\d{1,18}")) {
			return get(workspace, Long.parseLong(idOrSlug));
		}
		if (idOrSlug == null || !idOrSlug.matches("[a-z0-9][a-z0-9-]{0,79}")) {
			throw new NotFoundException("No article " + idOrSlug);
		}
		return articles.idBySlug(workspace, idOrSlug).map(id -> get(workspace, id))
			.orElseThrow(() -> new NotFoundException("No article " + idOrSlug));
	}

	/** A new draft article with its first language version. */
	@Transactional
	public Article create(WorkspaceId workspace, ArticleDraft draft, String language, TranslationDraft text,
			String actor) {
		ArticleDraft settings = checked(workspace, draft);
		TranslationDraft checked = checked(language, text);
		long id = articles.insert(workspace, settings);
		articles.saveTranslation(workspace, id, language, checked, actor, null);
		articles.changed(workspace, id);
		return get(workspace, id);
	}

	@Transactional
	public Article update(WorkspaceId workspace, long id, ArticleDraft draft) {
		get(workspace, id);
		articles.update(workspace, id, checked(workspace, draft));
		articles.changed(workspace, id);
		return get(workspace, id);
	}

	/** Saves a language version (the translation of the other, when that exists) as its next version. */
	@Transactional
	public Article saveTranslation(WorkspaceId workspace, long id, String language, TranslationDraft text,
			String actor) {
		get(workspace, id);
		articles.saveTranslation(workspace, id, language, checked(language, text), actor, null);
		articles.changed(workspace, id);
		return get(workspace, id);
	}

	@Transactional
	public Article deleteTranslation(WorkspaceId workspace, long id, String language) {
		Article article = get(workspace, id);
		if (!article.translations().containsKey(language)) {
			throw new NotFoundException("No " + language + " version of article " + id);
		}
		if (article.translations().size() == 1) {
			throw new ConflictException("An article keeps at least one language; archive or delete it instead.");
		}
		articles.deleteTranslation(workspace, id, language);
		articles.changed(workspace, id);
		return get(workspace, id);
	}

	@Transactional
	public Article setStatus(WorkspaceId workspace, long id, String status) {
		if (status == null || !STATUSES.contains(status)) {
			throw new InvalidInputException("status: draft, published or archived");
		}
		get(workspace, id);
		articles.status(workspace, id, status);
		articles.changed(workspace, id);
		return get(workspace, id);
	}

	@Transactional
	public void delete(WorkspaceId workspace, long id) {
		get(workspace, id);
		articles.delete(workspace, id);
		articles.changed(workspace, id);
	}

	/** Makes this node's index hold every change so far (after a write, so the writer finds what it wrote). */
	public void refreshIndex() {
		index.catchUp();
	}

	public List<ArticleVersion> versions(WorkspaceId workspace, long id, String language) {
		get(workspace, id);
		return articles.versions(workspace, id, language(language));
	}

	public ArticleVersion version(WorkspaceId workspace, long id, String language, int version) {
		return articles.version(workspace, id, language(language), version)
			.orElseThrow(() -> new NotFoundException("No version " + version + " of article " + id));
	}

	/** The line diff of the title and body between two versions (java-diff-utils). */
	public VersionDiff diff(WorkspaceId workspace, long id, String language, int from, int to) {
		ArticleVersion a = version(workspace, id, language, from);
		ArticleVersion b = version(workspace, id, language, to);
		List<String> before = lines(a);
		List<String> after = lines(b);
		Patch<String> patch = DiffUtils.diff(before, after);
		List<VersionDiff.Line> lines = new ArrayList<>();
		int at = 0;
		for (AbstractDelta<String> delta : patch.getDeltas()) {
			for (; at < delta.getSource().getPosition(); at++) {
				lines.add(new VersionDiff.Line("same", before.get(at)));
			}
			delta.getSource().getLines().forEach(line -> lines.add(new VersionDiff.Line("removed", line)));
			delta.getTarget().getLines().forEach(line -> lines.add(new VersionDiff.Line("added", line)));
			at = delta.getSource().getPosition() + delta.getSource().size();
		}
		for (; at < before.size(); at++) {
			lines.add(new VersionDiff.Line("same", before.get(at)));
		}
		return new VersionDiff(language, from, to, lines);
	}

	private static List<String> lines(ArticleVersion version) {
		List<String> lines = new ArrayList<>();
		lines.add("# " + version.title());
		lines.addAll(version.body().lines().toList());
		return lines;
	}

	/** Saves an old version's title and body as the newest version (the history keeps everything). */
	@Transactional
	public Article revert(WorkspaceId workspace, long id, String language, int version, String actor) {
		ArticleVersion old = version(workspace, id, language, version);
		Translation current = get(workspace, id).translations().get(language);
		articles.saveTranslation(workspace, id, language, new TranslationDraft(old.title(),
				current == null ? null : current.slug(), current == null ? null : current.description(), old.body()),
				actor, "revert:" + version);
		articles.changed(workspace, id);
		return get(workspace, id);
	}

	// the help center

	/** A published public article as the help center shows it, in the language asked or else the other one. */
	public Optional<Article> published(WorkspaceId workspace, long id) {
		return articles.find(workspace, id).filter(a -> a.isPublished() && a.isPublic());
	}

	public List<Article> publishedInCategory(WorkspaceId workspace, Long category, int limit) {
		return articles.list(workspace, "published", "public", category, null, Math.min(limit, 500), 0);
	}

	/** Up to {@code limit} related published articles with their titles in {@code language} (or the other one). */
	public List<RelatedArticle> related(WorkspaceId workspace, Article article, boolean publicOnly, String language,
			int limit) {
		return articles.related(workspace, article, publicOnly, language, Math.max(1, Math.min(limit, 20)));
	}

	public static String html(String markdown) {
		return Markdown.html(markdown);
	}

	public static String summary(String markdown, int length) {
		return Markdown.summary(markdown, length);
	}

	/**
	 * A view of an article in the help center, counted for the day and the visit (null: not a browser's visit), in
	 * one transaction: one commit to wait for, not two.
	 */
	@Transactional
	public void viewed(WorkspaceId workspace, long article, ZoneId zone, PublicVisit visit) {
		log.view(workspace, article, LocalDate.now(zone), visit);
	}

	@Transactional
	public void rate(WorkspaceId workspace, long article, String language, Feedback feedback, PublicVisit visit) {
		if (published(workspace, article).isEmpty() && articles.find(workspace, article).isEmpty()) {
			throw new NotFoundException("No article " + article);
		}
		String reason = blankToNull(feedback.reason());
		if (reason != null && !REASONS.contains(reason)) {
			throw new InvalidInputException("reason: one of " + REASONS);
		}
		String comment = blankToNull(feedback.comment());
		if (comment != null && comment.length() > 1000) {
			throw new InvalidInputException("comment: at most 1,000 characters");
		}
		log.feedback(workspace, article, language(language), new Feedback(feedback.helpful(), reason, comment),
				visit);
	}

	// search

	/** Searches the workspace's articles (published; public ones only for the help center) and logs the search. */
	public SearchResults search(WorkspaceId workspace, String query, Audience audience, String session, int limit) {
		String valid = validSession(session);
		return search(workspace, query, audience, valid == null ? null : new PublicVisit(null, valid), limit);
	}

	/** A search in the public help center by a browser's visit (null: none), which sessions and deflection count. */
	public SearchResults searchHelpCenter(WorkspaceId workspace, String query, PublicVisit visit, int limit) {
		return search(workspace, query, Audience.PUBLIC, visit, limit);
	}

	private SearchResults search(WorkspaceId workspace, String query, Audience audience, PublicVisit visit, int limit) {
		String text = SearchIndex.clean(query);
		if (text.isBlank()) {
			return new SearchResults("", List.of(), null, 0);
		}
		SearchIndex.Found found = index.search(workspace.value(), text, audience.publicOnly(),
				Math.max(1, Math.min(limit, 50)));
		long id = log.search(workspace, visit, audience, text, found.hits().size());
		return new SearchResults(text, found.hits().stream()
			.map(hit -> new SearchResults.Hit(hit.articleId(), hit.language(), hit.title(), hit.snippet()))
			.toList(), found.didYouMean(), id);
	}

	public void clicked(WorkspaceId workspace, long search, long article) {
		log.click(workspace, search, article);
	}

	/**
	 * A ticket from the web form, with the visit it came from: the help-center sessions of that visitor in the
	 * {@code within} days before it did not deflect it.
	 */
	void ticketOpened(WorkspaceId workspace, long ticket, String session, String visitor, Instant openedAt) {
		log.ticket(workspace, ticket, validSession(session), PublicVisit.valid(visitor), openedAt);
	}

	public KnowledgeAnalytics analytics(WorkspaceId workspace, ZoneId zone, int days, String language) {
		return analytics(workspace, zone, days, DEFLECTION_DAYS, language);
	}

	/**
	 * Analytics over the last {@code days} days (1–366); a session counts as deflected when its visitor opened no
	 * ticket within {@code within} days (1–90) of its start.
	 */
	public KnowledgeAnalytics analytics(WorkspaceId workspace, ZoneId zone, int days, int within, String language) {
		if (within < 1 || within > 90) {
			throw new InvalidInputException("within: 1 to 90 days");
		}
		int period = Math.max(1, Math.min(days, 366));
		LocalDate today = LocalDate.now(zone);
		LocalDate first = today.minusDays(period - 1);
		Instant from = first.atStartOfDay(zone).toInstant();
		Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
		return new KnowledgeAnalytics(log.topQueries(workspace, from, to, 20), log.gaps(workspace, from, to, 20),
				log.queriesBeforeTickets(workspace, from, to, within, 20), log.articles(workspace, first, today, language, 20),
				within, log.sessions(workspace, first.withDayOfMonth(1).atStartOfDay(zone).toInstant(), to, zone, within));
	}

	/**
	 * Imports articles from a file (Markdown, HTML, or a CSV of title, body, category) as drafts in one language;
	 * a CSV category is found by its name in that language, or created. Answers the new articles' ids.
	 */
	@Transactional
	public List<Long> importFile(WorkspaceId workspace, String filename, String content, String language,
			String visibility, String actor) {
		language(language);
		List<Long> ids = new ArrayList<>();
		java.util.Map<String, Long> categories = new java.util.HashMap<>();
		for (Category category : categories(workspace)) {
			categories.putIfAbsent(category.name(language), category.id());
		}
		for (ArticleFiles.Imported file : ArticleFiles.read(filename, content == null ? "" : content)) {
			Long category = file.category() == null ? null : categories.computeIfAbsent(file.category(),
					name -> createCategory(workspace, "ja".equals(language) ? new CategoryDraft(null, name, null, null)
							: new CategoryDraft(null, null, name, null)).id());
			ids.add(create(workspace, new ArticleDraft(category, visibility, List.of()), language,
					new TranslationDraft(file.title(), null, null, file.body()), actor).id());
		}
		return ids;
	}

	/** Every article of the workspace with all its translations (for an export). */
	public List<Article> export(WorkspaceId workspace) {
		List<Article> all = new ArrayList<>();
		for (int offset = 0;; offset += 500) {
			List<Article> page = articles.list(workspace, null, null, null, null, 500, offset);
			all.addAll(page);
			if (page.size() < 500) {
				return all;
			}
		}
	}

	/** Rebuilds this node's index from PostgreSQL; answers the number of language versions indexed. */
	public long reindex(LongConsumer progress) {
		return index.rebuild(progress);
	}

	// checks

	private ArticleDraft checked(WorkspaceId workspace, ArticleDraft draft) {
		List<String> errors = new ArrayList<>();
		String visibility = draft.visibility() == null ? "public" : draft.visibility();
		if (!VISIBILITIES.contains(visibility)) {
			errors.add("visibility: public or internal");
		}
		if (draft.categoryId() != null && articles.category(workspace, draft.categoryId()).isEmpty()) {
			errors.add("categoryId: no such category in this workspace");
		}
		Set<String> tags = new LinkedHashSet<>();
		for (String tag : draft.tags() == null ? List.<String>of() : draft.tags()) {
			String t = tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT);
			if (t.isEmpty()) {
				continue;
			}
			if (t.length() > 40) {
				errors.add("tags: at most 40 characters each");
			}
			tags.add(t);
		}
		if (tags.size() > 20) {
			errors.add("tags: at most 20");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The article is not valid.", errors);
		}
		return new ArticleDraft(draft.categoryId(), visibility, List.copyOf(tags));
	}

	private static TranslationDraft checked(String language, TranslationDraft text) {
		language(language);
		List<String> errors = new ArrayList<>();
		String title = text.title() == null ? "" : text.title().strip();
		if (title.isEmpty() || title.length() > 200) {
			errors.add("title: 1 to 200 characters");
		}
		String slug = blankToNull(text.slug());
		if (slug != null && !slug.matches("[a-z0-9][a-z0-9-]{0,79}")) {
			errors.add("slug: lower-case letters, digits and dashes, at most 80 (optional)");
		}
		String description = blankToNull(text.description());
		if (description != null && description.length() > 300) {
			errors.add("description: at most 300 characters");
		}
		String body = text.body() == null ? "" : text.body();
		if (body.length() > MAX_BODY) {
			errors.add("body: at most 200,000 characters (this one has " + body.length() + ")");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("The article text is not valid.", errors);
		}
		return new TranslationDraft(title, slug, description, body);
	}

	static String language(String language) {
		if (language == null || !LANGUAGES.contains(language)) {
			throw new InvalidInputException("language: ja or en");
		}
		return language;
	}

	private static String validSession(String session) {
		return session != null && session.matches("[A-Za-z0-9_-]{8,64}") ? session : null;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	static Instant daysAgo(int days) {
		return Instant.now().minus(days, ChronoUnit.DAYS);
	}
}
