package io.kizuna.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.kizuna.shared.PublicVisit;
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
	long search(WorkspaceId workspace, PublicVisit visit, Audience audience, String query, int results) {
		if (visit != null) {
			touch(workspace, visit, 1, 0);
		}
		return jdbc.sql("""
				insert into knowledge_search (workspace_id, session_id, audience, query, results)
				values (?, ?, ?, ?, ?) returning search_id""")
			.params(workspace.value(), visit == null ? null : visit.session(), audience.name().toLowerCase(), query,
					results)
			.query(Long.class).single();
	}

	/** The session's row, its counts raised; the visitor is kept from the first page that knew it. */
	void touch(WorkspaceId workspace, PublicVisit visit, int searches, int views) {
		jdbc.sql("""
				insert into knowledge_session (workspace_id, session_id, visitor_id, searches, views) values (?, ?, ?, ?, ?)
				on conflict (workspace_id, session_id) do update set last_seen_at = now(),
				    visitor_id = coalesce(knowledge_session.visitor_id, excluded.visitor_id),
				    searches = knowledge_session.searches + excluded.searches,
				    views = knowledge_session.views + excluded.views""")
			.params(workspace.value(), visit.session(), visit.visitor(), searches, views).update();
	}

	/**
	 * A ticket from the web form (once per ticket); the form's session, if it searched, learns its visitor, so the
	 * visitor's earlier sessions are joined with the ticket too.
	 */
	void ticket(WorkspaceId workspace, long ticket, String session, String visitor, Instant openedAt) {
		jdbc.sql("""
				insert into knowledge_ticket (workspace_id, ticket_id, visitor_id, session_id, opened_at)
				values (?, ?, ?, ?, ?) on conflict do nothing""")
			.params(workspace.value(), ticket, visitor, session, java.sql.Timestamp.from(openedAt)).update();
		if (session != null && visitor != null) {
			jdbc.sql("""
					update knowledge_session set visitor_id = ?
					where workspace_id = ? and session_id = ? and visitor_id is null""")
				.params(visitor, workspace.value(), session).update();
		}
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

	void view(WorkspaceId workspace, long article, LocalDate day, PublicVisit visit) {
		jdbc.sql("""
				insert into knowledge_view (workspace_id, article_id, day, views) values (?, ?, ?, 1)
				on conflict (workspace_id, article_id, day) do update set views = knowledge_view.views + 1""")
			.params(workspace.value(), article, day).update();
		if (visit != null) {
			touch(workspace, visit, 0, 1);
		}
	}

	void feedback(WorkspaceId workspace, long article, String language, Feedback feedback, PublicVisit visit) {
		jdbc.sql("""
				insert into knowledge_feedback (workspace_id, article_id, language, helpful, reason, comment, session_id)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(workspace.value(), article, language, feedback.helpful(), feedback.reason(), feedback.comment(),
					visit == null ? null : visit.session())
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

	/**
	 * A ticket followed a session when the session's own visit or its visitor opened one from its start to
	 * {@code within} days after. The rate counts only sessions whose days have passed: counting a month's early
	 * tickets before its quiet sessions are decided would understate it.
	 */
	List<KnowledgeAnalytics.MonthSessions> sessions(WorkspaceId workspace, Instant from, Instant to, ZoneId zone,
			int within) {
		return jdbc.sql("""
				with s as (
				    select to_char(s.started_at at time zone :zone, 'YYYY-MM') as month, s.searches,
				           (exists (select 1 from knowledge_ticket t where t.workspace_id = s.workspace_id
				                    and t.session_id = s.session_id and t.opened_at >= s.started_at
				                    and t.opened_at < s.started_at + make_interval(days => :within))
				            or exists (select 1 from knowledge_ticket t where t.workspace_id = s.workspace_id
				                    and t.visitor_id = s.visitor_id and t.opened_at >= s.started_at
				                    and t.opened_at < s.started_at + make_interval(days => :within))) as ticketed,
				           s.started_at + make_interval(days => :within) > now() as waiting
				    from knowledge_session s
				    where s.workspace_id = :ws and s.started_at >= :from and s.started_at < :to)
				select month, count(*), count(*) filter (where searches > 0), count(*) filter (where ticketed),
				       count(*) filter (where waiting), count(*) filter (where not ticketed and not waiting)
				from s group by month order by month""")
			.param("zone", zone.getId()).param("ws", workspace.value()).param("within", within)
			.param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to))
			.query((rs, n) -> {
				long sessions = rs.getLong(2);
				long counting = rs.getLong(5);
				long deflected = rs.getLong(6);
				long closed = sessions - counting;
				return new KnowledgeAnalytics.MonthSessions(rs.getString(1), sessions, rs.getLong(3), rs.getLong(4),
						counting, deflected, closed == 0 ? null : (double) deflected / closed);
			})
			.list();
	}

	/** Public queries whose searcher (the visit, or the visitor) opened a ticket within {@code within} days after. */
	List<KnowledgeAnalytics.QueryBeforeTicket> queriesBeforeTickets(WorkspaceId workspace, Instant from, Instant to,
			int within, int limit) {
		return jdbc.sql("""
				with q as (
				    select lower(s.query) as q,
				           exists (select 1 from knowledge_ticket t where t.workspace_id = s.workspace_id
				                   and (t.session_id = s.session_id or t.visitor_id = ks.visitor_id)
				                   and t.opened_at >= s.searched_at
				                   and t.opened_at < s.searched_at + make_interval(days => :within)) as ticketed
				    from knowledge_search s
				    left join knowledge_session ks on ks.workspace_id = s.workspace_id and ks.session_id = s.session_id
				    where s.workspace_id = :ws and s.audience = 'public' and s.session_id is not null
				      and s.searched_at >= :from and s.searched_at < :to)
				select q, count(*), count(*) filter (where ticketed) from q
				group by q having count(*) filter (where ticketed) > 0
				order by 3 desc, 2 desc, q limit :limit""")
			.param("ws", workspace.value()).param("within", within).param("limit", limit)
			.param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to))
			.query((rs, n) -> new KnowledgeAnalytics.QueryBeforeTicket(rs.getString(1), rs.getLong(2), rs.getLong(3),
					(double) rs.getLong(3) / rs.getLong(2)))
			.list();
	}
}
