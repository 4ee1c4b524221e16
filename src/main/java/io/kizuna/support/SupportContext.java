package io.kizuna.support;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.health.AccountListQuery;
import io.kizuna.health.AccountListRow;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.SignalKind;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import org.springframework.stereotype.Service;

/** The account beside a ticket (item 8): one facade call each to accounts and health. */
@Service
public class SupportContext {

	private final AccountManagement accounts;

	private final HealthQueries health;

	private final UserManagement people;

	SupportContext(AccountManagement accounts, HealthQueries health, UserManagement people) {
		this.accounts = accounts;
		this.health = health;
		this.people = people;
	}

	public Optional<AccountContext> of(WorkspaceId ws, Long accountId, Locale locale) {
		if (accountId == null) {
			return Optional.empty();
		}
		String external = accounts.externalIds(ws, List.of(accountId)).get(accountId);
		if (external == null) {
			return Optional.empty();
		}
		Account account = accounts.account(ws, external);
		Optional<AccountListRow> row = health.accounts(ws, new AccountListQuery(external, null, null, null, null, null,
				null, AccountListQuery.Sort.NAME, false, 0, 20)).items().stream()
			.filter(r -> r.externalId().equals(external))
			.findFirst();
		String owner = account.ownerUserId() == null ? null
				: people.users(ws).stream().filter(u -> u.id() == account.ownerUserId()).map(User::displayName)
					.findFirst().orElse(null);
		return Optional.of(new AccountContext(external, account.name(), row.map(AccountListRow::band).orElse(null),
				row.map(AccountListRow::score).orElse(null), row.map(AccountListRow::arrMinor).orElse(null),
				row.map(AccountListRow::currency).orElse(null), row.map(AccountListRow::renewalOn).orElse(null), owner,
				row.map(r -> r.signals().stream().map(SignalKind::titleKey).toList()).orElse(List.of())));
	}

	/** The account a ticket should name when an agent enters its external id. */
	public String accountName(WorkspaceId ws, Long accountId) {
		if (accountId == null) {
			return null;
		}
		String external = accounts.externalIds(ws, List.of(accountId)).get(accountId);
		return external == null ? null : accounts.findAccount(ws, external).map(Account::name).orElse(null);
	}
}
