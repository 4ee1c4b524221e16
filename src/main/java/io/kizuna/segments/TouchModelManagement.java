package io.kizuna.segments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.segments.filter.CompiledFilter;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.segments.filter.FilterNode;
import io.kizuna.segments.filter.FilterParser;
import io.kizuna.segments.filter.FilterText;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The touch model (ADR 0053): its levels and rules, and the book of business of each owner built on it. */
@Service
public class TouchModelManagement {

	private static final Logger log = LoggerFactory.getLogger(TouchModelManagement.class);

	static final List<String> CODES = List.of("high", "mid", "tech");

	/** Until a workspace sets its own: ARR bands in the workspace's major unit (¥10M and ¥1M), enterprise high. */
	static final List<TouchLevel> DEFAULTS = List.of(
			new TouchLevel("high", "ハイタッチ", "High-touch", "subscription.arr >= 10000000 or tier = \"enterprise\""),
			new TouchLevel("mid", "ロータッチ", "Low-touch", "subscription.arr >= 1000000"),
			new TouchLevel("tech", "テックタッチ", "Tech-touch", null));

	private final JdbcClient jdbc;

	private final Memberships memberships;

	private final UserManagement people;

	TouchModelManagement(JdbcClient jdbc, Memberships memberships, UserManagement people) {
		this.jdbc = jdbc;
		this.memberships = memberships;
		this.people = people;
	}

