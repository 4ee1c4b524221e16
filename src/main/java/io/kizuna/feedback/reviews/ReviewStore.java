package io.kizuna.feedback.reviews;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import io.kizuna.feedback.Review;
import io.kizuna.feedback.ReviewRating;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reviews in SQL, every statement scoped by workspace. */
@Repository
public class ReviewStore {

	static final String SELECT = """
			select r.review_id, r.source, r.rating, r.title, r.body, r.author, r.author_email, r.reviewed_on, r.url,
			       r.language, r.account_id, a.external_id, a.name, r.reply, r.replied_at, r.replied_by, r.created_at
			from feedback_review r
			left join accounts_v_account a on a.workspace_id = r.workspace_id and a.account_id = r.account_id
			""";

	private final JdbcClient jdbc;

	ReviewStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One stored review; {@code fresh} is false when the same review (source and key) was stored before. */
	public record Stored(long id, boolean fresh) {
	}

	public Stored upsert(WorkspaceId ws, String source, String key, BigDecimal rating, String title, String body,
			String author, String authorEmail, LocalDate reviewedOn, String url, String language, Long accountId) {
		return jdbc.sql("""
				insert into feedback_review (workspace_id, source, dedup_key, rating, title, body, author, author_email,
				    reviewed_on, url, language, account_id)
				values (:ws, :source, :key, :rating, :title, :body, :author, :email, :day, :url, :language, :account)
				on conflict (workspace_id, source, dedup_key) do update set rating = excluded.rating,
				    title = excluded.title, body = excluded.body, author = excluded.author,
				    author_email = excluded.author_email, reviewed_on = excluded.reviewed_on, url = excluded.url,
				    language = excluded.language, account_id = coalesce(excluded.account_id, feedback_review.account_id)
				returning review_id, (xmax = 0) as fresh""")
			.param("ws", ws.value()).param("source", source).param("key", key).param("rating", rating)
			.param("title", title).param("body", body).param("author", author).param("email", authorEmail)
			.param("day", reviewedOn).param("url", url).param("language", language)
			.param("account", accountId, java.sql.Types.BIGINT)
			.query((rs, n) -> new Stored(rs.getLong(1), rs.getBoolean(2))).single();
	}

	/**
	 * Links reviews without an account to the account of the contact who wrote them: by email address, else by a
	 * name only one account's contacts have.
	 */
	public void link(WorkspaceId ws, List<Long> ids) {
		Long[] array = ids.toArray(Long[]::new);
		jdbc.sql("""
				update feedback_review r set account_id = c.account_id
				from (select distinct on (lower(email)) lower(email) as email, account_id from accounts_v_contact
				      where workspace_id = :ws and email is not null and account_id is not null
				      order by lower(email), contact_id) c
				where r.workspace_id = :ws and r.review_id = any(:ids) and r.account_id is null
				  and lower(r.author_email) = c.email""")
			.param("ws", ws.value()).param("ids", array).update();
		jdbc.sql("""
				update feedback_review r set account_id = c.account_id
				from (select name, min(account_id) as account_id from accounts_v_contact
				      where workspace_id = :ws and name is not null and account_id is not null
				      group by name having count(distinct account_id) = 1) c
				where r.workspace_id = :ws and r.review_id = any(:ids) and r.account_id is null and r.author = c.name""")
			.param("ws", ws.value()).param("ids", array).update();
	}

	public Optional<Review> find(WorkspaceId ws, long id) {
		return jdbc.sql(SELECT + " where r.workspace_id = :ws and r.review_id = :id").param("ws", ws.value())
			.param("id", id).query(ReviewStore::review).optional();
	}

	public List<Review> byIds(WorkspaceId ws, List<Long> ids) {
		return jdbc.sql(SELECT + " where r.workspace_id = :ws and r.review_id = any(:ids) order by r.review_id")
			.param("ws", ws.value()).param("ids", ids.toArray(Long[]::new)).query(ReviewStore::review).list();
	}

	/** Newest first, filtered by source, negative only, unreplied only, or one account. */
	public List<Review> list(WorkspaceId ws, String source, boolean negativeOnly, boolean unrepliedOnly, Long accountId,
			BigDecimal negativeAtMost, int limit, int offset) {
		return jdbc.sql(SELECT + """
				 where r.workspace_id = :ws
				  and (:source::text is null or r.source = :source)
				  and (not :negative or r.rating <= :threshold)
				  and (not :unreplied or r.reply is null)
				  and (:account::bigint is null or r.account_id = :account)
				order by r.reviewed_on desc, r.review_id desc limit :limit offset :offset""")
			.param("ws", ws.value()).param("source", source, java.sql.Types.VARCHAR).param("negative", negativeOnly)
			.param("threshold", negativeAtMost).param("unreplied", unrepliedOnly)
			.param("account", accountId, java.sql.Types.BIGINT).param("limit", limit).param("offset", offset)
			.query(ReviewStore::review).list();
	}

	public List<Review> after(WorkspaceId ws, long after, boolean repliedOnly, int limit) {
		return jdbc.sql(SELECT + """
				 where r.workspace_id = :ws and r.review_id > :after and (not :replied or r.reply is not null)
				order by r.review_id limit :limit""")
			.param("ws", ws.value()).param("after", after).param("replied", repliedOnly).param("limit", limit)
			.query(ReviewStore::review).list();
	}

	public List<String> sources(WorkspaceId ws) {
		return jdbc.sql("select distinct source from feedback_review where workspace_id = :ws order by source limit 100")
			.param("ws", ws.value()).query(String.class).list();
	}

	public void reply(WorkspaceId ws, long id, String reply, String by) {
		jdbc.sql("""
				update feedback_review set reply = :reply, replied_at = case when :reply::text is null then null else now() end,
				    replied_by = :by where workspace_id = :ws and review_id = :id""")
			.param("ws", ws.value()).param("id", id).param("reply", reply, java.sql.Types.VARCHAR).param("by", by)
			.update();
	}

	/** The average rating by source and month from a month on, oldest month first. */
	public List<ReviewRating> ratings(WorkspaceId ws, LocalDate from) {
		return jdbc.sql("""
				select source, date_trunc('month', reviewed_on)::date as month, avg(rating)::float8, count(*)::int
				from feedback_review where workspace_id = :ws and reviewed_on >= :from
				group by source, 2 order by 2, source""")
			.param("ws", ws.value()).param("from", from)
			.query((rs, n) -> new ReviewRating(rs.getString(1), YearMonth.from(rs.getDate(2).toLocalDate()),
					rs.getDouble(3), rs.getInt(4)))
			.list();
	}

	static Review review(ResultSet rs, int row) throws SQLException {
		Timestamp replied = rs.getTimestamp(15);
		return new Review(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getDate(8).toLocalDate(), rs.getString(9), rs.getString(10),
				(Long) rs.getObject(11), rs.getString(12), rs.getString(13), rs.getString(14),
				replied == null ? null : replied.toInstant(), rs.getString(16), rs.getTimestamp(17).toInstant());
	}
}
