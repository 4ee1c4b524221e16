package io.kizuna.imports;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.kizuna.shared.InvalidInputException;

/** What a CSV file holds, with its required and optional columns. */
public enum ImportKind {

	ACCOUNTS(List.of("external_id", "name"),
			Set.of("domain", "industry", "tier", "lifecycle_stage", "parent_external_id"), true),
	CONTACTS(List.of("external_id"), Set.of("email", "name", "role", "account_external_id"), true),
	SUBSCRIPTIONS(List.of("external_id", "account_external_id", "plan", "mrr", "started_on"),
			Set.of("product", "currency", "seats", "status", "current_term_end", "canceled_on", "cancel_reason",
					"effective_on"),
			false),
	EVENTS(List.of("timestamp"), Set.of("message_id", "type", "event", "user_id", "anonymous_id", "account_external_id",
			"properties"), false),
	/** Purchases: this layout, or the UCI Online Retail layout (recognised by its header). */
	TRANSACTIONS(List.of("customer_id", "date", "amount"), Set.of("currency", "transaction_id"), false);

	final List<String> required;

	final Set<String> optional;

	/** Whether other columns are kept (as attributes or traits) rather than refused. */
	final boolean keepsOtherColumns;

	ImportKind(List<String> required, Set<String> optional, boolean keepsOtherColumns) {
		this.required = required;
		this.optional = optional;
		this.keepsOtherColumns = keepsOtherColumns;
	}

	public static ImportKind fromPath(String kind) {
		try {
			return valueOf(kind.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("unknown import '" + kind + "': accounts, contacts, subscriptions, events or transactions");
		}
	}

	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}
}
