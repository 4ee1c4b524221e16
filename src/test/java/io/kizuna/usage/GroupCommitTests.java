package io.kizuna.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.junit.jupiter.api.Test;

/** Group commit's own rules, with a store that records the groups it is given (ADR 0045). */
class GroupCommitTests {

	static final WorkspaceId WORKSPACE = new WorkspaceId(1);

	@Test
	void callsQueuedWhileAGroupIsStoredGoTogetherAndEachGetsItsOwnResult() throws Exception {
		CountDownLatch firstGroupEntered = new CountDownLatch(1);
		CountDownLatch releaseFirstGroup = new CountDownLatch(1);
		List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
		try (GroupCommit commit = new GroupCommit(calls -> {
			groupSizes.add(calls.size());
			if (groupSizes.size() == 1) {
				firstGroupEntered.countDown();
				await(releaseFirstGroup);
			}
			return calls.stream().map(call -> new IngestionResult(call.messages().size(), 0)).toList();
		}, 1, 10_000)) {
			CompletableFuture<IngestionResult> first = CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(1)));
			await(firstGroupEntered);
			List<CompletableFuture<IngestionResult>> queued = new ArrayList<>();
			for (int i = 2; i <= 4; i++) {
				int size = i;
				queued.add(CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(size))));
			}
			// The three are queued behind the first group before it commits.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (queuedCalls(commit) < 3 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			releaseFirstGroup.countDown();
			assertThat(first.get(10, TimeUnit.SECONDS).stored()).isEqualTo(1);
			for (int i = 0; i < 3; i++) {
				assertThat(queued.get(i).get(10, TimeUnit.SECONDS).stored()).isEqualTo(i + 2);
			}
			assertThat(groupSizes).containsExactly(1, 3);
		}
	}

	@Test
	void aGroupThatFailsIsStoredCallByCallSoOnlyTheBadCallFails() throws Exception {
		CountDownLatch firstGroupEntered = new CountDownLatch(1);
		CountDownLatch releaseFirstGroup = new CountDownLatch(1);
		List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
		try (GroupCommit commit = new GroupCommit(calls -> {
			groupSizes.add(calls.size());
			if (groupSizes.size() == 1) {
				firstGroupEntered.countDown();
				await(releaseFirstGroup);
			}
			if (calls.stream().anyMatch(call -> call.messages().size() == 13)) {
				throw new InvalidInputException("call of 13 is invalid");
			}
			return calls.stream().map(call -> new IngestionResult(call.messages().size(), 0)).toList();
		}, 1, 10_000)) {
			CompletableFuture<IngestionResult> first = CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(1)));
			await(firstGroupEntered);
			CompletableFuture<IngestionResult> good = CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(2)));
			CompletableFuture<IngestionResult> bad = CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(13)));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (queuedCalls(commit) < 2 && System.nanoTime() < deadline) {
				Thread.sleep(5);
			}
			releaseFirstGroup.countDown();
			first.get(10, TimeUnit.SECONDS);
			assertThat(good.get(10, TimeUnit.SECONDS).stored()).isEqualTo(2);
			assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(InvalidInputException.class)
				.hasMessageContaining("call of 13 is invalid");
			// The group of two, then each alone.
			assertThat(groupSizes).containsExactly(1, 2, 1, 1);
		}
	}

	@Test
	void aGroupStopsAtItsLimitOfMessages() throws Exception {
		CountDownLatch firstGroupEntered = new CountDownLatch(1);
		CountDownLatch releaseFirstGroup = new CountDownLatch(1);
		List<Integer> groupEvents = Collections.synchronizedList(new ArrayList<>());
		try (GroupCommit commit = new GroupCommit(calls -> {
			groupEvents.add(calls.stream().mapToInt(call -> call.messages().size()).sum());
			if (groupEvents.size() == 1) {
				firstGroupEntered.countDown();
				await(releaseFirstGroup);
			}
			return calls.stream().map(call -> new IngestionResult(call.messages().size(), 0)).toList();
		}, 1, 10)) {
			CompletableFuture<IngestionResult> first = CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(1)));
			await(firstGroupEntered);
			List<CompletableFuture<IngestionResult>> queued = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				queued.add(CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(4))));
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (queuedCalls(commit) < i + 1 && System.nanoTime() < deadline) {
					Thread.sleep(5);
				}
			}
			releaseFirstGroup.countDown();
			first.get(10, TimeUnit.SECONDS);
			for (CompletableFuture<IngestionResult> call : queued) {
				call.get(10, TimeUnit.SECONDS);
			}
			assertThat(groupEvents).containsExactly(1, 8, 4);
		}
	}

	@Test
	void afterCloseCallsAreRefusedNotLeftWaiting() {
		GroupCommit commit = new GroupCommit(calls -> calls.stream().map(call -> new IngestionResult(0, 0)).toList(), 2, 100);
		assertThat(commit.store(WORKSPACE, null, messages(1))).isEqualTo(new IngestionResult(0, 0));
		commit.close();
		assertThatThrownBy(() -> commit.store(WORKSPACE, null, messages(1))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("shutting down");
	}

	/** Shutdown (GracefulShutdownIT): a call queued before close is stored and answered, not refused. */
	@Test
	void closeStoresTheCallsAlreadyQueuedBeforeTheWritersStop() throws Exception {
		CountDownLatch firstGroupEntered = new CountDownLatch(1);
		CountDownLatch releaseFirstGroup = new CountDownLatch(1);
		List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
		GroupCommit commit = new GroupCommit(calls -> {
			groupSizes.add(calls.size());
			if (groupSizes.size() == 1) {
				firstGroupEntered.countDown();
				await(releaseFirstGroup);
			}
			return calls.stream().map(call -> new IngestionResult(call.messages().size(), 0)).toList();
		}, 1, 10_000);
		CompletableFuture<IngestionResult> first = CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(1)));
		await(firstGroupEntered);
		CompletableFuture<IngestionResult> queued = CompletableFuture.supplyAsync(() -> commit.store(WORKSPACE, null, messages(2)));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (queuedCalls(commit) < 1 && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		CompletableFuture<Void> closing = CompletableFuture.runAsync(commit::close);
		Thread.sleep(300);
		releaseFirstGroup.countDown();
		closing.get(10, TimeUnit.SECONDS);
		assertThat(first.get(10, TimeUnit.SECONDS).stored()).isEqualTo(1);
		assertThat(queued.get(10, TimeUnit.SECONDS).stored()).isEqualTo(2);
		assertThat(groupSizes).containsExactly(1, 1);
	}

	private static int queuedCalls(GroupCommit commit) {
		return commit.queued();
	}

	private static List<Message> messages(int count) {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			messages.add(new Message("track", "m-" + i, "u", null, null, "E", Instant.EPOCH, Instant.EPOCH, null, null,
					null, null));
		}
		return messages;
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new AssertionError("timed out");
			}
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
