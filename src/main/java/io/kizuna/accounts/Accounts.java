package io.kizuna.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Accounts {

	private static final String SELECT = """
			select a.account_id, a.external_id, a.name, a.domain, a.industry, a.tier, a.owner_user_id,
			       a.lifecycle_stage, p.external_id as parent_external_id, a.attributes, a.created_at, a.updated_at
			from account a
			left join account p on p.workspace_id = a.workspace_id and p.account_id = a.parent_account_id
			""";

	private final JdbcClient jdbc;

	private final JsonColumns json;

	private final AccountIdCache cachedIds = new AccountIdCache();

	Accounts(JdbcClient jdbc, JsonColumns json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<Account> find(WorkspaceId workspace, String externalId) {
		return jdbc.sql(SELECT + " where a.workspace_id = ? and a.external_id = ?")
			.params(workspace.value(), externalId)
			.query(this::map)
			.optional();
	}

	boolean exists(WorkspaceId workspace, String externalId) {
		return jdbc.sql("select count(*) from account where workspace_id = ? and external_id = ?")
			.params(workspace.value(), externalId)
			.query(Long.class)
			.single() > 0;
	}

	/** Inserts or merges: null fields and absent attribute keys keep what the account had. */
	void upsert(WorkspaceId workspace, String externalId, AccountDraft draft) {
		jdbc.sql("""
				insert into account as a (workspace_id, external_id, name, domain, industry, tier, owner_user_id,
				                          lifecycle_stage, parent_account_id, attributes)
				values (:ws, :externalId, coalesce(:name, :externalId), :domain, :industry, :tier, :owner, :stage,
				        (select account_id from account where workspace_id = :ws and external_id = :parent),
				        jsonb_strip_nulls(cast(:attributes as jsonb)))
				on conflict (workspace_id, external_id) do update set
				    name = coalesce(:name, a.name),
				    domain = coalesce(:domain, a.domain),
				    industry = coalesce(:industry, a.industry),
				    tier = coalesce(:tier, a.tier),
				    owner_user_id = coalesce(:owner, a.owner_user_id),
				    lifecycle_stage = coalesce(:stage, a.lifecycle_stage),
				    parent_account_id = coalesce(excluded.parent_account_id, a.parent_account_id),
				    attributes = jsonb_strip_nulls(a.attributes || cast(:attributes as jsonb)),
				    updated_at = now()""")
			.param("ws", workspace.value())
			.param("externalId", externalId)
			.param("name", draft.name())
			.param("domain", draft.domain())
			.param("industry", draft.industry())
			.param("tier", draft.tier())
			.param("owner", draft.ownerUserId())
			.param("stage", draft.lifecycleStage())
			.param("parent", draft.parentExternalId())
			.param("attributes", json.write(draft.attributes()))
			.update();
	}

	/** Sets or clears the owner (the upsert's null means "keep"). */
	void setOwner(WorkspaceId workspace, long accountId, Long ownerUserId) {
		jdbc.sql("update account set owner_user_id = ?, updated_at = now() where workspace_id = ? and account_id = ?")
			.params(ownerUserId, workspace.value(), accountId)
			.update();
	}

	Page<Account> list(WorkspaceId workspace, AccountQuery query) {
		Map<String, Object> params = new HashMap<>();
		String where = where(workspace, query, params);
		long total = jdbc.sql("select count(*) from account a" + where).params(params).query(Long.class).single();
		params.put("limit", query.size());
		params.put("offset", (long) query.page() * query.size());
		List<Account> items = jdbc.sql(SELECT + where + " order by a.name, a.account_id limit :limit offset :offset")
			.params(params)
			.query(this::map)
			.list();
		return new Page<>(items, query.page(), query.size(), total);
	}

	/**
	 * Every account the filters match, in list order, handed over page by page (keyset paging): memory stays flat
	 * however many accounts there are, and no transaction is held open while the caller writes.
	 */
	void each(WorkspaceId workspace, AccountQuery filters, java.util.function.Consumer<List<Account>> consumer) {
		String lastName = null;
		long lastId = 0;
		while (true) {
			Map<String, Object> params = new HashMap<>();
			String where = where(workspace, filters, params);
			if (lastName != null) {
				where += " and (a.name, a.account_id) > (:lastName, :lastId)";
				params.put("lastName", lastName);
				params.put("lastId", lastId);
			}
			params.put("limit", AccountQuery.MAX_SIZE);
			List<Account> page = jdbc.sql(SELECT + where + " order by a.name, a.account_id limit :limit")
				.params(params)
				.query(this::map)
				.list();
			consumer.accept(page);
			if (page.size() < AccountQuery.MAX_SIZE) {
				return;
			}
			lastName = page.get(page.size() - 1).name();
			lastId = page.get(page.size() - 1).id();
		}
	}

	private static String where(WorkspaceId workspace, AccountQuery query, Map<String, Object> params) {
		params.put("ws", workspace.value());
		return " where a.workspace_id = :ws" + query.filter().sql("a", params);
	}

	/**
	 * The accounts' touch levels (high, mid, tech) as the segments module publishes them ({@code segments_v_touch},
	 * ADR 0037), read as a view like the segment members (ADR 0052); an account the touch model has not placed yet is
	 * tech-touch, as the model says and the accounts list shows.
	 */
	Map<Long, String> touchLevels(WorkspaceId workspace, Collection<Long> accountIds) {
		Map<Long, String> levels = new HashMap<>();
		if (accountIds.isEmpty()) {
			return levels;
		}
		jdbc.sql("select account_id, level from segments_v_touch where workspace_id = ? and account_id = any(?)")
			.params(workspace.value(), accountIds.toArray(Long[]::new))
			.query(rs -> {
				levels.put(rs.getLong(1), rs.getString(2));
			});
		accountIds.forEach(id -> levels.putIfAbsent(id, "tech"));
		return levels;
	}

	Map<Long, String> externalIdsById(WorkspaceId workspace, Collection<Long> accountIds) {
		Map<Long, String> ids = new HashMap<>();
		if (accountIds.isEmpty()) {
			return ids;
		}
		jdbc.sql("select account_id, external_id from account where workspace_id = ? and account_id = any(?)")
			.params(workspace.value(), accountIds.toArray(Long[]::new))
			.query(rs -> {
				ids.put(rs.getLong(1), rs.getString(2));
			});
		return ids;
	}

	/** Ids of the external ids that have an account; answered from memory where it can be (AccountIdCache). */
	Map<String, Long> idsByExternalId(WorkspaceId workspace, Collection<String> externalIds) {
		Map<String, Long> ids = new HashMap<>();
		List<String> missing = new ArrayList<>();
		for (String externalId : externalIds) {
			Long id = cachedIds.get(workspace, externalId);
			if (id != null) {
				ids.put(externalId, id);
			}
			else {
				missing.add(externalId);
			}
		}
		if (missing.isEmpty()) {
			return ids;
		}
		Map<String, Long> found = new HashMap<>();
		jdbc.sql("select external_id, account_id from account where workspace_id = ? and external_id = any(?)")
			.params(workspace.value(), missing.toArray(String[]::new))
			.query(rs -> {
				found.put(rs.getString(1), rs.getLong(2));
			});
		cachedIds.keep(workspace, found);
		ids.putAll(found);
		return ids;
	}

	List<Long> allIds(WorkspaceId workspace) {
		return new ArrayList<>(jdbc.sql("select account_id from account where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.list());
	}

	private Account map(ResultSet rs, int row) throws SQLException {
		return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getObject(7, Long.class), rs.getString(8), rs.getString(9),
				json.read(rs.getString(10)), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant());
	}
}
