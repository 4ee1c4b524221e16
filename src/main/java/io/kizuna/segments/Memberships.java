package io.kizuna.segments;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kizuna.segments.filter.CompiledFilter;
import io.kizuna.segments.filter.FilterContext;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.segments.filter.FilterNode;
import io.kizuna.segments.filter.FilterParser;
import io.kizuna.segments.filter.SqlCompiler;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compiles definitions in a workspace's context and keeps saved segments' members current: one set-based statement
 * per segment that removes who no longer matches, adds who newly does and records both with the reason, then the
 * day's size and one {@link SegmentMembershipChanged} event (ADR 0052).
 */
@Component
class Memberships {

	private static final Logger log = LoggerFactory.getLogger(Memberships.class);

	private final JdbcClient jdbc;

	private final SegmentFields fields;

	private final Segments segments;

	private final WorkspaceManagement workspaces;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	Memberships(JdbcClient jdbc, SegmentFields fields, Segments segments, WorkspaceManagement workspaces,
			ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.fields = fields;
		this.segments = segments;
		this.workspaces = workspaces;
		this.events = events;
		this.transactions = transactions;
	}

	FilterContext context(WorkspaceId workspace) {
		ZoneId zone = workspaces.get(workspace).timeZone();
		Map<String, Boolean> attributes = new HashMap<>();
		return new FilterContext(workspace.value(), LocalDate.now(zone), zone.getId(), fields.byKey(),
				key -> attributes.computeIfAbsent(key, k -> attributeExists(workspace, k)),
				key -> segments.idOf(workspace, key));
	}

	private boolean attributeExists(WorkspaceId workspace, String key) {
		return jdbc.sql("""
				select exists (select 1 from accounts_v_account where workspace_id = ? and jsonb_exists(attributes, ?))""")
			.params(workspace.value(), key).query(Boolean.class).single();
	}

	CompiledFilter compile(WorkspaceId workspace, String definition) {
		return SqlCompiler.compile(FilterParser.parse(definition), context(workspace));
	}

	/** Refuses a definition that refers, directly or through other segments, to the segment it is saved as. */
	void checkNoCycle(WorkspaceId workspace, String key, FilterNode definition) {
		Map<String, List<String>> graph = new HashMap<>();
		for (Segment s : segments.list(workspace)) {
			graph.put(s.key(), references(s.definition()));
		}
		graph.put(key, SqlCompiler.referencedSegments(definition));
		List<String> path = new ArrayList<>();
		if (reaches(graph, key, key, path, new LinkedHashSet<>())) {
			throw new FilterException("cycle", 0, key + " → " + String.join(" → ", path));
		}
	}

	private static boolean reaches(Map<String, List<String>> graph, String from, String target, List<String> path,
			Set<String> seen) {
		for (String next : graph.getOrDefault(from, List.of())) {
			path.add(next);
			if (next.equals(target) || (seen.add(next) && reaches(graph, next, target, path, seen))) {
				return true;
			}
			path.remove(path.size() - 1);
		}
		return false;
	}

	private static List<String> references(String definition) {
		try {
			return SqlCompiler.referencedSegments(FilterParser.parse(definition));
		}
		catch (FilterException ex) {
			return List.of();
		}
	}

	/** Saved segments in an order where each comes after the segments it refers to. */
	List<Segment> inDependencyOrder(WorkspaceId workspace) {
		Map<String, Segment> byKey = new LinkedHashMap<>();
		segments.list(workspace).forEach(s -> byKey.put(s.key(), s));
		Map<String, Segment> ordered = new LinkedHashMap<>();
		for (Segment s : byKey.values()) {
			visit(s, byKey, ordered, new LinkedHashSet<>());
		}
		return List.copyOf(ordered.values());
	}

	private static void visit(Segment s, Map<String, Segment> byKey, Map<String, Segment> ordered, Set<String> path) {
		if (ordered.containsKey(s.key()) || !path.add(s.key())) {
			return;
		}
		for (String ref : references(s.definition())) {
			Segment dependency = byKey.get(ref);
			if (dependency != null) {
				visit(dependency, byKey, ordered, path);
			}
		}
		ordered.put(s.key(), s);
	}

	/**
	 * Re-evaluates every saved segment of the workspace, for all accounts or only the given ones. For all accounts,
	 * the field sources two or more segments join (a usage window, the subscriptions, health) are computed once into
	 * tables of this transaction and every segment reads those (ADR 0125); for a few accounts each segment reads the
	 * sources for those accounts only, as a preview does.
	 */
	void evaluateAll(WorkspaceId workspace, EvaluationReason reason, Collection<AccountId> only) {
		List<Segment> ordered = inDependencyOrder(workspace);
		if (only != null || ordered.size() < 2) {
			evaluateEach(workspace, ordered, reason, only);
			return;
		}
		FilterContext context = context(workspace);
		Map<String, CompiledFilter.SourceUse> sources = new LinkedHashMap<>();
		Map<String, Integer> uses = new HashMap<>();
		for (Segment segment : ordered) {
			try {
				for (CompiledFilter.SourceUse use : SqlCompiler.compile(FilterParser.parse(segment.definition()), context)
					.sources()) {
					sources.putIfAbsent(use.key(), use);
					uses.merge(use.key(), 1, Integer::sum);
				}
			}
			catch (FilterException ex) {
				// reported below, where the segment is skipped
			}
		}
		transactions.executeWithoutResult(tx -> {
			Map<String, String> tables = new HashMap<>();
			for (CompiledFilter.SourceUse use : sources.values()) {
				if (uses.get(use.key()) > 1) {
					tables.put(use.key(), materialise(use, "segments_run_" + (tables.size() + 1)));
				}
			}
			for (Segment segment : ordered) {
				CompiledFilter compiled;
				try {
					compiled = SqlCompiler.compile(FilterParser.parse(segment.definition()), context, true, tables);
				}
				catch (FilterException ex) {
					log.warn("segment {} of workspace {} not evaluated: {}", segment.key(), workspace.value(),
							ex.getMessage());
					continue;
				}
				apply(workspace, segment, compiled, reason, null);
			}
		});
	}

