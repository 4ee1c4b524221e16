package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Recorded purchases are fitted in the background, once they stop coming, before any page asks (ADR 0031). */
@SpringBootTest(properties = "kizuna.revenue.ltv.fit-ahead=true")
class LtvFitAheadIT {

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	TransactionLog log;

	@Autowired
	LifetimeValues values;

	@Test
	void newPurchasesAreFittedAheadAndAnOlderFitNeverReplacesThem() throws Exception {
		WorkspaceId workspace = workspaces.create(new NewWorkspace("ahead-" + UUID.randomUUID().toString().substring(0, 8),
				"Ahead", "JPY", "Asia/Tokyo", "ja")).id();
		log.record(workspace, purchases("a", 0));
		assertThat(values.isFitted(workspace)).isFalse();
		await(() -> values.isFitted(workspace));
		Instant first = values.transactionModels(workspace).fittedAt();
		assertThat(values.transactionModels(workspace).customers()).isEqualTo(15);

		// More purchases: the fit is dropped at once (a read now would fit on them), then made again ahead.
		log.record(workspace, purchases("b", 40));
		assertThat(values.isFitted(workspace)).isFalse();
		await(() -> values.isFitted(workspace));
		TransactionModels second = values.transactionModels(workspace);
		assertThat(second.fittedAt()).isAfter(first);
		assertThat(second.customers()).isEqualTo(30);
	}

	/** 15 customers, each buying every 9 days over 90 days from day {@code offset} of 2026. */
	private static List<TransactionDraft> purchases(String prefix, int offset) {
		List<TransactionDraft> drafts = new ArrayList<>();
		Instant start = Instant.parse("2026-01-01T03:00:00Z").plus(Duration.ofDays(offset));
		for (int c = 0; c < 15; c++) {
			for (int d = c % 7; d < 90; d += 9 + c % 11) {
				drafts.add(new TransactionDraft(prefix + c + "-" + d, prefix + c, start.plus(Duration.ofDays(d)),
						1_000 + 100L * c, "JPY"));
			}
		}
		return drafts;
	}

	private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("fitted in the background within 60 s").isLessThan(deadline);
			Thread.sleep(100);
		}
	}
}
