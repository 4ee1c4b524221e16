package io.kizuna.accounts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportFile;
import io.kizuna.imports.ImportRow;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
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
			Set.of("domain", "industry", "tier", "lifecycle_stage", "parent_external_id"), true);

	static final ImportColumns CONTACTS = new ImportColumns(List.of("external_id"),
			Set.of("email", "name", "role", "account_external_id"), true);

	static final ImportColumns SUBSCRIPTIONS = new ImportColumns(
			List.of("external_id", "account_external_id", "plan", "mrr", "started_on"), Set.of("product", "currency",
					"seats", "status", "current_term_end", "canceled_on", "cancel_reason", "effective_on"),
			false);

	@Bean
	ImportTarget accountsImport(AccountManagement accounts) {
		return ImportTarget.of("accounts", 10, ACCOUNTS, file -> RowHandler.each(file,
				row -> accounts.saveAccount(file.workspaceId(), row.required("external_id"), account(row, file))));
	}

	@Bean
	ImportTarget contactsImport(AccountManagement accounts) {
		return ImportTarget.of("contacts", 20, CONTACTS, file -> RowHandler.each(file,
				row -> accounts.saveContact(file.workspaceId(), row.required("external_id"), contact(row, file))));
	}

	@Bean
	ImportTarget subscriptionsImport(AccountManagement accounts) {
		return ImportTarget.of("subscriptions", 30, SUBSCRIPTIONS, file -> RowHandler.each(file, row -> accounts
			.saveSubscription(file.workspaceId(), row.required("external_id"), subscription(row, file.currency()))));
	}

	static AccountDraft account(ImportRow row, ImportFile file) {
		return new AccountDraft(row.value("name"), row.value("domain"), row.value("industry"), row.value("tier"), null,
				row.value("lifecycle_stage"), row.value("parent_external_id"), row.values(file.extraColumns()));
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
			throw new InvalidInputException("mrr: not an amount in " + currency + ": " + row.value("mrr"));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("currency: not an ISO 4217 code: " + currency);
		}
		if (mrr < 0) {
			throw new InvalidInputException("mrr: must not be negative");
		}
		Integer seats = null;
		if (row.value("seats") != null) {
			try {
				seats = new BigDecimal(row.value("seats")).intValueExact();
			}
			catch (NumberFormatException | ArithmeticException ex) {
				throw new InvalidInputException("seats: not a whole number: " + row.value("seats"));
			}
		}
		return new SubscriptionDraft(row.required("account_external_id"), row.value("product"), row.required("plan"),
				mrr, currency, seats, row.value("status"), row.date("started_on"), row.date("current_term_end"),
				row.date("canceled_on"), row.value("cancel_reason"), row.date("effective_on"));
	}
}
