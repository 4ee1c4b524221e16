package io.kizuna.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This node's search index (ADR 0098): a Lucene directory in the data directory, derived from PostgreSQL. On start it
 * is rebuilt when missing or stale (its last applied change is ahead of the database's, i.e. another database) and
 * otherwise caught up; afterwards it follows the change log every {@code kizuna.knowledge.index-poll} so that changes
 * made through another node arrive too. Changes made through this node are applied at once (read your writes).
 */
@Component
class KnowledgeIndex implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);

	private static final int BATCH = 2_000;

	private final Articles articles;

	private final Path directory;

	private final Duration poll;

	private SearchIndex index;

	private long applied = -1;

	private final Set<Long> recentlyApplied = new HashSet<>();

	private ScheduledExecutorService follower;

	private volatile boolean running;

	/** This process's index among the nodes sharing the database (pruning waits for every live one). */
	private final String node = java.util.UUID.randomUUID().toString();

	private long reported = Long.MIN_VALUE;

	private long reportedAt;

	/**
	 * False in a tool's process (backup, restore, reindex): it neither follows the log nor counts as a node for
	 * pruning, so a backup or restore leaves no trace of its own in the database.
	 */
	private final boolean serving;

	KnowledgeIndex(Articles articles,
			@Value("${kizuna.knowledge.index-dir:${kizuna.embedded-postgres.data-dir:kizuna-data}/knowledge-index}") Path directory,
			@Value("${kizuna.knowledge.index-poll:2s}") Duration poll,
			@Value("${kizuna.scheduling.enabled:true}") boolean serving) {
		this.articles = articles;
		this.serving = serving;
		this.directory = directory;
		this.poll = poll;
	}

	@Override
	public synchronized void start() {
		index = open(directory);
		long last = index.lastChange();
		long database = articles.lastChange();
		if (last < 0 || last > database || last < articles.prunedThrough()
				|| index.documents() == 0 && articles.publishedTranslations() > 0) {
			log.info("Knowledge index at {} is {}: rebuilding it", directory, last < 0 ? "missing" : "stale");
			rebuild(done -> {
			});
		}
		else {
			applied = last;
			catchUp();
		}
		running = true;
		if (!serving) {
			return;
		}
		follower = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "knowledge-index");
			thread.setDaemon(true);
			return thread;
		});
		follower.scheduleWithFixedDelay(this::follow, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static SearchIndex open(Path directory) {
		try {
			Files.createDirectories(directory);
			return new SearchIndex(FSDirectory.open(directory));
		}
		catch (UncheckedIOException ex) {
			if (!(ex.getCause() instanceof LockObtainFailedException)) {
				throw ex;
			}
			// Another context of this JVM (tests) or a second process on the same data directory holds it: the index
			// is derived, so this one builds its own beside it.
			try {
				Path own = Files.createTempDirectory(directory.toAbsolutePath().getParent(), "knowledge-index-");
				own.toFile().deleteOnExit();
				log.warn("Knowledge index {} is in use; this process keeps its own in {}", directory, own);
				return new SearchIndex(FSDirectory.open(own));
			}
			catch (IOException io) {
				throw new UncheckedIOException(io);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void follow() {
		try {
			catchUp();
		}
		catch (RuntimeException ex) {
			log.warn("Knowledge index could not follow the change log: {}", ex.toString());
		}
	}

	/** Applies every change of the log this index does not have yet; answers how many articles it re-read. */
	synchronized int catchUp() {
		if (applied < articles.prunedThrough()) {
			// away longer than the pruning's liveness bound: the log no longer holds what this index missed
			log.info("Knowledge index {} is behind the pruned change log: rebuilding it", directory);
			rebuildUnlocked();
			return -1;
		}
		return applyNewChanges();
	}

	private int applyNewChanges() {
		Set<List<Long>> todo = new LinkedHashSet<>();
		Set<Long> recent = new HashSet<>();
		for (Articles.Change change : articles.recentUpTo(applied)) {
			recent.add(change.changeId());
			if (!recentlyApplied.contains(change.changeId())) {
				todo.add(List.of(change.workspaceId(), change.articleId()));
			}
		}
		long max = applied;
		while (true) {
			List<Articles.Change> changes = articles.changesSince(max, BATCH);
			for (Articles.Change change : changes) {
				todo.add(List.of(change.workspaceId(), change.articleId()));
				recent.add(change.changeId());
				max = change.changeId();
			}
			if (changes.size() < BATCH) {
				break;
			}
		}
		for (List<Long> article : todo) {
			index.put(article.get(0), article.get(1), articles.entries(article.get(0), article.get(1)));
		}
		recentlyApplied.clear();
		recentlyApplied.addAll(recent);
		if (!todo.isEmpty() || max != applied) {
			applied = max;
			index.commit(applied);
		}
		report();
		return todo.size();
	}

	/** Rebuilds the whole index from PostgreSQL, telling {@code progress} the entries done so far. */
	synchronized long rebuild(LongConsumer progress) {
		return rebuildAll(progress);
	}

	private void rebuildUnlocked() {
		rebuildAll(done -> {
		});
	}

	private long rebuildAll(LongConsumer progress) {
		long upTo = articles.lastChange();
		index.deleteAll();
		List<SearchIndex.Entry> pending = new ArrayList<>();
		long[] done = { 0 };
		articles.everyEntry(entry -> {
			if (!pending.isEmpty() && (pending.get(0).articleId() != entry.articleId()
					|| pending.get(0).workspaceId() != entry.workspaceId())) {
				index.put(pending.get(0).workspaceId(), pending.get(0).articleId(), List.copyOf(pending));
				pending.clear();
			}
			pending.add(entry);
			if (++done[0] % 1000 == 0) {
				progress.accept(done[0]);
			}
		});
		if (!pending.isEmpty()) {
			index.put(pending.get(0).workspaceId(), pending.get(0).articleId(), List.copyOf(pending));
		}
		applied = upTo;
		recentlyApplied.clear();
		index.commit(applied);
		progress.accept(done[0]);
		// what changed while rebuilding
		applyNewChanges();
		return done[0];
	}

	SearchIndex.Found search(long workspace, String query, boolean publicOnly, int limit) {
		return index.search(workspace, query, publicOnly, limit);
	}

	long applied() {
		return applied;
	}

	/** Tells the database how far this index is, when that moved or once a minute (the node's heartbeat). */
	private void report() {
		if (!serving) {
			return;
		}
		long now = System.currentTimeMillis();
		if (applied != reported || now - reportedAt > 60_000) {
			articles.nodeApplied(node, applied);
			reported = applied;
			reportedAt = now;
		}
	}

	@Override
	public synchronized void stop() {
		running = false;
		if (follower != null) {
			follower.shutdownNow();
		}
		try {
			if (serving) {
				articles.nodeLeft(node);
			}
		}
		catch (RuntimeException ex) {
			// the database may already be gone at shutdown; the row then ages out
			log.debug("Knowledge index node {} could not sign off: {}", node, ex.toString());
		}
		if (index != null) {
			index.close();
			index = null;
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}
}
