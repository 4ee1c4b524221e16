package io.kizuna.feedback.requests;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.kizuna.feedback.BoardSort;
import io.kizuna.feedback.FeatureRequest;
import io.kizuna.feedback.RequestComment;
import io.kizuna.feedback.RequestDemand;
import io.kizuna.feedback.RequestStatus;
import io.kizuna.feedback.RequestVote;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The requests, votes, comments and statuses of the board, in SQL; every statement is scoped by workspace. */
@Repository
public class RequestStore {

	static final String COLUMNS = """
			request_id, title, description, status, category, tags, merged_into, reach, impact, confidence, effort,
			votes, accounts, arr_minor, arr_at_risk_minor, tiers, top3_share, rice, created_by, created_at, updated_at""";

	private final JdbcClient jdbc;

	RequestStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// --- statuses

	public void ensureStatuses(WorkspaceId ws) {
		for (int i = 0; i < RequestStatus.BUILT_IN.size(); i++) {
			jdbc.sql("""
					insert into feedback_request_status (workspace_id, code, position) values (:ws, :code, :pos)
					on conflict do nothing""")
				.param("ws", ws.value()).param("code", RequestStatus.BUILT_IN.get(i)).param("pos", (i + 1) * 10).update();
		}
	}

	public List<RequestStatus> statuses(WorkspaceId ws) {
		return jdbc.sql("""
				select code, label_ja, label_en, position from feedback_request_status where workspace_id = :ws
				order by position, code""")
			.param("ws", ws.value())
			.query((rs, n) -> new RequestStatus(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
			.list();
	}

	public void saveStatus(WorkspaceId ws, String code, String ja, String en, int position) {
		jdbc.sql("""
				insert into feedback_request_status (workspace_id, code, label_ja, label_en, position)
				values (:ws, :code, :ja, :en, :pos)
				on conflict (workspace_id, code) do update set label_ja = excluded.label_ja, label_en = excluded.label_en,
				    position = excluded.position""")
			.param("ws", ws.value()).param("code", code).param("ja", ja).param("en", en).param("pos", position).update();
	}

	public int deleteStatus(WorkspaceId ws, String code) {
		return jdbc.sql("""
				delete from feedback_request_status s where workspace_id = :ws and code = :code
				and not exists (select 1 from feedback_request r where r.workspace_id = :ws and r.status = :code)""")
			.param("ws", ws.value()).param("code", code).update();
	}

	// --- requests

	public long insert(WorkspaceId ws, String title, String description, String status, String category,
			List<String> tags, String createdBy) {
		return jdbc.sql("""
				insert into feedback_request (workspace_id, title, description, status, category, tags, created_by)
				values (:ws, :title, :description, :status, :category, :tags, :by) returning request_id""")
			.param("ws", ws.value()).param("title", title).param("description", description).param("status", status)
			.param("category", category).param("tags", tags.toArray(String[]::new)).param("by", createdBy)
			.query(Long.class).single();
	}

	public void update(WorkspaceId ws, long id, String title, String description, String category, List<String> tags) {
		jdbc.sql("""
				update feedback_request set title = :title, description = :description, category = :category,
				    tags = :tags, updated_at = now()
				where workspace_id = :ws and request_id = :id""")
			.param("ws", ws.value()).param("id", id).param("title", title).param("description", description)
			.param("category", category).param("tags", tags.toArray(String[]::new)).update();
	}

	public void setRice(WorkspaceId ws, long id, Integer reach, BigDecimal impact, Integer confidence,
			BigDecimal effort) {
		jdbc.sql("""
				update feedback_request set reach = :reach, impact = :impact, confidence = :confidence, effort = :effort,
				    rice = case when :impact::numeric is not null and :confidence::int is not null and :effort::numeric > 0
				                then round(coalesce(:reach::int, accounts) * :impact::numeric * :confidence::int / 100.0
				                           / :effort::numeric, 2) end,
				    updated_at = now()
				where workspace_id = :ws and request_id = :id""")
			.param("ws", ws.value()).param("id", id).param("reach", reach, java.sql.Types.INTEGER)
			.param("impact", impact, java.sql.Types.NUMERIC).param("confidence", confidence, java.sql.Types.INTEGER)
			.param("effort", effort, java.sql.Types.NUMERIC).update();
	}

	public void setStatus(WorkspaceId ws, long id, String status, Long mergedInto) {
		jdbc.sql("""
				update feedback_request set status = :status, merged_into = :merged, updated_at = now()
				where workspace_id = :ws and request_id = :id""")
			.param("ws", ws.value()).param("id", id).param("status", status)
			.param("merged", mergedInto, java.sql.Types.BIGINT).update();
	}

	public Optional<FeatureRequest> find(WorkspaceId ws, long id) {
		return jdbc.sql("select " + COLUMNS + " from feedback_request where workspace_id = :ws and request_id = :id")
			.param("ws", ws.value()).param("id", id).query(RequestStore::request).optional();
	}

	/** One page of the open board (merged requests left out), in the sort's index order. */
	public List<FeatureRequest> board(WorkspaceId ws, BoardSort sort, String status, String category, String tag,
			int limit, int offset) {
		String orderBy = switch (sort) {
			case ARR -> "arr_minor desc";
			case AT_RISK -> "arr_at_risk_minor desc";
			case ACCOUNTS -> "accounts desc";
			case VOTES -> "votes desc";
			case TIERS -> "tiers desc";
			case RICE -> "rice desc nulls last";
			case NEWEST -> "created_at desc";
		};
		return jdbc.sql("select " + COLUMNS + """
				 from feedback_request
				where workspace_id = :ws and merged_into is null
				  and (:status::text is null or status = :status)
				  and (:category::text is null or category = :category)
				  and (:tag::text is null or :tag = any(tags))
				order by """ + " " + orderBy + ", request_id limit :limit offset :offset")
			.param("ws", ws.value()).param("status", status, java.sql.Types.VARCHAR)
			.param("category", category, java.sql.Types.VARCHAR).param("tag", tag, java.sql.Types.VARCHAR)
			.param("limit", limit).param("offset", offset).query(RequestStore::request).list();
	}

	public List<String> categories(WorkspaceId ws) {
		return jdbc.sql("""
				select distinct category from feedback_request where workspace_id = :ws and category is not null
				order by category limit 200""").param("ws", ws.value()).query(String.class).list();
	}

	/** The requests an account voted for, most wanted first. */
	public List<FeatureRequest> ofAccount(WorkspaceId ws, long accountId, int limit) {
		return jdbc.sql("select " + COLUMNS + """
				 from feedback_request r
				where r.workspace_id = :ws and r.merged_into is null and exists (select 1 from feedback_request_vote v
				      where v.workspace_id = :ws and v.request_id = r.request_id and v.account_id = :account)
				order by arr_minor desc, request_id limit :limit""")
			.param("ws", ws.value()).param("account", accountId).param("limit", limit).query(RequestStore::request)
			.list();
	}

	/** Every request of the workspace from an id on, for export and text analytics in batches. */
	public List<FeatureRequest> after(WorkspaceId ws, long afterId, int limit) {
		return jdbc.sql("select " + COLUMNS
				+ " from feedback_request where workspace_id = :ws and request_id > :after order by request_id limit :limit")
			.param("ws", ws.value()).param("after", afterId).param("limit", limit).query(RequestStore::request).list();
	}

	// --- votes

	/** Stores a vote; false when this voter had already voted for the request (nothing changes). */
	public boolean insertVote(WorkspaceId ws, long requestId, long accountId, Long contactId, String email,
			String name, String language, String via, Long ticketId, String note, String createdBy) {
		String voter = contactId != null ? "c:" + contactId : "a:" + accountId;
		return jdbc.sql("""
				insert into feedback_request_vote (workspace_id, request_id, account_id, contact_id, voter, email, name,
				    language, via, ticket_id, note, created_by)
				values (:ws, :request, :account, :contact, :voter, :email, :name, :language, :via, :ticket, :note, :by)
				on conflict (workspace_id, request_id, voter) do nothing""")
			.param("ws", ws.value()).param("request", requestId).param("account", accountId)
			.param("contact", contactId, java.sql.Types.BIGINT).param("voter", voter).param("email", email)
			.param("name", name).param("language", language).param("via", via)
			.param("ticket", ticketId, java.sql.Types.BIGINT).param("note", note).param("by", createdBy)
			.update() == 1;
	}

	public Optional<Long> deleteVote(WorkspaceId ws, long requestId, long voteId) {
		return jdbc.sql("""
				delete from feedback_request_vote where workspace_id = :ws and request_id = :request and vote_id = :vote
				returning request_id""")
			.param("ws", ws.value()).param("request", requestId).param("vote", voteId).query(Long.class).optional();
	}

	public List<RequestVote> votes(WorkspaceId ws, long requestId, int limit) {
		return jdbc.sql("""
				select v.vote_id, v.request_id, v.account_id, a.external_id, a.name, a.tier, v.contact_id, v.email, v.name,
				       v.language, v.via, v.ticket_id, v.note, v.created_by, v.created_at
				from feedback_request_vote v
				join accounts_v_account a on a.workspace_id = v.workspace_id and a.account_id = v.account_id
				where v.workspace_id = :ws and v.request_id = :request
				order by v.created_at desc, v.vote_id desc limit :limit""")
			.param("ws", ws.value()).param("request", requestId).param("limit", limit)
			.query((rs, n) -> new RequestVote(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
					rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getString(8), rs.getString(9),
					rs.getString(10), rs.getString(11), (Long) rs.getObject(12), rs.getString(13), rs.getString(14),
					rs.getTimestamp(15).toInstant()))
			.list();
	}

	/** Whether the contact (or, without one, the account) voted for the request. */
	public boolean voted(WorkspaceId ws, long requestId, String voter) {
		return jdbc.sql("""
				select exists (select 1 from feedback_request_vote where workspace_id = :ws and request_id = :r
				and voter = :voter)""").param("ws", ws.value()).param("r", requestId).param("voter", voter)
			.query(Boolean.class).single();
	}

	/**
	 * Moves the source's votes and comments to the target: a voter who voted for both keeps the target's vote only.
	 */
	public int moveVotes(WorkspaceId ws, long source, long target) {
		int moved = jdbc.sql("""
				update feedback_request_vote v set request_id = :target
				where v.workspace_id = :ws and v.request_id = :source and not exists (select 1 from feedback_request_vote t
				      where t.workspace_id = :ws and t.request_id = :target and t.voter = v.voter)""")
			.param("ws", ws.value()).param("source", source).param("target", target).update();
		jdbc.sql("delete from feedback_request_vote where workspace_id = :ws and request_id = :source")
			.param("ws", ws.value()).param("source", source).update();
		jdbc.sql("update feedback_request_comment set request_id = :target where workspace_id = :ws and request_id = :source")
			.param("ws", ws.value()).param("source", source).param("target", target).update();
		jdbc.sql("update feedback_request set merged_into = :target where workspace_id = :ws and merged_into = :source")
			.param("ws", ws.value()).param("source", source).param("target", target).update();
		return moved;
	}

	/** The contacts to tell, one per address, in their language: the voters who left an email address. */
	public List<String[]> voterAddresses(WorkspaceId ws, long requestId) {
		return jdbc.sql("""
				select distinct on (lower(v.email)) v.email, v.name, v.language, a.external_id
				from feedback_request_vote v
				join accounts_v_account a on a.workspace_id = v.workspace_id and a.account_id = v.account_id
				where v.workspace_id = :ws and v.request_id = :request and v.email is not null
				order by lower(v.email), v.created_at""")
			.param("ws", ws.value()).param("request", requestId)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) })
			.list();
	}

	public List<Long> votingAccounts(WorkspaceId ws, long requestId) {
		return jdbc.sql("""
				select distinct account_id from feedback_request_vote where workspace_id = :ws and request_id = :request
				order by account_id""").param("ws", ws.value()).param("request", requestId).query(Long.class).list();
	}

	// --- comments

	public void insertComment(WorkspaceId ws, long requestId, String author, String body) {
		jdbc.sql("""
				insert into feedback_request_comment (workspace_id, request_id, author, body)
				values (:ws, :request, :author, :body)""")
			.param("ws", ws.value()).param("request", requestId).param("author", author).param("body", body).update();
	}

	public List<RequestComment> comments(WorkspaceId ws, long requestId) {
		return jdbc.sql("""
				select comment_id, request_id, author, body, created_at from feedback_request_comment
				where workspace_id = :ws and request_id = :request order by created_at, comment_id limit 500""")
			.param("ws", ws.value()).param("request", requestId)
			.query((rs, n) -> new RequestComment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.list();
	}

	// --- demand

	/**
	 * Recomputes the demand of the given requests (all of the workspace's when null), in one statement: ARR is
	 * health's latest standing of each voting account, or its live subscriptions when it was never scored; an account
	 * is at risk when red or with an open signal; the top-3 share is the votes of the three accounts with most votes
	 * over all votes.
	 */
	public int recompute(WorkspaceId ws, Collection<Long> requestIds) {
		Long[] ids = requestIds == null ? null : requestIds.toArray(Long[]::new);
		return jdbc.sql("""
				with per_account as (
				    select v.request_id, v.account_id, count(*) as n
				    from feedback_request_vote v
				    where v.workspace_id = :ws and (:all or v.request_id = any(:ids))
				    group by v.request_id, v.account_id
				), voting as (
				    select distinct account_id from per_account
				), subscribed as (
				    select s.account_id, sum(s.mrr_minor) * 12 as arr
				    from accounts_v_subscription s join voting using (account_id)
				    where s.workspace_id = :ws and s.status in ('active', 'past_due')
				    group by s.account_id
				), standing as (
				    select voting.account_id, coalesce(h.arr_minor, sub.arr, 0) as arr,
				           coalesce(h.band = 'red' or cardinality(h.signal_kinds) > 0, false) as at_risk, a.tier
				    from voting
				    left join health_v_account_status h on h.workspace_id = :ws and h.account_id = voting.account_id
				    left join subscribed sub on sub.account_id = voting.account_id
				    left join accounts_v_account a on a.workspace_id = :ws and a.account_id = voting.account_id
				), ranked as (
				    select p.request_id, p.n, st.arr, st.at_risk, st.tier,
				           row_number() over (partition by p.request_id order by p.n desc, st.arr desc, p.account_id) as rank
				    from per_account p join standing st using (account_id)
				), demand as (
				    select request_id, sum(n)::int as votes, count(*)::int as accounts, sum(arr)::bigint as arr,
				           coalesce(sum(arr) filter (where at_risk), 0)::bigint as at_risk,
				           count(distinct tier)::int as tiers,
				           round(sum(n) filter (where rank <= 3)::numeric / sum(n), 4) as top3
				    from ranked group by request_id
				)
				update feedback_request r
				set votes = coalesce(d.votes, 0), accounts = coalesce(d.accounts, 0), arr_minor = coalesce(d.arr, 0),
				    arr_at_risk_minor = coalesce(d.at_risk, 0), tiers = coalesce(d.tiers, 0),
				    top3_share = coalesce(d.top3, 0),
				    rice = case when r.impact is not null and r.confidence is not null and r.effort > 0
				                then round(coalesce(r.reach, coalesce(d.accounts, 0)) * r.impact * r.confidence / 100.0
				                           / r.effort, 2) end
				from feedback_request t left join demand d on d.request_id = t.request_id
				where r.workspace_id = :ws and t.workspace_id = :ws and t.request_id = r.request_id
				  and (:all or r.request_id = any(:ids))""")
			.param("ws", ws.value()).param("all", ids == null).param("ids", ids == null ? new Long[0] : ids)
			.update();
	}

	/** A contact's external id and account by its internal id (a ticket names its requester so). */
	public Optional<String> contactExternalId(WorkspaceId ws, long contactId) {
		return jdbc.sql("select external_id from accounts_v_contact where workspace_id = :ws and contact_id = :id")
			.param("ws", ws.value()).param("id", contactId).query(String.class).optional();
	}

	static FeatureRequest request(ResultSet rs, int row) throws SQLException {
		Array tags = rs.getArray("tags");
		return new FeatureRequest(rs.getLong("request_id"), rs.getString("title"), rs.getString("description"),
				rs.getString("status"), rs.getString("category"),
				tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
				(Long) rs.getObject("merged_into"), (Integer) rs.getObject("reach"), rs.getBigDecimal("impact"),
				(Integer) rs.getObject("confidence"), rs.getBigDecimal("effort"),
				new RequestDemand(rs.getInt("votes"), rs.getInt("accounts"), rs.getLong("arr_minor"),
						rs.getLong("arr_at_risk_minor"), rs.getInt("tiers"), rs.getDouble("top3_share"),
						rs.getBigDecimal("rice")),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
