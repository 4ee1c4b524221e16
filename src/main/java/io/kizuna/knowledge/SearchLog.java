package io.kizuna.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** What the help center and the search box record (searches, clicks, views, ratings, sessions) and its analytics. */
@Repository
class SearchLog {

	private final JdbcClient jdbc;

	SearchLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The search and the visitor's session in one transaction (one commit on the search's path, not two). */
	@Transactional
	long search(WorkspaceId workspace, String session, Audience audience, String query, int results) {
		if (session != null) {
			touch(workspace, session, 1, 0);
		}
		return jdbc.sql("""
				insert into knowledge_search (workspace_id, session_id, audience, query, results)
				values (?, ?, ?, ?, ?) returning search_id""")
			.params(workspace.value(), session, audience.name().toLowerCase(), query, results).query(Long.class).single();
	}

	void touch(WorkspaceId workspace, String session, int searches, int views) {
		jdbc.sql("""
				insert into knowledge_session (workspace_id, session_id, searches, views) values (?, ?, ?, ?)
				on conflict (workspace_id, session_id) do update set last_seen_at = now(),
				    searches = knowledge_session.searches + excluded.searches,
				    views = knowledge_session.views + excluded.views""")
			.params(workspace.value(), session, searches, views).update();
	}

	/** A click on a result of a search of this workspace; a search or article of another is ignored. */
	boolean click(WorkspaceId workspace, long search, long article) {
		return jdbc.sql("""
				insert into knowledge_click (workspace_id, search_id, article_id)
				select ?, s.search_id, a.article_id from knowledge_search s, knowledge_article a
				where s.workspace_id = ? and s.search_id = ? and a.workspace_id = ? and a.article_id = ?
				on conflict do nothing""")
			.params(workspace.value(), workspace.value(), search, workspace.value(), article).update() > 0;
	}

	void view(WorkspaceId workspace, long article, LocalDate day, String session) {
		jdbc.sql("""
				insert into knowledge_view (workspace_id, article_id, day, views) values (?, ?, ?, 1)
				on conflict (workspace_id, article_id, day) do update set views = knowledge_view.views + 1""")
			.params(workspace.value(), article, day).update();
		if (session != null) {
			touch(workspace, session, 0, 1);
		}
	}

	void feedback(WorkspaceId workspace, long article, String language, Feedback feedback, String session) {
		jdbc.sql("""
				insert into knowledge_feedback (workspace_id, article_id, language, helpful, reason, comment, session_id)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(workspace.value(), article, language, feedback.helpful(), feedback.reason(), feedback.comment(),
					session)
			.update();
	}

	List<KnowledgeAnalytics.QueryStats> topQueries(WorkspaceId workspace, Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select lower(s.query) as q, count(*) as searches,
				       count(*) filter (where exists (select 1 from knowledge_click c
				           where c.workspace_id = s.workspace_id and c.search_id = s.search_id)) as clicked
				from knowledge_search s where s.workspace_id = ? and s.searched_at >= ? and s.searched_at < ?
				group by lower(s.query) order by searches desc, clicked desc, q limit ?""")
			.params(workspace.value(), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to), limit)
			.query((rs, n) -> new KnowledgeAnalytics.QueryStats(rs.getString(1), rs.getLong(2), rs.getLong(3),
					rs.getLong(2) == 0 ? 0 : (double) rs.getLong(3) / rs.getLong(2)))
			.list();
	}

	List<KnowledgeAnalytics.Gap> gaps(WorkspaceId workspace, Instant from, Instant to, int limit) {
		return jdbc.sql("""
				select lower(query) as q, count(*), max(searched_at) from knowledge_search
				where workspace_id = ? and results = 0 and searched_at >= ? and searched_at < ?
				group by lower(query) order by count(*) desc, max(searched_at) desc limit ?""")
			.params(workspace.value(), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to), limit)
			.query((rs, n) -> new KnowledgeAnalytics.Gap(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
			.list();
	}

	/** Articles by views in the period, with their ratings; titles in the language asked (or the other). */
	List<KnowledgeAnalytics.ArticleStats> articles(WorkspaceId workspace, LocalDate from, LocalDate to,
			String language, int limit) {
		return jdbc.sql("""
				select a.article_id,
				       coalesce((select title from knowledge_translation t where t.workspace_id = a.workspace_id
				                 and t.article_id = a.article_id order by (t.language = ?) desc limit 1), '') as title,
				       coalesce((select sum(views) from knowledge_view v where v.workspace_id = a.workspace_id
				                 and v.article_id = a.article_id and v.day >= ? and v.day <= ?), 0) as views,
				       (select count(*) from knowledge_feedback f where f.workspace_id = a.workspace_id
				                 and f.article_id = a.article_id and f.helpful) as helpful,
				       (select count(*) from knowledge_feedback f where f.workspace_id = a.workspace_id
				                 and f.article_id = a.article_id and not f.helpful) as not_helpful
				from knowledge_article a where a.workspace_id = ?
				order by views desc, helpful desc, a.article_id limit ?""")
			.params(language, from, to, workspace.value(), limit)
			.query((rs, n) -> new KnowledgeAnalytics.ArticleStats(rs.getLong(1), rs.getString(2), rs.getLong(3),
					rs.getLong(4), rs.getLong(5)))
			.list();
	}

	List<KnowledgeAnalytics.MonthSessions> sessions(WorkspaceId workspace, Instant from, Instant to, ZoneId zone) {
		return jdbc.sql("""
				select to_char(started_at at time zone ?, 'YYYY-MM') as month, count(*),
				       count(*) filter (where searches > 0)
				from knowledge_session where workspace_id = ? and started_at >= ? and started_at < ?
				group by 1 order by 1""")
			.params(zone.getId(), workspace.value(), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
			.query((rs, n) -> new KnowledgeAnalytics.MonthSessions(rs.getString(1), rs.getLong(2), rs.getLong(3)))
			.list();
	}
}
