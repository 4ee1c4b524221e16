package io.kizuna.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who changed what, when, and from where. The actor is the signed-in person (their e-mail address) or the API token
 * ({@code api-token:ID}) of the current request unless given, "system" outside requests; the address is the
 * request's remote address.
 */
@Repository
class AuditLog {

	static final int MAX_TEXT = 500;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AuditLog(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void record(WorkspaceId workspace, String action, String target, Map<String, ?> detail) {
		record(workspace, currentActor(), action, target, detail);
	}

	void record(WorkspaceId workspace, String actor, String action, String target, Map<String, ?> detail) {
		jdbc.sql("""
				insert into audit_log (workspace_id, actor, action, target, detail, remote_addr)
				values (?, ?, ?, ?, ?::jsonb, ?)""")
			.params(workspace.value(), bounded(actor), action, bounded(target), json.writeValueAsString(detail),
					remoteAddress())
			.update();
	}

	AuditPage page(WorkspaceId workspace, AuditQuery query) {
		StringBuilder where = new StringBuilder("workspace_id = ?");
		List<Object> params = new ArrayList<>(List.of(workspace.value()));
		if (query.action() != null) {
			where.append(" and action = ?");
			params.add(query.action());
		}
		if (query.actor() != null) {
			where.append(" and actor = ?");
			params.add(query.actor());
		}
		long total = jdbc.sql("select count(*) from audit_log where " + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(query.size());
		pageParams.add((long) query.page() * query.size());
		List<AuditEntry> items = jdbc.sql("select audit_id, occurred_at, actor, action, target, detail::text, remote_addr "
				+ "from audit_log where " + where + " order by occurred_at desc, audit_id desc limit ? offset ?")
			.params(pageParams)
			.query((rs, row) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)))
			.list();
		return new AuditPage(items, total, query.page(), query.size());
	}

	List<String> actions(WorkspaceId workspace) {
		return jdbc.sql("select distinct action from audit_log where workspace_id = ? order by action")
			.param(workspace.value())
			.query(String.class)
			.list();
	}

	static String currentActor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			return "system";
		}
		if (authentication instanceof AnonymousAuthenticationToken) {
			return "anonymous";
		}
		if (authentication.getPrincipal() instanceof ApiClient client) {
			return "api-token:" + client.tokenId();
		}
		return authentication.getName();
	}

	private static String remoteAddress() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest().getRemoteAddr() : null;
	}

	private static String bounded(String text) {
		return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
	}
}
