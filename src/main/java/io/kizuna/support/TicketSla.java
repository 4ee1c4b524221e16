package io.kizuna.support;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.kizuna.calendars.CalendarChanged;
import io.kizuna.calendars.SlaClock;
import io.kizuna.calendars.SlaEvaluation;
import io.kizuna.calendars.SlaMeasure;
import io.kizuna.calendars.SlaPolicy;
import io.kizuna.calendars.SlaPolicyManagement;
import io.kizuna.calendars.SlaPoliciesChanged;
import io.kizuna.calendars.SlaQuery;
import io.kizuna.calendars.SlaTerms;
import io.kizuna.calendars.SlaTimeline;
import io.kizuna.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SLA wiring (ADR 0116): which policy applies to a ticket (by priority, account tier, segment and account, in the
 * policies' order), its clocks on the policy's business calendar, kept in {@code support_ticket_sla}. Refreshed in
 * the transaction of every change to a ticket, for all open tickets of a workspace after a calendar or policy change,
 * and by the watch job, which publishes the warnings and breaches it finds, one event of each per workspace per run.
 */
@Service
public class TicketSla {

	private static final Logger log = LoggerFactory.getLogger(TicketSla.class);

	static final int BATCH = 1000;

	/** Batches recomputed at once: the clocks are CPU work beside PostgreSQL's, so about one per core. */
	static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

	private final TicketSlaRows rows;

	private final SlaPolicyManagement policies;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	TicketSla(TicketSlaRows rows, SlaPolicyManagement policies, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.rows = rows;
		this.policies = policies;
		this.events = events;
		this.transactions = transactions;
	}

	/** One ticket's SLA as the pages show it: the policy and its three clocks at this moment. */
	public record Status(String policyKey, String policyName, SlaEvaluation evaluation) {
	}

	/** The clocks of one ticket now, or empty when no policy applies (read-only: what the ticket page shows). */
	@Transactional(readOnly = true)
	public Optional<Status> status(WorkspaceId ws, long ticketId) {
		TicketSlaRows.Source source = rows.sources(ws, List.of(ticketId)).get(ticketId);
		if (source == null) {
			return Optional.empty();
		}
		Map<String, SlaTerms> terms = policies.allTerms(ws);
		String policy = currentPolicy(source);
		if (policy == null || !terms.containsKey(policy)) {
			return Optional.empty();
		}
		SlaEvaluation evaluation = SlaClock.evaluate(terms.get(policy), timeline(source, terms, policy), Instant.now());
		String name = policies.list(ws).stream().filter(p -> p.key().equals(evaluation.policyKey()))
			.map(SlaPolicy::name).findFirst().orElse(evaluation.policyKey());
		return Optional.of(new Status(evaluation.policyKey(), name, evaluation));
	}

	/** The stored summaries of a page of tickets (the inbox's time-left column), by ticket id. */
	public Map<Long, SlaSummary> summaries(WorkspaceId ws, Collection<Long> ticketIds) {
		Instant now = Instant.now();
		Map<Long, SlaSummary> out = new java.util.HashMap<>();
		rows.stored(ws, ticketIds).forEach((id, stored) -> out.put(id, SlaSummary.of(stored, now)));
		return out;
	}

	/** Recomputes the given tickets in the caller's transaction: the applicable policy, then the clocks. */
	@Transactional
	public int refresh(WorkspaceId ws, Collection<Long> ticketIds) {
		return refresh(ws, ticketIds, policies.list(ws), policies.allTerms(ws), Instant.now()).size();
	}

	void refresh(WorkspaceId ws, long ticketId) {
		refresh(ws, List.of(ticketId));
	}

	private List<TicketSlaRows.Computed> refresh(WorkspaceId ws, Collection<Long> ticketIds, List<SlaPolicy> ordered,
			Map<String, SlaTerms> terms, Instant now) {
		Map<Long, TicketSlaRows.Source> sources = rows.sources(ws, ticketIds);
		List<TicketSlaRows.Computed> computed = new ArrayList<>();
		List<Long> none = new ArrayList<>();
		List<TicketSlaRows.PolicyChange> policyChanges = new ArrayList<>();
		for (TicketSlaRows.Source source : sources.values()) {
			String applicable = source.merged() ? null
					: ordered.stream()
						.filter(p -> p.matches(new SlaQuery(source.priority(), source.tier(), source.segmentKeys(),
								source.accountId())))
						.map(SlaPolicy::key).findFirst().orElse(null);
			String current = currentPolicy(source);
			TicketSlaRows.Source effective = source;
			boolean frozen = source.status().equals("closed") && current != null; // a closed ticket's history stays
			if (!Objects.equals(applicable, current) && !frozen) {
				// the first policy applies from the ticket's creation; a later change from now, keeping time counted
				Instant at = current == null ? source.createdAt() : now;
				policyChanges.add(new TicketSlaRows.PolicyChange(source.ticketId(), current, applicable, at));
				List<TicketSlaRows.Event> events = new ArrayList<>(source.events());
				events.add(new TicketSlaRows.Event(at, "sla_policy", applicable));
				effective = new TicketSlaRows.Source(source.ticketId(), source.createdAt(), source.status(),
						source.priority(), source.accountId(), source.tier(), source.segmentKeys(), source.merged(),
						events);
				current = applicable;
			}
			if (current == null || !terms.containsKey(current)) {
				none.add(source.ticketId());
				continue;
			}
			SlaEvaluation evaluation = SlaClock.evaluate(terms.get(initialPolicy(effective, terms, current)),
					timeline(effective, terms, current), now);
			boolean open = !source.merged() && Ticket.OPEN_STATUSES.contains(source.status());
			computed.add(new TicketSlaRows.Computed(source.ticketId(), source.priority(), open, source.createdAt(),
					evaluation));
		}
		rows.recordPolicies(ws, policyChanges);
		rows.remove(ws, none);
		rows.save(ws, computed);
		return computed;
	}

	/** The policy in force now: the last recorded, or none. */
	private static String currentPolicy(TicketSlaRows.Source source) {
		String policy = null;
		for (TicketSlaRows.Event e : source.events()) {
			if (e.field().equals("sla_policy")) {
				policy = e.value();
			}
		}
		return policy;
	}

	/** The first recorded policy that still exists (a deleted policy's stretch is counted under its successor). */
	private static String initialPolicy(TicketSlaRows.Source source, Map<String, SlaTerms> terms, String fallback) {
		return source.events().stream().filter(e -> e.field().equals("sla_policy") && e.value() != null
				&& terms.containsKey(e.value())).map(TicketSlaRows.Event::value).findFirst().orElse(fallback);
	}

	private static SlaTimeline timeline(TicketSlaRows.Source source, Map<String, SlaTerms> terms, String current) {
		List<SlaTimeline.Entry> entries = new ArrayList<>();
		boolean first = true;
		for (TicketSlaRows.Event e : source.events()) {
			switch (e.field()) {
				case "status" -> entries.add(SlaTimeline.Entry.status(e.at(), status(e.value())));
				case "agent", "call" -> entries.add(SlaTimeline.Entry.agentResponse(e.at()));
				case "customer" -> entries.add(SlaTimeline.Entry.customerMessage(e.at()));
				case "sla_policy" -> {
					if (e.value() != null && terms.containsKey(e.value())) {
						if (!first) {
							entries.add(SlaTimeline.Entry.policy(e.at(), terms.get(e.value())));
						}
						first = false;
					}
				}
				default -> {
				}
			}
			if (entries.size() >= SlaTimeline.MAX_ENTRIES) {
				break;
			}
		}
		return new SlaTimeline(source.createdAt(), entries);
	}

	private static SlaTimeline.Status status(String value) {
		return SlaTimeline.Status.valueOf(value.toUpperCase(Locale.ROOT));
	}

	// ---- recomputing after a calendar or policy change -------------------------------------------------------------

	@ApplicationModuleListener
	void on(CalendarChanged changed) {
		recomputeOpen(changed.workspace());
	}

	@ApplicationModuleListener
	void on(SlaPoliciesChanged changed) {
		recomputeOpen(changed.workspace());
	}

	/**
	 * Every open ticket of the workspace, a batch per transaction (the calendars built once): a calendar or policy
	 * change moves due times, and which policy applies may have changed. The batches are disjoint, so they run on a
	 * few workers at once (ADR 0141); a failed batch fails the whole call, and running it again is harmless. Returns
	 * how many tickets were recomputed.
	 */
	public int recomputeOpen(WorkspaceId ws) {
		List<SlaPolicy> ordered = policies.list(ws);
		Map<String, SlaTerms> terms = policies.allTerms(ws);
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS, task -> {
			Thread thread = new Thread(task, "sla-recompute-" + ws.value());
			thread.setDaemon(true);
			return thread;
		});
		Deque<Future<Integer>> running = new ArrayDeque<>();
		try {
			long after = 0;
			int done = 0;
			while (true) {
				List<Long> batch = rows.openTickets(ws, after, BATCH);
				if (batch.isEmpty()) {
					break;
				}
				after = batch.get(batch.size() - 1);
				running.add(workers.submit(() -> {
					Instant now = Instant.now();
					transactions.executeWithoutResult(tx -> refresh(ws, batch, ordered, terms, now));
					return batch.size();
				}));
				// a bounded queue: the next keyset page is read while the workers are busy, no further ahead
				while (running.size() > WORKERS) {
					done += finished(running.poll());
				}
			}
			while (!running.isEmpty()) {
				done += finished(running.poll());
			}
			log.debug("SLA due times recomputed for {} open tickets of workspace {}", done, ws.value());
			return done;
		}
		finally {
			workers.shutdownNow();
		}
	}

	private static int finished(Future<Integer> batch) {
		try {
			return batch.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("SLA recompute interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	// ---- the watch job ---------------------------------------------------------------------------------------------

	/** What one run of the watch published, for the job's log and tests. */
	record WatchRun(int warned, int breached) {
	}

	/**
	 * Recomputes the tickets whose warning or due time has come and publishes one {@link SlaWarned} and one
	 * {@link SlaBreached} per workspace with every ticket that newly reached it. Rows are locked (skip locked) so
	 * two nodes never publish the same ticket.
	 */
	WatchRun watch() {
		int warned = 0;
		int breached = 0;
		for (long id : rows.workspacesDue()) {
			WorkspaceId ws = new WorkspaceId(id);
			// a full batch may leave more; a bounded number of passes, so a ticket that stays due cannot spin the job
			for (int pass = 0; pass < 100; pass++) {
				Batch run = transactions.execute(tx -> watchBatch(ws));
				warned += run.warned();
				breached += run.breached();
				if (run.tickets() < BATCH) {
					break;
				}
			}
		}
		return new WatchRun(warned, breached);
	}

	private record Batch(int tickets, int warned, int breached) {
	}

	private Batch watchBatch(WorkspaceId ws) {
		List<Long> due = rows.dueTickets(ws, BATCH);
		if (due.isEmpty()) {
			return new Batch(0, 0, 0);
		}
		Map<Long, TicketSlaRows.Stored> before = rows.stored(ws, due);
		List<TicketSlaRows.Computed> computed = refresh(ws, due, policies.list(ws), policies.allTerms(ws), Instant.now());
		List<SlaAlert> warnings = new ArrayList<>();
		List<SlaAlert> breaches = new ArrayList<>();
		Instant now = Instant.now();
		for (TicketSlaRows.Computed c : computed) {
			TicketSlaRows.Stored old = before.get(c.ticketId());
			SlaEvaluation e = c.evaluation();
			int total = e.measures().stream().mapToInt(SlaMeasure::breaches).sum();
			int published = old == null ? 0 : old.breachesPublished();
			Long accountId = old == null ? null : old.accountId();
			if (total > published) {
				e.measures().stream().filter(m -> m.breached() && m.state() == io.kizuna.calendars.SlaState.BREACHED)
					.forEach(m -> breaches.add(new SlaAlert(c.ticketId(), accountId, e.policyKey(), code(m), m.dueAt())));
			}
			Instant nextDue = e.nextDueAt();
			if (e.warning() && nextDue != null && nextDue.isAfter(now)
					&& (old == null || !nextDue.equals(old.warnedDueAt()))) {
				e.measures().stream().filter(SlaMeasure::warning).findFirst()
					.ifPresent(m -> warnings.add(new SlaAlert(c.ticketId(), accountId, e.policyKey(), code(m), m.dueAt())));
			}
			// the due time now known is marked as handled whether or not it warned: the scan does not return to it
			rows.published(ws, c.ticketId(), nextDue == null ? now : nextDue, Math.max(total, published));
		}
		if (!warnings.isEmpty()) {
			events.publishEvent(new SlaWarned(ws, warnings));
		}
		if (!breaches.isEmpty()) {
			events.publishEvent(new SlaBreached(ws, breaches));
		}
		return new Batch(due.size(), warnings.size(), breaches.size());
	}

	private static String code(SlaMeasure m) {
		return m.metric().name().toLowerCase(Locale.ROOT);
	}
}
