package io.kizuna.segments;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.Page;
import io.kizuna.segments.filter.CompiledFilter;
import io.kizuna.segments.filter.FilterNode;
import io.kizuna.segments.filter.FilterParser;
import io.kizuna.segments.filter.FilterText;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The segments module's API: fields, previews, saved segments, their members and history. */
@Service
public class SegmentManagement {

	public static final int MAX_SEGMENTS = 200;

	public static final int PREVIEW_ACCOUNTS = 20;

	private final Segments segments;

	private final Memberships memberships;

	private final SegmentFields fields;

	private final JdbcClient jdbc;

	private final TouchModelManagement touch;

	private final org.springframework.context.MessageSource messages;

	SegmentManagement(Segments segments, Memberships memberships, SegmentFields fields, JdbcClient jdbc,
			TouchModelManagement touch, org.springframework.context.MessageSource messages) {
		this.touch = touch;
		this.messages = messages;
		this.segments = segments;
		this.memberships = memberships;
		this.fields = fields;
		this.jdbc = jdbc;
	}

	public Map<String, SegmentField> fields() {
		return fields.byKey();
	}

	/** The definition's canonical text (what is stored), or a {@code FilterException} with where and why. */
	public String normalize(String definition) {
		return FilterText.render(FilterParser.parse(definition));
	}

	public FilterNode parse(String definition) {
		return FilterParser.parse(definition);
	}

	/** What the definition matches now: count and the first accounts by name. */
	public SegmentPreview preview(WorkspaceId workspace, String definition) {
		String text = normalize(definition);
		CompiledFilter compiled = memberships.compile(workspace, text);
		// one evaluation for both the count and the first accounts: the count is taken over every match before the limit
		List<Object> params = new ArrayList<>(compiled.parameters());
		params.add(workspace.value());
		params.add(PREVIEW_ACCOUNTS);
		long[] count = { 0 };
		List<SegmentAccount> first = jdbc.sql("""
				select a.external_id, a.name, a.tier, count(*) over () from accounts_v_account a
				where a.account_id in (%s) and a.workspace_id = ?
				order by a.name, a.account_id limit ?""".formatted(compiled.sql())).params(params)
			.query((rs, n) -> {
				count[0] = rs.getLong(4);
				return new SegmentAccount(rs.getString(1), rs.getString(2), rs.getString(3));
			}).list();
		List<String> unknown = compiled.warnings().stream().filter(w -> w.code().equals("unknownAttribute"))
			.map(w -> String.valueOf(w.arguments().get(0))).toList();
		return new SegmentPreview(text, count[0], first, unknown);
	}

	/**
	 * Which of the given accounts the definition matches now, in one query (playbook conditions): a
	 {@code FilterException} with where and why when the definition is not valid. At most 100,000 accounts a call.
	 */
	public java.util.Set<AccountId> matching(WorkspaceId workspace, String definition, Collection<AccountId> among) {
		if (among.isEmpty()) {
			return java.util.Set.of();
		}
		if (among.size() > 100_000) {
			throw new InvalidInputException("at most 100000 accounts a call");
		}
		CompiledFilter compiled = memberships.compile(workspace, normalize(definition));
		List<Object> params = new ArrayList<>(compiled.parameters());
		params.add(among.stream().map(AccountId::value).toArray(Long[]::new));
		return jdbc.sql(compiled.sql() + " and a.account_id = any(?)").params(params)
			.query((rs, n) -> new AccountId(rs.getLong(1))).set();
	}

	public List<Segment> list(WorkspaceId workspace) {
		return segments.list(workspace);
	}

	public Segment get(WorkspaceId workspace, String key) {
		return segments.find(workspace, key).orElseThrow(() -> new NotFoundException("no segment " + key));
	}

	public Segment create(WorkspaceId workspace, SegmentDraft draft) {
		String key = draft.key() == null ? "" : draft.key().trim();
		if (!key.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			throw new InvalidInputException("invalid segment", List.of("key: 1 to 63 of a-z, 0-9 and -"));
		}
		String name = name(draft.name());
		FilterNode node = FilterParser.parse(draft.definition());
		if (segments.find(workspace, key).isPresent()) {
			throw new ConflictException("a segment with key " + key + " exists");
		}
		if (segments.count(workspace) >= MAX_SEGMENTS) {
			throw new InvalidInputException("a workspace keeps at most " + MAX_SEGMENTS + " segments");
		}
		memberships.checkNoCycle(workspace, key, node);
		String text = FilterText.render(node);
		memberships.compile(workspace, text);
		segments.insert(workspace, key, name, text);
		Segment saved = get(workspace, key);
		memberships.evaluate(workspace, saved, EvaluationReason.CREATED, null);
		return get(workspace, key);
	}

