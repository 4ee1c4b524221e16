package io.kizuna.accounts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportFile;
import io.kizuna.imports.ImportRow;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.imports.RowRejectedException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Money;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The customer model's CSV imports: accounts and contacts (other columns kept as custom attributes) and
 * subscriptions. Each row is an upsert by external id, so importing a file again changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class AccountImports {

	static final ImportColumns ACCOUNTS = new ImportColumns(List.of("external_id", "name"),
			ordered("domain", "industry", "tier", "lifecycle_stage", "parent_external_id"), true);

	static final ImportColumns CONTACTS = new ImportColumns(List.of("external_id"),
			ordered("email", "name", "role", "account_external_id"), true);

	static final ImportColumns SUBSCRIPTIONS = new ImportColumns(
			List.of("external_id", "account_external_id", "plan", "mrr", "started_on"), ordered("product", "currency",
					"seats", "status", "current_term_end", "canceled_on", "cancel_reason", "effective_on"),
			false);

	@Bean
	ImportTarget accountsImport(AccountManagement accounts) {
		return ImportTarget.of("accounts", 10, ACCOUNTS,
				List.of("A-1001", "株式会社サンプル", "sample.co.jp", "製造", "enterprise", "onboarding", ""), file -> {
					// Once per file: a row is checked against the vocabularies as they were when the import began.
					Vocabulary tiers = accounts.tiers(file.workspaceId());
					Vocabulary stages = accounts.lifecycleStages(file.workspaceId());
					return RowHandler.each(file, row -> accounts.saveAccount(file.workspaceId(),
							checked(row, "external_id", 200), account(row, file, tiers, stages)));
				});
	}

	@Bean
	ImportTarget contactsImport(AccountManagement accounts) {
		return ImportTarget.of("contacts", 20, CONTACTS,
				List.of("user-1001", "hanako.sato@sample.co.jp", "佐藤 花子", "情報システム部", "A-1001"),
				file -> RowHandler.each(file, row -> existing(row, "account_external_id",
						() -> accounts.saveContact(file.workspaceId(), checked(row, "external_id", 200),
								contact(row, file)))));
	}

	@Bean
	ImportTarget subscriptionsImport(AccountManagement accounts) {
		return ImportTarget.of("subscriptions", 30, SUBSCRIPTIONS,
				List.of("S-1001", "A-1001", "Standard", "30000", "2026-04-01", "", "JPY", "10", "active", "2027-03-31",
						"", "", ""),
				file -> RowHandler.each(file, row -> existing(row, "account_external_id", () -> accounts
					.saveSubscription(file.workspaceId(), checked(row, "external_id", 200),
							subscription(row, file.currency())))));
	}

	/**
	 * The row as a draft, its values checked with reasons the import page says in the reader's language (the facade
	 * checks them again, for every other caller). An empty name is refused: it would become the external id.
	 */
	static AccountDraft account(ImportRow row, ImportFile file, Vocabulary tiers, Vocabulary stages) {
		String tier = row.value("tier");
		if (tier != null && !tiers.contains(tier)) {
			throw new RowRejectedException("tier: not one of this workspace's tiers " + tiers.codes() + ": " + tier,
					"import.reason.unknownTier", "tier", tier, String.join(", ", tiers.codes()));
		}
		String stage = row.value("lifecycle_stage");
		if (stage != null && !stages.contains(stage)) {
			throw new RowRejectedException("lifecycle_stage: not one of this workspace's lifecycle stages "
					+ stages.codes() + ": " + stage, "import.reason.unknownStage", "lifecycle_stage", stage,
					String.join(", ", stages.codes()));
		}
		return new AccountDraft(checked(row, "name", 300), checked(row.value("domain"), "domain", 253),
				checked(row.value("industry"), "industry", 100), tier, null, stage,
				checked(row.value("parent_external_id"), "parent_external_id", 200), attributes(row, file));
	}

	/**
	 * The other columns as custom attributes, but for the touch level the API export writes: the touch model derives it,
	 * so an export imported again must not turn it into an attribute.
	 */
	private static Map<String, Object> attributes(ImportRow row, ImportFile file) {
		Set<String> columns = new java.util.LinkedHashSet<>(file.extraColumns());
		columns.remove(AccountExport.TOUCH_LEVEL);
		return row.values(columns);
	}

	/** Required and at most {@code max} characters. */
	private static String checked(ImportRow row, String column, int max) {
		return checked(row.required(column), column, max);
	}

	private static String checked(String value, String column, int max) {
		if (value != null && value.length() > max) {
			throw new RowRejectedException(column + ": at most " + max + " characters", "import.reason.tooLong", column,
					max);
		}
		return value;
	}

	/** Runs the store, saying "no such account" with the column it came from. */
	private static void existing(ImportRow row, String column, Runnable store) {
		try {
			store.run();
		}
		catch (io.kizuna.shared.NotFoundException ex) {
			String id = row.value(column);
			throw new RowRejectedException(ex.getMessage(), "import.reason.noAccount", column, id == null ? "" : id);
		}
	}

	private static Set<String> ordered(String... columns) {
		return new java.util.LinkedHashSet<>(List.of(columns));
	}

	static ContactDraft contact(ImportRow row, ImportFile file) {
		return new ContactDraft(row.value("email"), row.value("name"), row.value("role"),
				row.value("account_external_id"), null, row.values(file.extraColumns()));
	}

	static SubscriptionDraft subscription(ImportRow row, String defaultCurrency) {
		String currency = row.value("currency") != null ? row.value("currency") : defaultCurrency;
		long mrr;
		try {
			mrr = Money.parse(row.required("mrr"), currency).minorUnits();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new RowRejectedException("mrr: not an amount in " + currency + ": " + row.value("mrr"),
					"import.reason.notAnAmount", "mrr", row.value("mrr"), currency);
		}
		catch (IllegalArgumentException ex) {
			throw new RowRejectedException("currency: not an ISO 4217 code: " + currency, "import.reason.notACurrency",
					"currency", currency);
		}
		if (mrr < 0) {
			throw new RowRejectedException("mrr: must not be negative", "import.reason.negative", "mrr");
		}
		Integer seats = null;
		if (row.value("seats") != null) {
			try {
				seats = new BigDecimal(row.value("seats")).intValueExact();
			}
			catch (NumberFormatException | ArithmeticException ex) {
				throw new RowRejectedException("seats: not a whole number: " + row.value("seats"),
						"import.reason.notAWholeNumber", "seats", row.value("seats"));
			}
		}
		String status = row.value("status");
		if (status != null && java.util.Arrays.stream(SubscriptionStatus.values()).noneMatch(s -> s.code().equalsIgnoreCase(status))) {
			throw new RowRejectedException("status: one of trial, active, past_due, canceled: " + status,
					"import.reason.status", "status", status);
		}
		return new SubscriptionDraft(row.required("account_external_id"), row.value("product"), row.required("plan"),
				mrr, currency, seats, row.value("status"), row.date("started_on"), row.date("current_term_end"),
				row.date("canceled_on"), row.value("cancel_reason"), row.date("effective_on"));
	}
}
