package io.kizuna.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.kizuna.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit across concurrent ingestion calls (ADR 0045): calls queue here after parsing; a few writer threads
 * each take every call queued while the previous transaction ran and store them in one transaction, one commit.
 * Each caller waits for the commit of its group, so its 200 still means "durably stored". When a group's
 * transaction fails, each of its calls is stored again in a transaction of its own, so that one call's error
 * (an invalid trait, say) is that call's answer alone and nothing of it is stored.
 */
final class GroupCommit implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	/** A parsed call waiting for its group's commit. */
	record Call(WorkspaceId workspace, Long writeKeyId, List<Message> messages,
			CompletableFuture<IngestionResult> result) {
	}

	private final LinkedBlockingQueue<Call> queue = new LinkedBlockingQueue<>();

	private final Function<List<Call>, List<IngestionResult>> storeTogether;

	private final int maxEvents;

	private final List<Thread> writers = new ArrayList<>();

	private volatile boolean closed;

	/**
	 * @param storeTogether stores the calls in one transaction and answers each call's result, in order; throws if
	 *     the transaction rolled back
	 * @param writers how many groups may be stored at once (each holds one connection while it does)
	 * @param maxEvents a group stops taking calls at this many messages (a single call larger than it goes alone)
	 */
	GroupCommit(Function<List<Call>, List<IngestionResult>> storeTogether, int writers, int maxEvents) {
		this.storeTogether = storeTogether;
		this.maxEvents = maxEvents;
		for (int i = 0; i < writers; i++) {
			Thread writer = new Thread(this::write, "ingest-writer-" + (i + 1));
			writer.setDaemon(true);
			this.writers.add(writer);
			writer.start();
		}
	}

	/** Queues the call and waits for its group's commit; rethrows the call's own error. */
	IngestionResult store(WorkspaceId workspace, Long writeKeyId, List<Message> messages) {
		if (closed) {
			throw new IllegalStateException("ingestion is shutting down");
		}
		CompletableFuture<IngestionResult> result = new CompletableFuture<>();
		Call call = new Call(workspace, writeKeyId, messages, result);
		queue.add(call);
		if (closed && queue.remove(call)) {
			// Closed between the check and the queueing, perhaps after the writers' last look at the queue.
			throw new IllegalStateException("ingestion is shutting down");
		}
		try {
			// Longer than any transaction should take; a caller that gives up retries, and dedup makes that safe.
			return result.get(120, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the commit", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the commit took longer than 120 s", ex);
		}
	}

	/** Until closed and every call queued before then is stored: a call accepted is answered after its commit. */
	private void write() {
		while (!closed || !queue.isEmpty()) {
			List<Call> group;
			try {
				group = next();
			}
			catch (InterruptedException ex) {
				break;
			}
			if (!group.isEmpty()) {
				storeGroup(group);
			}
		}
		refuseQueued();
	}

	/** Calls still queued at shutdown are refused, not lost silently: their callers get an error (and retry). */
	private void refuseQueued() {
		List<Call> left = new ArrayList<>();
		queue.drainTo(left);
		left.forEach(call -> call.result().completeExceptionally(new IllegalStateException("ingestion is shutting down")));
	}

	/**
	 * The first queued call (waiting a little for one), then every call queued behind it up to the group's size.
	 * One writer at a time drains, so what it peeks at is what it polls.
	 */
	private synchronized List<Call> next() throws InterruptedException {
		List<Call> group = new ArrayList<>();
		// Polled, not taken, so that a writer notices shutdown without being interrupted inside a transaction.
		Call first = queue.poll(250, TimeUnit.MILLISECONDS);
		if (first == null) {
			return group;
		}
		group.add(first);
		int events = first.messages().size();
		Call next;
		while ((next = queue.peek()) != null && events + next.messages().size() <= maxEvents) {
			group.add(queue.poll());
			events += next.messages().size();
		}
		return group;
	}

	/** How many calls wait for a writer. */
	int queued() {
		return queue.size();
	}

	private void storeGroup(List<Call> group) {
		try {
			List<IngestionResult> results = storeTogether.apply(group);
			for (int i = 0; i < group.size(); i++) {
				group.get(i).result().complete(results.get(i));
			}
			return;
		}
		catch (RuntimeException ex) {
			if (group.size() == 1) {
				group.get(0).result().completeExceptionally(ex);
				return;
			}
			log.debug("A group of {} ingestion calls rolled back ({}); storing each alone", group.size(), ex.toString());
		}
		catch (Error ex) {
			// The writer lives on (an OutOfMemoryError may pass); its callers must not wait forever.
			group.forEach(call -> call.result().completeExceptionally(ex));
			return;
		}
		for (Call call : group) {
			try {
				call.result().complete(storeTogether.apply(List.of(call)).get(0));
			}
			catch (RuntimeException | Error ex) {
				call.result().completeExceptionally(ex);
			}
		}
	}

	/**
	 * Refuses calls from now on and waits for the writers to store every call already queued (ADR 0045, 0055). Called
	 * after the web server's graceful drain, when no request is left to queue one; the wait is bounded all the same.
	 */
	@Override
	public void close() {
		closed = true;
		for (Thread writer : writers) {
			try {
				writer.join(30_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		refuseQueued();
	}
}
