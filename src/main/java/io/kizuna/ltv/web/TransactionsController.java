package io.kizuna.ltv.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.kizuna.accounts.Page;
import io.kizuna.ltv.LoggedTransaction;
import io.kizuna.ltv.TransactionDraft;
import io.kizuna.ltv.TransactionLog;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.MoneyBody;
import io.kizuna.workspace.ApiClient;
import io.kizuna.workspace.WorkspaceManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The transaction log: purchases posted in batches (idempotent by their id) and read back per customer. */
@RestController
@Tag(name = "Transactions", description = "The transaction log (purchases) behind CLV and RFM")
class TransactionsController {

	static final int MAX_BATCH = 1_000;

	private final TransactionLog log;

	private final WorkspaceManagement workspaces;

	TransactionsController(TransactionLog log, WorkspaceManagement workspaces) {
		this.log = log;
		this.workspaces = workspaces;
	}

	/**
	 * @param id the purchase's id in your system: posting the same id again stores nothing
	 * @param amount money as everywhere in the API; its currency defaults to the workspace's
	 */
	record TransactionBody(String id, String customerId, String occurredAt, MoneyBody amount) {
	}

	record TransactionBatch(List<TransactionBody> transactions) {
	}

	@PostMapping("/api/v1/transactions")
	@Operation(summary = "Record up to 1,000 purchases; all or nothing, every invalid one named; ids already stored are counted, not stored")
	TransactionLog.Recorded record(@AuthenticationPrincipal ApiClient client, @RequestBody TransactionBatch batch) {
		if (batch == null || batch.transactions() == null || batch.transactions().isEmpty()) {
			throw new InvalidInputException("transactions: a non-empty list is required");
		}
		if (batch.transactions().size() > MAX_BATCH) {
			throw new InvalidInputException("transactions: at most " + MAX_BATCH + " per call");
		}
		String currency = workspaces.get(client.workspaceId()).currency().getCurrencyCode();
		List<TransactionDraft> drafts = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (int i = 0; i < batch.transactions().size(); i++) {
			TransactionBody body = batch.transactions().get(i);
			try {
				if (body == null) {
					throw new InvalidInputException("must be an object");
				}
				if (body.id() == null || body.id().isBlank()) {
					throw new InvalidInputException("id: required (your id of the purchase)");
				}
				if (body.amount() == null || body.amount().minorUnits() == null) {
					throw new InvalidInputException("amount.minorUnits: required");
				}
				drafts.add(new TransactionDraft("api:" + body.id(), body.customerId(), instant(body.occurredAt()),
						body.amount().minorUnits(),
						body.amount().currency() == null ? currency : body.amount().currency()));
			}
			catch (InvalidInputException ex) {
				errors.add("transactions[" + i + "]: " + ex.getMessage());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid transactions; nothing was stored", errors);
		}
		return log.record(client.workspaceId(), drafts);
	}

	@GetMapping("/api/v1/transactions")
	@Operation(summary = "Purchases, newest first; filter by customer id")
	Page<LoggedTransaction> list(@AuthenticationPrincipal ApiClient client,
			@RequestParam(required = false) String customer, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		if (customer != null && customer.length() > 200) {
			throw new InvalidInputException("customer: at most 200 characters");
		}
		return log.transactions(client.workspaceId(), customer, page, size);
	}

	private static Instant instant(String value) {
		if (value == null) {
			throw new InvalidInputException("occurredAt: required (ISO-8601 with an offset)");
		}
		OffsetDateTime at;
		try {
			at = OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("occurredAt: not an ISO-8601 date-time with an offset: "
					+ value.substring(0, Math.min(value.length(), 40)));
		}
		return TransactionDraft.inRange(at.toInstant(), at.getOffset(), value);
	}
}