	/**
	 * The source's rows for the whole workspace as a temporary table dropped at commit. Its columns are read from the
	 * source's own result first: {@code create table … as} takes no bind parameters, and the values stay parameters.
	 */
	private String materialise(CompiledFilter.SourceUse use, String table) {
		List<String> columns = jdbc.sql("select * from (" + use.sql() + ") x limit 0").params(use.parameters())
			.query((org.springframework.jdbc.core.ResultSetExtractor<List<String>>) rs -> {
				java.sql.ResultSetMetaData meta = rs.getMetaData();
				List<String> found = new ArrayList<>();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					String type = meta.getColumnTypeName(i);
					found.add('"' + meta.getColumnLabel(i).replace("\"", "") + "\" "
							+ (type.startsWith("_") ? type.substring(1) + "[]" : type));
				}
				return found;
			});
		jdbc.sql("create temporary table " + table + " (" + String.join(", ", columns) + ") on commit drop").update();
		jdbc.sql("insert into " + table + " " + use.sql()).params(use.parameters()).update();
		jdbc.sql("analyze " + table).update();
		return table;
	}

	private void evaluateEach(WorkspaceId workspace, List<Segment> ordered, EvaluationReason reason,
			Collection<AccountId> only) {
		for (Segment segment : ordered) {
			try {
				evaluate(workspace, segment, reason, only);
			}
			catch (FilterException ex) {
				// a definition that no longer compiles (a field its module stopped contributing) keeps its members
				log.warn("segment {} of workspace {} not evaluated: {}", segment.key(), workspace.value(), ex.getMessage());
			}
		}
	}

	void evaluate(WorkspaceId workspace, Segment segment, EvaluationReason reason, Collection<AccountId> only) {
		CompiledFilter compiled = compile(workspace, segment.definition());
		transactions.executeWithoutResult(tx -> apply(workspace, segment, compiled, reason, only));
	}

	private void apply(WorkspaceId workspace, Segment segment, CompiledFilter compiled, EvaluationReason reason,
			Collection<AccountId> only) {
		long ws = workspace.value();
		Timestamp now = Timestamp.from(Instant.now());
		Long[] scope = only == null ? null : only.stream().map(AccountId::value).toArray(Long[]::new);
		List<Object> params = new ArrayList<>(compiled.parameters());
		String matching = compiled.sql();
		if (scope != null) {
			matching += " and a.account_id = any(?)";
			params.add(scope);
		}
		params.addAll(List.of(ws, segment.id()));
		if (scope != null) {
			params.add(scope);
		}
		params.addAll(List.of(ws, segment.id(), now, ws, segment.id(), now, reason.code(), ws, segment.id(), now,
				reason.code()));
		List<Object[]> changed = jdbc.sql("with matching as (" + matching + "),\n" + """
				exited as (
				    delete from segment_member m where m.workspace_id = ? and m.segment_id = ?"""
				+ (scope != null ? " and m.account_id = any(?)" : "") + """

				      and not exists (select 1 from matching x where x.account_id = m.account_id)
				    returning m.account_id),
				entered as (
				    insert into segment_member (workspace_id, segment_id, account_id, entered_at)
				    select ?::bigint, ?::bigint, account_id, ?::timestamptz from matching
				    on conflict do nothing
				    returning account_id),
				logged as (
				    insert into segment_membership_change (workspace_id, segment_id, account_id, changed_at, entered, reason)
				    select ?::bigint, ?::bigint, account_id, ?::timestamptz, true, ?::text from entered
				    union all
				    select ?::bigint, ?::bigint, account_id, ?::timestamptz, false, ?::text from exited)
				select true, account_id from entered
				union all
				select false, account_id from exited""").params(params)
			.query((rs, n) -> new Object[] { rs.getBoolean(1), rs.getLong(2) }).list();
		LocalDate today = LocalDate.now(workspaces.get(workspace).timeZone());
		jdbc.sql("""
				with size as (select count(*)::int as members from segment_member where workspace_id = ? and segment_id = ?),
				updated as (
				    update segment set member_count = (select members from size), evaluated_at = ?
				    where workspace_id = ? and segment_id = ?)
				insert into segment_size_daily (workspace_id, segment_id, day, members)
				select ?::bigint, ?::bigint, ?::date, members from size
				on conflict (workspace_id, segment_id, day) do update set members = excluded.members""")
			.params(ws, segment.id(), now, ws, segment.id(), ws, segment.id(), today).update();
		if (!changed.isEmpty()) {
			List<AccountId> entered = new ArrayList<>();
			List<AccountId> exited = new ArrayList<>();
			for (Object[] row : changed) {
				((Boolean) row[0] ? entered : exited).add(new AccountId((Long) row[1]));
			}
			events.publishEvent(new SegmentMembershipChanged(workspace, segment.id(), segment.key(), reason, entered,
					exited));
		}
	}
}
