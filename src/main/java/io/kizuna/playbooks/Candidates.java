package io.kizuna.playbooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kizuna.segments.SegmentManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which accounts a trigger's state selects now (for the preview, the schedule, renewals and manual runs), read from
 * the published views of health, segments and accounts; and the preview's lines of what each account would get.
 */
@Component
class Candidates {

	static final int PREVIEW = 50;

	private final JdbcClient jdbc;

	private final SegmentManagement segments;

	private final WorkspaceManagement workspaces;

	private final MessageSource messages;

	Candidates(JdbcClient jdbc, SegmentManagement segments, WorkspaceManagement workspaces, MessageSource messages) {
		this.jdbc = jdbc;
		this.segments = segments;
		this.workspaces = workspaces;
		this.messages = messages;
	}

	/** The accounts the trigger holds for right now. */
	List<AccountId> current(WorkspaceId workspace, PlaybookDefinition.Trigger trigger) {
		Map<String, String> s = trigger.settings();
		long ws = workspace.value();
		return switch (trigger.type()) {
			case "signal_raised" -> ids("select account_id from health_v_account_status where workspace_id = ? and live and ? = any(signal_kinds)", ws, s.get("kind"));
			case "band_changed" -> blank(s.get("to")) ? ids("select account_id from health_v_account_status where workspace_id = ? and live and band is distinct from ?", ws, s.get("from"))
					: ids("select account_id from health_v_account_status where workspace_id = ? and live and band = ?", ws, s.get("to"));
			case "segment_entered" -> segmentMembers(workspace, s.get("segment"));
			case "renewal_within" -> renewals(workspace, Integer.parseInt(s.get("days"))).stream().map(r -> new AccountId(r.account())).toList();
			case "segment_exited" -> List.of();
			case "schedule", "manual" -> ids("select account_id from accounts_v_account where workspace_id = ?", ws);
			default -> List.of();
		};
	}

	record Renewal(long account, LocalDate on) {
	}

	List<Renewal> renewals(WorkspaceId workspace, int days) {
		LocalDate today = LocalDate.now(workspaces.get(workspace).timeZone());
		return jdbc.sql("""
				select account_id, next_renewal_on from health_v_account_status
				where workspace_id = ? and live and next_renewal_on between ? and ?""")
			.params(workspace.value(), java.sql.Date.valueOf(today), java.sql.Date.valueOf(today.plusDays(days)))
			.query((rs, n) -> new Renewal(rs.getLong(1), rs.getDate(2).toLocalDate())).list();
	}

	List<AccountId> segmentMembers(WorkspaceId workspace, String key) {
		return ids("""
				select m.account_id from segments_v_member m
				join segments_v_segment s on s.workspace_id = m.workspace_id and s.segment_id = m.segment_id
				where m.workspace_id = ? and s.key = ?""", workspace.value(), key);
	}

	List<AccountId> manualAccounts(WorkspaceId workspace, String segmentKey, List<String> externalIds) {
		if ((segmentKey == null || segmentKey.isBlank()) == (externalIds == null || externalIds.isEmpty())) {
			throw new InvalidInputException("invalid run", List.of("segment: a segment key or a list of accounts, not both"));
		}
		if (segmentKey != null && !segmentKey.isBlank()) {
			segments.get(workspace, segmentKey);
			return segmentMembers(workspace, segmentKey);
		}
		if (externalIds.size() > 10_000) {
			throw new InvalidInputException("invalid run", List.of("accounts: at most 10000"));
		}
		List<AccountId> found = ids("select account_id from accounts_v_account where workspace_id = ? and external_id = any(?)",
				workspace.value(), externalIds.toArray(String[]::new));
		if (found.size() < Set.copyOf(externalIds).size()) {
			throw new InvalidInputException("invalid run", List.of("accounts: " + (Set.copyOf(externalIds).size() - found.size()) + " unknown"));
		}
		return found;
	}

	PlaybookPreview preview(WorkspaceId workspace, PlaybookDefinition definition, Long playbookId, Locale locale) {
		List<AccountId> accounts = current(workspace, definition.trigger());
		if (definition.condition() != null && !definition.condition().isBlank() && !accounts.isEmpty()) {
			Set<AccountId> matching = segments.matching(workspace, definition.condition(), accounts);
			accounts = accounts.stream().filter(matching::contains).toList();
		}
		if (playbookId != null && !accounts.isEmpty()) {
			// the enrollment rule: who is refused now
			String rule = definition.enrollment().rule();
			String refused = switch (rule) {
				case "once" -> "select account_id from playbooks_enrollment where workspace_id = ? and playbook_id = ?";
				case "after_exit" -> "select account_id from playbooks_enrollment where workspace_id = ? and playbook_id = ? and status = 'active'";
				default -> "select account_id from playbooks_enrollment where workspace_id = ? and playbook_id = ? group by account_id having bool_or(status = 'active') or count(*) filter (where enrolled_at > now() - make_interval(days => "
						+ definition.enrollment().days() + ")) >= " + definition.enrollment().max();
			};
			Set<AccountId> no = Set.copyOf(ids(refused, workspace.value(), playbookId));
			accounts = accounts.stream().filter(a -> !no.contains(a)).toList();
		}
		List<String> steps = new ArrayList<>();
		for (PlaybookDefinition.Step step : definition.steps()) {
			steps.add(describe(step, locale));
		}
		List<PlaybookPreview.Candidate> first = accounts.isEmpty() ? List.of() : jdbc.sql("""
				select a.external_id, a.name, u.display_name from accounts_v_account a
				left join workspace_v_user u on u.workspace_id = a.workspace_id and u.user_id = a.owner_user_id
				where a.workspace_id = ? and a.account_id = any(?) order by a.name, a.account_id limit ?""")
			.params(workspace.value(), accounts.stream().map(AccountId::value).toArray(Long[]::new), PREVIEW)
			.query((rs, n) -> new PlaybookPreview.Candidate(rs.getString(1), rs.getString(2), rs.getString(3),
					gets(definition, rs.getString(2), rs.getString(3), locale)))
			.list();
		return new PlaybookPreview(accounts.size(), first, steps);
	}

	private List<String> gets(PlaybookDefinition definition, String account, String owner, Locale locale) {
		List<String> lines = new ArrayList<>();
		for (PlaybookDefinition.Step step : definition.steps()) {
			if (step.type().equals("create_task")) {
				String title = Templates.render(step.settings().get("title"),
						Map.of("account.name", account, "owner.name", owner == null ? "" : owner));
				String who = messages.getMessage("playbooks.assignee." + assigneeKind(step.settings().get("assignee")),
						null, locale);
				lines.add(messages.getMessage("playbooks.preview.task", new Object[] { step.day(), title, who }, locale));
			}
			else {
				lines.add(describe(step, locale));
			}
		}
		return lines;
	}

	String describe(PlaybookDefinition.Step step, Locale locale) {
		String type = messages.getMessage("playbooks.action." + step.type(), null,
				messages.getMessage("playbooks.other", new Object[] { step.type() }, locale), locale);
		String line = messages.getMessage("playbooks.preview.step", new Object[] { step.day(), type }, locale);
		if (step.onlyIfTaskOpen()) {
			line += messages.getMessage("playbooks.preview.ifOpen", null, locale);
		}
		return line;
	}

	static String assigneeKind(String assignee) {
		return assignee == null || assignee.equals("owner") ? "owner" : assignee.equals("manager") ? "manager" : "user";
	}

	private List<AccountId> ids(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query((rs, n) -> new AccountId(rs.getLong(1))).list();
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}
}
