package io.kizuna.knowledge;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Categories, articles, their translations and versions, and the change log: the knowledge module's tables. */
@Repository
class Articles {

	private static final RowMapper<Category> CATEGORY = (rs, n) -> new Category(rs.getLong("category_id"),
			(Long) rs.getObject("parent_id"), rs.getString("name_ja"), rs.getString("name_en"), rs.getInt("position"));

	private static final RowMapper<Translation> TRANSLATION = (rs, n) -> new Translation(rs.getString("language"),
			rs.getString("title"), rs.getString("slug"), rs.getString("description"), rs.getString("body"),
			rs.getInt("version"), instant(rs.getTimestamp("updated_at")), rs.getString("updated_by"));

	private static final RowMapper<ArticleVersion> VERSION = (rs, n) -> new ArticleVersion(rs.getString("language"),
			rs.getInt("version"), rs.getString("title"), rs.getString("body"), instant(rs.getTimestamp("saved_at")),
			rs.getString("saved_by"), rs.getString("note"));

	private static final String ARTICLE_COLUMNS = "article_id, category_id, visibility, status, tags, created_at, "
			+ "updated_at, published_at";

	private final JdbcClient jdbc;

	Articles(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	// categories

	List<Category> categories(WorkspaceId workspace) {
		return jdbc.sql("""
				select category_id, parent_id, name_ja, name_en, position from knowledge_category
				where workspace_id = ? order by position, category_id""").params(workspace.value()).query(CATEGORY).list();
	}

	Optional<Category> category(WorkspaceId workspace, long id) {
		return jdbc.sql("""
				select category_id, parent_id, name_ja, name_en, position from knowledge_category
				where workspace_id = ? and category_id = ?""").params(workspace.value(), id).query(CATEGORY).optional();
	}

	long insertCategory(WorkspaceId workspace, CategoryDraft draft) {
		return jdbc.sql("""
				insert into knowledge_category (workspace_id, parent_id, name_ja, name_en, position)
				values (?, ?, ?, ?, ?) returning category_id""")
			.params(workspace.value(), draft.parentId(), draft.nameJa(), draft.nameEn(),
					draft.position() == null ? 0 : draft.position())
			.query(Long.class).single();
	}

	void updateCategory(WorkspaceId workspace, long id, CategoryDraft draft) {
		jdbc.sql("""
				update knowledge_category set parent_id = ?, name_ja = ?, name_en = ?, position = ?
				where workspace_id = ? and category_id = ?""")
			.params(draft.parentId(), draft.nameJa(), draft.nameEn(), draft.position() == null ? 0 : draft.position(),
					workspace.value(), id)
			.update();
	}

	boolean categoryInUse(WorkspaceId workspace, long id) {
		return jdbc.sql("""
				select exists (select 1 from knowledge_article where workspace_id = ? and category_id = ?)
				    or exists (select 1 from knowledge_category where workspace_id = ? and parent_id = ?)""")
			.params(workspace.value(), id, workspace.value(), id).query(Boolean.class).single();
	}

	void deleteCategory(WorkspaceId workspace, long id) {
		jdbc.sql("delete from knowledge_category where workspace_id = ? and category_id = ?")
			.params(workspace.value(), id).update();
	}

	// articles

	private Article article(ResultSet rs, Map<String, Translation> translations) throws SQLException {
		Array tags = rs.getArray("tags");
		return new Article(rs.getLong("article_id"), (Long) rs.getObject("category_id"), rs.getString("visibility"),
				rs.getString("status"), tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
				instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
				instant(rs.getTimestamp("published_at")), translations);
	}

	Optional<Article> find(WorkspaceId workspace, long id) {
		Map<String, Translation> translations = new LinkedHashMap<>();
		jdbc.sql("""
				select language, title, slug, description, body, version, updated_at, updated_by
				from knowledge_translation where workspace_id = ? and article_id = ? order by language desc""")
			.params(workspace.value(), id).query(TRANSLATION).list()
			.forEach(t -> translations.put(t.language(), t));
		return jdbc.sql("select " + ARTICLE_COLUMNS + " from knowledge_article where workspace_id = ? and article_id = ?")
			.params(workspace.value(), id).query((rs, n) -> article(rs, translations)).optional();
	}

	Optional<Long> idBySlug(WorkspaceId workspace, String slug) {
		return jdbc.sql("""
				select article_id from knowledge_translation where workspace_id = ? and slug = ?
				order by article_id limit 1""").params(workspace.value(), slug).query(Long.class).optional();
	}

	/** Articles with their translations, newest change first, filtered when the arguments are set. */
	List<Article> list(WorkspaceId workspace, String status, String visibility, Long category, String tag, int limit,
			int offset) {
		List<Article> articles = new ArrayList<>();
		Map<Long, Map<String, Translation>> byArticle = new LinkedHashMap<>();
		jdbc.sql("""
				select a.article_id, a.category_id, a.visibility, a.status, a.tags, a.created_at, a.updated_at,
				       a.published_at, t.language, t.title, t.slug, t.description, t.body, t.version,
				       t.updated_at as t_updated_at, t.updated_by
				from (select * from knowledge_article
				      where workspace_id = :ws and (cast(:status as text) is null or status = :status)
				        and (cast(:visibility as text) is null or visibility = :visibility)
				        and (cast(:category as bigint) is null or category_id = :category)
				        and (cast(:tag as text) is null or :tag = any (tags))
				      order by updated_at desc, article_id desc limit :limit offset :offset) a
				left join knowledge_translation t on t.workspace_id = a.workspace_id and t.article_id = a.article_id
				order by a.updated_at desc, a.article_id desc, t.language desc""")
			.param("ws", workspace.value()).param("status", status).param("visibility", visibility)
			.param("category", category).param("tag", tag).param("limit", limit).param("offset", offset)
			.query(rs -> {
				long id = rs.getLong("article_id");
				Map<String, Translation> translations = byArticle.get(id);
				if (translations == null) {
					translations = new LinkedHashMap<>();
					byArticle.put(id, translations);
					articles.add(article(rs, Map.of()));
				}
				if (rs.getString("language") != null) {
					translations.put(rs.getString("language"), new Translation(rs.getString("language"),
							rs.getString("title"), rs.getString("slug"), rs.getString("description"),
							rs.getString("body"), rs.getInt("version"), instant(rs.getTimestamp("t_updated_at")),
							rs.getString("updated_by")));
				}
			});
		return articles.stream().map(a -> new Article(a.id(), a.categoryId(), a.visibility(), a.status(), a.tags(),
				a.createdAt(), a.updatedAt(), a.publishedAt(), byArticle.get(a.id()))).toList();
	}

	long count(WorkspaceId workspace) {
		return jdbc.sql("select count(*) from knowledge_article where workspace_id = ?").params(workspace.value())
			.query(Long.class).single();
	}

	long insert(WorkspaceId workspace, ArticleDraft draft) {
		return jdbc.sql("""
				insert into knowledge_article (workspace_id, category_id, visibility, tags)
				values (?, ?, ?, ?) returning article_id""")
			.params(workspace.value(), draft.categoryId(), draft.visibility(), draft.tags().toArray(String[]::new))
			.query(Long.class).single();
	}

	void update(WorkspaceId workspace, long id, ArticleDraft draft) {
		jdbc.sql("""
				update knowledge_article set category_id = ?, visibility = ?, tags = ?, updated_at = now()
				where workspace_id = ? and article_id = ?""")
			.params(draft.categoryId(), draft.visibility(), draft.tags().toArray(String[]::new), workspace.value(), id)
			.update();
	}

	void status(WorkspaceId workspace, long id, String status) {
		jdbc.sql("""
				update knowledge_article set status = ?, updated_at = now(),
				    published_at = case when ? = 'published' then coalesce(published_at, now()) else published_at end
				where workspace_id = ? and article_id = ?""").params(status, status, workspace.value(), id).update();
	}

	void delete(WorkspaceId workspace, long id) {
		jdbc.sql("delete from knowledge_article where workspace_id = ? and article_id = ?")
			.params(workspace.value(), id).update();
	}

	/** Saves a language version as its next version and keeps the version in the history; answers the version. */
	int saveTranslation(WorkspaceId workspace, long id, String language, TranslationDraft draft, String actor,
			String note) {
		int version = jdbc.sql("""
				insert into knowledge_translation
				    (workspace_id, article_id, language, title, slug, description, body, version, updated_by)
				values (?, ?, ?, ?, ?, ?, ?, 1, ?)
				on conflict (workspace_id, article_id, language) do update set title = excluded.title,
				    slug = excluded.slug, description = excluded.description, body = excluded.body,
				    version = knowledge_translation.version + 1, updated_at = now(), updated_by = excluded.updated_by
				returning version""")
			.params(workspace.value(), id, language, draft.title(), draft.slug(), draft.description(), draft.body(), actor)
			.query(Integer.class).single();
		jdbc.sql("""
				insert into knowledge_version (workspace_id, article_id, language, version, title, body, saved_by, note)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(workspace.value(), id, language, version, draft.title(), draft.body(), actor, note).update();
		jdbc.sql("update knowledge_article set updated_at = now() where workspace_id = ? and article_id = ?")
			.params(workspace.value(), id).update();
		return version;
	}

	void deleteTranslation(WorkspaceId workspace, long id, String language) {
		jdbc.sql("delete from knowledge_translation where workspace_id = ? and article_id = ? and language = ?")
			.params(workspace.value(), id, language).update();
	}

	List<ArticleVersion> versions(WorkspaceId workspace, long id, String language) {
		return jdbc.sql("""
				select language, version, title, body, saved_at, saved_by, note from knowledge_version
				where workspace_id = ? and article_id = ? and language = ? order by version desc""")
			.params(workspace.value(), id, language).query(VERSION).list();
	}

	Optional<ArticleVersion> version(WorkspaceId workspace, long id, String language, int version) {
		return jdbc.sql("""
				select language, version, title, body, saved_at, saved_by, note from knowledge_version
				where workspace_id = ? and article_id = ? and language = ? and version = ?""")
			.params(workspace.value(), id, language, version).query(VERSION).optional();
	}

	/**
	 * Published articles of the same category or sharing a tag, the most tags in common first, with their titles in
	 * one statement. The candidates are bounded (the newest 200 sharing a tag, the newest 50 of the category), so a
	 * large category is not sorted whole for five links.
	 */
	List<RelatedArticle> related(WorkspaceId workspace, Article article, boolean publicOnly, String language, int limit) {
		return jdbc.sql("""
				with candidates as (
				    (select article_id, tags, category_id, updated_at from knowledge_article
				     where workspace_id = :ws and article_id <> :id and status = 'published'
				       and (visibility = 'public' or not :public) and tags && cast(:tags as text[])
				     order by updated_at desc limit 200)
				    union
				    (select article_id, tags, category_id, updated_at from knowledge_article
				     where workspace_id = :ws and article_id <> :id and status = 'published'
				       and (visibility = 'public' or not :public) and category_id = :category
				     order by updated_at desc limit 50))
				select c.article_id, t.title from candidates c
				cross join lateral (select title from knowledge_translation t
				    where t.workspace_id = :ws and t.article_id = c.article_id
				    order by (t.language = :language) desc limit 1) t
				order by cardinality(array(select unnest(c.tags) intersect select unnest(cast(:tags as text[])))) desc,
				         (c.category_id = :category) desc nulls last, c.updated_at desc
				limit :limit""")
			.param("ws", workspace.value()).param("id", article.id()).param("public", publicOnly)
			.param("tags", article.tags().toArray(String[]::new)).param("category", article.categoryId())
			.param("language", language).param("limit", limit)
			.query((rs, n) -> new RelatedArticle(rs.getLong(1), rs.getString(2))).list();
	}

	// the change log

	void changed(WorkspaceId workspace, long article) {
		jdbc.sql("insert into knowledge_change (workspace_id, article_id) values (?, ?)")
			.params(workspace.value(), article).update();
	}

	record Change(long changeId, long workspaceId, long articleId) {
	}

	private static final RowMapper<Change> CHANGE = (rs, n) -> new Change(rs.getLong(1), rs.getLong(2), rs.getLong(3));

	/** The changes after {@code after}, in order. */
	List<Change> changesSince(long after, int limit) {
		return jdbc.sql("""
				select change_id, workspace_id, article_id from knowledge_change
				where change_id > ? order by change_id limit ?""").params(after, limit).query(CHANGE).list();
	}

	/**
	 * The changes up to {@code upTo} of the last 30 seconds: a transaction that committed later than a newer one
	 * holds a lower id, so a node looks back that far for ids it has not seen (ADR 0098).
	 */
	List<Change> recentUpTo(long upTo) {
		return jdbc.sql("""
				select change_id, workspace_id, article_id from knowledge_change
				where change_id <= ? and changed_at > now() - interval '30 seconds' order by change_id""")
			.params(upTo).query(CHANGE).list();
	}

	/** Notes how far this node's index has applied the log (its heartbeat for pruning, ADR 0122). */
	void nodeApplied(String node, long applied) {
		jdbc.sql("""
				insert into knowledge_index_node (node_id, applied) values (?, ?)
				on conflict (node_id) do update set applied = excluded.applied, seen_at = now()""")
			.params(node, applied).update();
	}

	void nodeLeft(String node) {
		jdbc.sql("delete from knowledge_index_node where node_id = ?").params(node).update();
	}

	/** The highest change id pruned: an index that applied less than this missed changes and must be rebuilt. */
	long prunedThrough() {
		return jdbc.sql("select pruned_through from knowledge_change_pruned").query(Long.class).optional().orElse(0L);
	}

	/**
	 * Deletes the changes every node seen within {@code live} has applied, never the newest one (the staleness check
	 * compares with it) nor those younger than {@code keep} (the look-back for late commits); nodes not seen within
	 * {@code live} are forgotten and rebuild when they come back. One statement under a row lock on the horizon, so
	 * two nodes pruning at once do not interleave. Answers the changes deleted.
	 */
	@org.springframework.transaction.annotation.Transactional
	int prune(java.time.Duration live, java.time.Duration keep) {
		jdbc.sql("delete from knowledge_index_node where seen_at < now() - ?::interval")
			.params(live.toSeconds() + " seconds").update();
		Long through = jdbc.sql("""
				select least((select min(applied) from knowledge_index_node),
				             (select max(change_id) - 1 from knowledge_change),
				             (select coalesce(max(change_id), 0) from knowledge_change
				              where changed_at < now() - ?::interval))""")
			.params(keep.toSeconds() + " seconds").query(Long.class).optional().orElse(null);
		if (through == null) {
			return 0;
		}
		long horizon = jdbc.sql("select pruned_through from knowledge_change_pruned for update").query(Long.class)
			.single();
		if (through <= horizon) {
			return 0;
		}
		int deleted = jdbc.sql("delete from knowledge_change where change_id <= ?").params(through).update();
		jdbc.sql("update knowledge_change_pruned set pruned_through = ?, pruned_at = now()").params(through).update();
		return deleted;
	}

	long changeCount() {
		return jdbc.sql("select count(*) from knowledge_change").query(Long.class).single();
	}

	long lastChange() {
		return jdbc.sql("select coalesce(max(change_id), 0) from knowledge_change").query(Long.class).single();
	}

	/** The index entries of one article: its translations when published, else none. */
	List<SearchIndex.Entry> entries(long workspace, long article) {
		return jdbc.sql("""
				select t.language, t.title, t.body, a.visibility, a.updated_at from knowledge_article a
				join knowledge_translation t on t.workspace_id = a.workspace_id and t.article_id = a.article_id
				where a.workspace_id = ? and a.article_id = ? and a.status = 'published'""")
			.params(workspace, article)
			.query((rs, n) -> new SearchIndex.Entry(workspace, article, rs.getString(1), rs.getString(2),
					Markdown.plainText(rs.getString(3)), "public".equals(rs.getString(4)),
					rs.getTimestamp(5).getTime()))
			.list();
	}

	/** Every published translation of every workspace, article by article, for a full rebuild. */
	void everyEntry(Consumer<SearchIndex.Entry> entries) {
		jdbc.sql("""
				select a.workspace_id, a.article_id, t.language, t.title, t.body, a.visibility, a.updated_at
				from knowledge_article a
				join knowledge_translation t on t.workspace_id = a.workspace_id and t.article_id = a.article_id
				where a.status = 'published' order by a.workspace_id, a.article_id""")
			.withFetchSize(500)
			.query(rs -> {
				entries.accept(new SearchIndex.Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
						Markdown.plainText(rs.getString(5)), "public".equals(rs.getString(6)), rs.getTimestamp(7).getTime()));
			});
	}

	long publishedTranslations() {
		return jdbc.sql("""
				select count(*) from knowledge_article a join knowledge_translation t
				on t.workspace_id = a.workspace_id and t.article_id = a.article_id where a.status = 'published'""")
			.query(Long.class).single();
	}
}