	public List<TouchLevel> levels(WorkspaceId workspace) {
		Map<String, TouchLevel> saved = jdbc.sql("""
				select level, name_ja, name_en, definition from touch_level where workspace_id = ?""")
			.param(workspace.value())
			.query((rs, n) -> new TouchLevel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list().stream().collect(Collectors.toMap(TouchLevel::code, Function.identity()));
		return DEFAULTS.stream().map(d -> saved.getOrDefault(d.code(), d)).toList();
	}

	/** Saves the three levels: names of 1 to 50 characters, a valid rule for high and mid (checked by compiling it). */
	@Transactional
	public List<TouchLevel> save(WorkspaceId workspace, List<TouchLevel> levels) {
		Map<String, TouchLevel> byCode = levels.stream().filter(l -> l != null && CODES.contains(l.code()))
			.collect(Collectors.toMap(TouchLevel::code, Function.identity(), (a, b) -> b));
		List<String> errors = new ArrayList<>();
		List<TouchLevel> normalized = new ArrayList<>();
		for (TouchLevel current : levels(workspace)) {
			TouchLevel given = byCode.getOrDefault(current.code(), current);
			String ja = name(given.nameJa(), current.nameJa(), "nameJa of " + current.code(), errors);
			String en = name(given.nameEn(), current.nameEn(), "nameEn of " + current.code(), errors);
			String definition = null;
			if (!current.code().equals("tech")) {
				String text = given.definition() == null ? current.definition() : given.definition();
				FilterNode node = FilterParser.parse(text);
				if (usesTouch(node)) {
					errors.add("definition of " + current.code() + ": a touch rule cannot use the touch field");
					continue;
				}
				definition = FilterText.render(node);
				memberships.compile(workspace, definition);
			}
			normalized.add(new TouchLevel(current.code(), ja, en, definition));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid touch model", errors);
		}
		for (TouchLevel level : normalized) {
			jdbc.sql("""
					insert into touch_level (workspace_id, level, name_ja, name_en, definition) values (?, ?, ?, ?, ?)
					on conflict (workspace_id, level) do update
					set name_ja = excluded.name_ja, name_en = excluded.name_en, definition = excluded.definition""")
				.params(workspace.value(), level.code(), level.nameJa(), level.nameEn(), level.definition()).update();
		}
		assign(workspace, null);
		return levels(workspace);
	}

	/**
	 * Stores each account's level as the rules place it now (ADR 0037), for every account or only the given ones:
	 * one statement that changes only the rows whose level moved. A rule that no longer compiles (a segment it names
	 * was deleted) leaves the stored levels as they were.
	 */
	void assign(WorkspaceId workspace, Collection<AccountId> only) {
		List<TouchLevel> levels = levels(workspace);
		CompiledFilter high;
		CompiledFilter mid;
		try {
			high = memberships.compile(workspace, levels.get(0).definition());
			mid = memberships.compile(workspace, levels.get(1).definition());
		}
		catch (FilterException ex) {
			log.warn("touch levels of workspace {} not assigned: {}", workspace.value(), ex.getMessage());
			return;
		}
		Long[] scope = only == null ? null : only.stream().map(AccountId::value).toArray(Long[]::new);
		String restrict = scope == null ? "" : " and a.account_id = any(?)";
		List<Object> params = new ArrayList<>(high.parameters());
		if (scope != null) {
			params.add(scope);
		}
		params.addAll(mid.parameters());
		if (scope != null) {
			params.add(scope);
		}
		params.add(Timestamp.from(Instant.now()));
		params.add(workspace.value());
		if (scope != null) {
			params.add(scope);
		}
		jdbc.sql("with high as (" + high.sql() + restrict + "), mid as (" + mid.sql() + restrict + ")\n" + """
				insert into touch_account (workspace_id, account_id, level, assigned_at)
				select a.workspace_id, a.account_id,
				       case when hi.account_id is not null then 'high' when mi.account_id is not null then 'mid'
				            else 'tech' end, ?::timestamptz
				from accounts_v_account a
				left join high hi on hi.account_id = a.account_id
				left join mid mi on mi.account_id = a.account_id
				where a.workspace_id = ?""" + restrict + """

				on conflict (workspace_id, account_id) do update set level = excluded.level, assigned_at = excluded.assigned_at
				where touch_account.level <> excluded.level""").params(params).update();
	}

	/** The stored level of one account ({@code tech} until first placed). */
	public String levelOf(WorkspaceId workspace, AccountId account) {
		return jdbc.sql("select level from touch_account where workspace_id = ? and account_id = ?")
			.params(workspace.value(), account.value()).query(String.class).optional().orElse("tech");
	}

	private static boolean usesTouch(FilterNode node) {
		if (node instanceof FilterNode.All all) {
			return all.parts().stream().anyMatch(TouchModelManagement::usesTouch);
		}
		if (node instanceof FilterNode.Any any) {
			return any.parts().stream().anyMatch(TouchModelManagement::usesTouch);
		}
		if (node instanceof FilterNode.Not not) {
			return usesTouch(not.part());
		}
		return ((FilterNode.Condition) node).field().equals(BuiltInFields.TOUCH);
	}

	private static String name(String given, String current, String field, List<String> errors) {
		String name = given == null ? current : given.strip();
		if (name.isEmpty() || name.length() > 50) {
			errors.add(field + ": 1 to 50 characters");
		}
		return name;
	}

	/** Every owner's book: accounts, ARR, accounts per touch level and at risk, in one set-based query. */
	public BookOfBusiness bookOfBusiness(WorkspaceId workspace) {
		List<TouchLevel> levels = levels(workspace);
		CompiledFilter high = memberships.compile(workspace, levels.get(0).definition());
		CompiledFilter mid = memberships.compile(workspace, levels.get(1).definition());
		List<Object> params = new ArrayList<>(high.parameters());
		params.addAll(mid.parameters());
		params.add(workspace.value());
		Map<Long, String> names = people.users(workspace).stream()
			.collect(Collectors.toMap(User::id, User::displayName));
		List<BookOfBusiness.Owner> owners = jdbc.sql("with high as (" + high.sql() + "), mid as (" + mid.sql() + ")\n" + """
				select a.owner_user_id, count(*), coalesce(sum(h.arr_minor), 0), max(h.currency),
				       count(*) filter (where hi.account_id is not null),
				       count(*) filter (where hi.account_id is null and mi.account_id is not null),
				       count(*) filter (where hi.account_id is null and mi.account_id is null),
				       count(*) filter (where h.band in ('red', 'yellow') or cardinality(h.signal_kinds) > 0)
				from accounts_v_account a
				left join health_v_account_status h on h.workspace_id = a.workspace_id and h.account_id = a.account_id
				left join high hi on hi.account_id = a.account_id
				left join mid mi on mi.account_id = a.account_id
				where a.workspace_id = ? and h.live is distinct from false
				group by a.owner_user_id
				order by count(*) desc, a.owner_user_id""").params(params)
			.query((rs, n) -> {
				Long owner = rs.getObject(1, Long.class);
				return new BookOfBusiness.Owner(owner, owner == null ? null : names.get(owner), rs.getLong(2),
						rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
			}).list();
		return new BookOfBusiness(levels, owners);
	}
}