	public Segment update(WorkspaceId workspace, String key, SegmentDraft draft) {
		Segment segment = get(workspace, key);
		String name = draft.name() == null ? segment.name() : name(draft.name());
		String text = segment.definition();
		if (draft.definition() != null) {
			FilterNode node = FilterParser.parse(draft.definition());
			memberships.checkNoCycle(workspace, key, node);
			text = FilterText.render(node);
			memberships.compile(workspace, text);
		}
		segments.update(workspace, segment.id(), name, text);
		memberships.evaluate(workspace, get(workspace, key), EvaluationReason.EDITED, null);
		return get(workspace, key);
	}

	public void delete(WorkspaceId workspace, String key) {
		List<String> users = segments.list(workspace).stream().filter(s -> !s.key().equals(key))
			.filter(s -> s.definition().contains("\"" + key + "\"")).filter(s -> referencesKey(s, key))
			.map(Segment::key).toList();
		if (!users.isEmpty()) {
			throw new ConflictException("segment " + key + " is used by " + String.join(", ", users));
		}
		if (!segments.delete(workspace, key)) {
			throw new NotFoundException("no segment " + key);
		}
	}

	private static boolean referencesKey(Segment s, String key) {
		return io.kizuna.segments.filter.SqlCompiler.referencedSegments(FilterParser.parse(s.definition())).contains(key);
	}

	public Page<SegmentAccount> members(WorkspaceId workspace, String key, int page, int size) {
		return segments.members(workspace, get(workspace, key).id(), Math.max(page, 0), Math.min(Math.max(size, 1), 500));
	}

	public List<MembershipChange> changes(WorkspaceId workspace, String key, int limit) {
		return segments.changes(workspace, get(workspace, key).id(), Math.min(Math.max(limit, 1), 500));
	}

	public List<SegmentSize> sizes(WorkspaceId workspace, String key, LocalDate from) {
		return segments.sizes(workspace, get(workspace, key).id(), from);
	}

	/**
	 * The accounts a definition matches now, among all of the workspace's or only among {@code only}: for modules that
	 * keep their own rules in the filter language (journeys' stage rules, ADR 0079).
	 *
	 * @throws io.kizuna.shared.InvalidInputException for a definition that cannot be used (see {@link #describe})
	 */
	public java.util.Set<Long> matchingAccounts(WorkspaceId workspace, String definition, Collection<AccountId> only) {
		CompiledFilter compiled = memberships.compile(workspace, normalize(definition));
		List<Object> params = new ArrayList<>(compiled.parameters());
		String sql = compiled.sql();
		if (only != null) {
			sql = "select * from (" + sql + ") m where m.account_id = any(?)";
			params.add(only.stream().map(AccountId::value).toArray(Long[]::new));
		}
		return new java.util.HashSet<>(jdbc.sql(sql).params(params).query(Long.class).list());
	}

	/** A definition's error in the reader's language, with the character it is about when that is known. */
	public String describe(InvalidInputException ex, java.util.Locale locale) {
		if (!(ex instanceof io.kizuna.segments.filter.FilterException filter)) {
			return ex.getMessage();
		}
		Object[] arguments = java.util.Arrays.stream(filter.arguments())
			.map(a -> a instanceof FieldType type ? new org.springframework.context.support.DefaultMessageSourceResolvable(
					"segments.type." + type.name().toLowerCase()) : a)
			.toArray();
		String message = messages.getMessage(filter.messageKey(), arguments, filter.messageKey(), locale);
		return filter.position() > 0 ? messages.getMessage("segments.filter.at",
				new Object[] { filter.position(), message }, locale) : message;
	}

	/** Re-evaluates every saved segment now (all accounts, or only the given ones), then the touch levels. */
	public void evaluateAll(WorkspaceId workspace, EvaluationReason reason, Collection<AccountId> only) {
		memberships.evaluateAll(workspace, reason, only);
		touch.assign(workspace, only);
	}

	private static String name(String name) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > 100) {
			throw new InvalidInputException("invalid segment", List.of("name: 1 to 100 characters"));
		}
		return trimmed;
	}
}
