package io.kizuna.support;

import java.util.List;
import java.util.Map;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Canned responses in ja and en: Mustache templates (jmustache) over the ticket, its requester and account, and the
 * agent; plain text out (no HTML escaping: replies are text/plain), unknown variables left empty.
 */
@Service
public class SupportMacros {

	private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(false).defaultValue("");

	private final JdbcClient jdbc;

	SupportMacros(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Macro> list(WorkspaceId ws) {
		return jdbc.sql("""
				select macro_id, name, language, body, set_status from support_macro where workspace_id = :ws
				order by language, name""")
			.param("ws", ws.value())
			.query((rs, n) -> new Macro(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
			.list();
	}

	public Macro get(WorkspaceId ws, long id) {
		return list(ws).stream().filter(m -> m.id() == id).findFirst()
			.orElseThrow(() -> new NotFoundException("no macro " + id));
	}

	public Macro create(WorkspaceId ws, String name, String language, String body, String setStatus) {
		String n = SupportDesk.required("name", name, 200);
		String l = SupportDesk.choice("language", language, List.of("ja", "en"), null);
		String b = SupportDesk.required("body", body, 20_000);
		String s = setStatus == null || setStatus.isBlank() ? null
				: SupportDesk.choice("setStatus", setStatus, List.of("open", "pending", "on_hold", "solved"), null);
		try {
			COMPILER.compile(b);
		}
		catch (MustacheException ex) {
			throw new InvalidInputException("body is not a valid template: " + ex.getMessage());
		}
		try {
			long id = jdbc.sql("""
					insert into support_macro (workspace_id, name, language, body, set_status)
					values (:ws, :name, :language, :body, :status) returning macro_id""")
				.param("ws", ws.value()).param("name", n).param("language", l).param("body", b).param("status", s)
				.query(Long.class).single();
			return get(ws, id);
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException("a macro of this name exists in this language");
		}
	}

	public void delete(WorkspaceId ws, long id) {
		get(ws, id);
		jdbc.sql("delete from support_macro where workspace_id = :ws and macro_id = :id")
			.param("ws", ws.value()).param("id", id).update();
	}

	/** The macro's text for this ticket and agent. */
	public String render(Macro macro, Ticket ticket, String agentName, String accountName) {
		Map<String, Object> context = Map.of(
				"ticket", Map.of("id", ticket.id(), "subject", ticket.subject()),
				"requester", Map.of("name", ticket.requesterName() == null ? "" : ticket.requesterName(),
						"email", ticket.requesterEmail() == null ? "" : ticket.requesterEmail()),
				"agent", Map.of("name", agentName == null ? "" : agentName),
				"account", Map.of("name", accountName == null ? "" : accountName));
		return COMPILER.compile(macro.body()).execute(context);
	}
}
