package io.kizuna.accounts;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.Money;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The accounts module's API: the customer model every other module reads. */
@Service
public class AccountManagement {

	static final int MAX_JSON_CHARS = 16_384;

	private final Accounts accounts;

	private final Contacts contacts;

	private final Subscriptions subscriptions;

	private final WorkspaceManagement workspaces;

	private final UserManagement people;

	private final JsonColumns json;

	private final ApplicationEventPublisher events;

	private final Notes notes;

	private final AccountStates states;

	private final SubscriptionChangeBatches changes;

	private final VocabularyTerms vocabularies;

	AccountManagement(Accounts accounts, Contacts contacts, Subscriptions subscriptions,
			WorkspaceManagement workspaces, UserManagement people, JsonColumns json, ApplicationEventPublisher events, Notes notes,
			AccountStates states, SubscriptionChangeBatches changes, VocabularyTerms vocabularies) {
		this.changes = changes;
		this.vocabularies = vocabularies;
		this.notes = notes;
		this.states = states;
		this.accounts = accounts;
		this.contacts = contacts;
		this.subscriptions = subscriptions;
		this.workspaces = workspaces;
		this.people = people;
		this.json = json;
		this.events = events;
	}

	public Optional<Account> findAccount(WorkspaceId workspace, String externalId) {
		return accounts.find(workspace, externalId);
	}

	public Account account(WorkspaceId workspace, String externalId) {
		return accounts.find(workspace, externalId).orElseThrow(() -> new NotFoundException("no account " + externalId));
	}

	public Page<Account> accounts(WorkspaceId workspace, AccountQuery query) {
		return accounts.list(workspace, query);
	}

	@Transactional
	public Account createAccount(WorkspaceId workspace, String externalId, AccountDraft draft) {
		validate(workspace, externalId, draft, true);
		if (accounts.exists(workspace, externalId)) {
			throw new io.kizuna.shared.ConflictException("an account with external id " + externalId + " exists");
		}
		accounts.upsert(workspace, externalId, draft);
		Account created = account(workspace, externalId);
		events.publishEvent(new AccountsChanged(workspace, List.of(new AccountId(created.id()))));
		return created;
	}

	/** Creates the account or merges the draft into it. */
	@Transactional
	public Account saveAccount(WorkspaceId workspace, String externalId, AccountDraft draft) {
		validate(workspace, externalId, draft, false);
		accounts.upsert(workspace, externalId, draft);
		Account saved = account(workspace, externalId);
		events.publishEvent(new AccountsChanged(workspace, List.of(new AccountId(saved.id()))));
		return saved;
	}

	@Transactional
	public Account updateAccount(WorkspaceId workspace, String externalId, AccountDraft draft) {
		account(workspace, externalId);
		return saveAccount(workspace, externalId, draft);
	}

	/** The workspace's tiers, in list order (ADR 0028). */
	public Vocabulary tiers(WorkspaceId workspace) {
		return vocabularies.of(workspace, AccountVocabulary.TIER);
	}

	/** The workspace's lifecycle stages, in list order (ADR 0028). */
	public Vocabulary lifecycleStages(WorkspaceId workspace) {
		return vocabularies.of(workspace, AccountVocabulary.LIFECYCLE_STAGE);
	}

	public Map<String, Long> accountIds(WorkspaceId workspace, Collection<String> externalIds) {
		return accounts.idsByExternalId(workspace, externalIds);
	}

	/** Every account of the workspace as it stood at the start of {@code asOf}, from the subscription history. */
	public List<AccountState> states(WorkspaceId workspace, LocalDate asOf) {
		return states.asOf(workspace, workspaces.get(workspace).timeZone().getId(), asOf);
	}

	/** These accounts as they stood at the start of {@code asOf} (ids of other workspaces are left out). */
	public List<AccountState> states(WorkspaceId workspace, LocalDate asOf, Collection<Long> accountIds) {
		return states.asOf(workspace, workspaces.get(workspace).timeZone().getId(), asOf,
				accountIds.toArray(Long[]::new));
	}

	@Transactional
	public AccountNote addNote(WorkspaceId workspace, String accountExternalId, String author, String body) {
		return addNote(workspace, accountExternalId, null, author, body);
	}

	/** A note by a signed-in user, who may later edit or delete it ({@link AccountEditing}). */
	@Transactional
	public AccountNote addNote(WorkspaceId workspace, String accountExternalId, Long authorUserId, String author,
			String body) {
		new Validation().required("body", body, 10_000).required("author", author, 320).orThrow("invalid note");
		Account account = account(workspace, accountExternalId);
		AccountNote note = notes.add(workspace, account, authorUserId, author, body.strip());
		events.publishEvent(new AccountNoteAdded(workspace, new AccountId(account.id()), note.id(), author));
		return note;
	}

	/** The workspace's notes after the note {@code afterNoteId}, in id order: how text analytics reads them all. */
	public List<AccountNote> notesAfter(WorkspaceId workspace, long afterNoteId, int limit) {
		return notes.after(workspace, afterNoteId, Math.min(Math.max(limit, 1), 1_000));
	}

	public Optional<AccountNote> note(WorkspaceId workspace, long noteId) {
		return notes.after(workspace, noteId - 1, 1).stream().filter(n -> n.id() == noteId).findFirst();
	}

	public List<AccountNote> notes(WorkspaceId workspace, String accountExternalId, int limit) {
		return notes.of(workspace, account(workspace, accountExternalId), Math.min(Math.max(limit, 1), 500));
	}

	public Optional<Contact> findContact(WorkspaceId workspace, String externalId) {
		return contacts.find(workspace, externalId);
	}

	public Page<Contact> contacts(WorkspaceId workspace, String accountExternalId, String text, int page, int size) {
		checkPage(page, size);
		Long accountId = accountExternalId == null ? null : account(workspace, accountExternalId).id();
		return contacts.list(workspace, accountId, text, page, size);
	}

	@Transactional
	public Contact saveContact(WorkspaceId workspace, String externalId, ContactDraft draft) {
		new Validation().required("externalId", externalId, 200)
			.optional("email", draft.email(), 320)
			.optional("name", draft.name(), 300)
			.optional("role", draft.role(), 100)
			.check(json.write(draft.traits()).length() <= MAX_JSON_CHARS, "traits: at most 16 KB of JSON")
			.orThrow("invalid contact");
		Long accountId = null;
		if (draft.accountExternalId() != null) {
			accountId = account(workspace, draft.accountExternalId()).id();
		}
		contacts.upsert(workspace, externalId, draft, accountId);
		return contacts.find(workspace, externalId).orElseThrow();
	}

	/** Contact upsert for ingestion, where the account may be created by the same batch. */
	@Transactional
	public void saveContact(WorkspaceId workspace, String externalId, ContactDraft draft, Long accountId) {
		contacts.upsert(workspace, externalId, draft, accountId);
	}

	/** The external ids of accounts known by their long ids (events carry those). */
	public Map<Long, String> externalIds(WorkspaceId workspace, Collection<Long> accountIds) {
		return accounts.externalIdsById(workspace, accountIds);
	}

	/**
	 * For each account with contacts marked {@link ContactRoleOption#CHAMPION}, when the most recently seen of them was
	 * last seen (null when none has been seen): "champion gone" watches these people when they are marked.
	 */
	public Map<Long, Optional<Instant>> markedChampionsLastSeen(WorkspaceId workspace) {
		return contacts.lastSeenWithRole(workspace, ContactRoleOption.CHAMPION);
	}

	public Map<String, Long> accountIdsOfUsers(WorkspaceId workspace, Collection<String> userIds) {
		return contacts.accountIdsByUser(workspace, userIds);
	}

	public void recordActivity(WorkspaceId workspace, Map<String, Instant[]> firstAndLastSeenByUser) {
		contacts.touch(workspace, firstAndLastSeenByUser);
	}

	public Optional<Subscription> findSubscription(WorkspaceId workspace, String externalId) {
		return subscriptions.find(workspace, externalId);
	}

	public Page<Subscription> subscriptions(WorkspaceId workspace, String accountExternalId, String status, int page,
			int size) {
		checkPage(page, size);
		Long accountId = accountExternalId == null ? null : account(workspace, accountExternalId).id();
		// Any case, as the API wrote statuses before ADR 0047 (ACTIVE); an unknown one is a 400.
		String code = status == null ? null : SubscriptionStatus.fromCode(status).code();
		return subscriptions.list(workspace, accountId, code, page, size);
	}

	public List<SubscriptionChange> subscriptionHistory(WorkspaceId workspace, String externalId) {
		findSubscription(workspace, externalId).orElseThrow(() -> new NotFoundException("no subscription " + externalId));
		return subscriptions.history(workspace, externalId);
	}

	/**
	 * Creates the subscription or records its new state. Fields left null keep their current value; a new
	 * subscription needs account, plan, MRR and start date.
	 */
	@Transactional
	public Subscription saveSubscription(WorkspaceId workspace, String externalId, SubscriptionDraft draft) {
		Optional<Subscription> current = subscriptions.find(workspace, externalId);
		Subscription next = merge(workspace, externalId, current, draft);
		long accountId = account(workspace, next.accountExternalId()).id();
		LocalDate effectiveOn = draft.effectiveOn() != null ? draft.effectiveOn()
				: next.status() == SubscriptionStatus.CANCELED && next.canceledOn() != null ? next.canceledOn()
				: current.isEmpty() ? next.startedOn() : LocalDate.now(workspaces.get(workspace).timeZone());
		boolean recorded = subscriptions.save(workspace, externalId, accountId, next, effectiveOn);
		Subscription saved = subscriptions.find(workspace, externalId).orElseThrow();
		SubscriptionStatus previousStatus = current.map(Subscription::status).orElse(null);
		long previousMrr = current.map(s -> s.mrr().minorUnits()).orElse(0L);
		// Also a state that leaves today's unchanged (a back-dated one, a new term end): reports read the history.
		if (recorded || previousStatus != saved.status() || previousMrr != saved.mrr().minorUnits()) {
			changes.add(workspace, new SubscriptionsChanged.Change(new AccountId(accountId), externalId, previousStatus, saved.status(),
					previousMrr, saved.mrr().minorUnits()));
		}
		return saved;
	}

	private Subscription merge(WorkspaceId workspace, String externalId, Optional<Subscription> current,
			SubscriptionDraft d) {
		Subscription c = current.orElse(null);
		String account = d.accountExternalId() != null ? d.accountExternalId() : c == null ? null : c.accountExternalId();
		String product = d.product() != null ? d.product() : c == null ? "default" : c.product();
		String plan = d.plan() != null ? d.plan() : c == null ? null : c.plan();
		String currency = d.currency() != null ? d.currency()
				: c != null ? c.mrr().currency().getCurrencyCode()
				: workspaces.get(workspace).currency().getCurrencyCode();
		Long mrr = d.mrrMinor() != null ? d.mrrMinor() : c == null ? null : c.mrr().minorUnits();
		Integer seats = d.seats() != null ? d.seats() : c == null ? 0 : c.seats();
		String status = d.status() != null ? d.status() : c == null ? "active" : c.status().code();
		LocalDate started = d.startedOn() != null ? d.startedOn() : c == null ? null : c.startedOn();
		LocalDate termEnd = d.currentTermEnd() != null ? d.currentTermEnd() : c == null ? null : c.currentTermEnd();
		LocalDate canceled = d.canceledOn() != null ? d.canceledOn() : c == null ? null : c.canceledOn();
		String reason = d.cancelReason() != null ? d.cancelReason() : c == null ? null : c.cancelReason();

		Validation v = new Validation().required("externalId", externalId, 200)
			.required("accountExternalId", account, 200)
			.required("product", product, 100)
			.required("plan", plan, 100)
			.optional("cancelReason", reason, 1000)
			.check(mrr != null, "mrr: required")
			.check(mrr == null || mrr >= 0, "mrr: must not be negative")
			.check(seats >= 0, "seats: must not be negative")
			.check(started != null, "startedOn: required")
			.check(validCurrency(currency), "currency: not an ISO 4217 code: " + currency)
			.check(started == null || canceled == null || !canceled.isBefore(started),
					"canceledOn: before startedOn");
		SubscriptionStatus parsed = null;
		try {
			parsed = SubscriptionStatus.fromCode(status);
		}
		catch (InvalidInputException ex) {
			v.check(false, ex.getMessage());
		}
		v.orThrow("invalid subscription");
		if (parsed == SubscriptionStatus.CANCELED && canceled == null) {
			canceled = d.effectiveOn() != null ? d.effectiveOn() : LocalDate.now(workspaces.get(workspace).timeZone());
		}
		if (parsed != SubscriptionStatus.CANCELED) {
			canceled = null;
			reason = null;
		}
		return new Subscription(c == null ? 0 : c.id(), externalId, account, product, plan,
				Money.of(mrr, currency), seats, parsed, started, termEnd, canceled, reason);
	}

	private void validate(WorkspaceId workspace, String externalId, AccountDraft draft, boolean creating) {
		Validation v = new Validation().required("externalId", externalId, 200)
			.optional("name", draft.name(), 300)
			.optional("domain", draft.domain(), 253)
			.optional("industry", draft.industry(), 100)
			.optional("tier", draft.tier(), 50)
			.optional("lifecycleStage", draft.lifecycleStage(), 50)
			.optional("parentExternalId", draft.parentExternalId(), 200)
			.check(json.write(draft.attributes()).length() <= MAX_JSON_CHARS, "attributes: at most 16 KB of JSON");
		if (creating) {
			v.required("name", draft.name(), 300);
		}
		v.check(draft.name() == null || !draft.name().isBlank(), "name: must not be blank");
		if (draft.tier() != null) {
			Vocabulary tiers = tiers(workspace);
			v.check(tiers.contains(draft.tier()), "tier: not one of this workspace's tiers " + tiers.codes() + ": "
					+ draft.tier());
		}
		if (draft.lifecycleStage() != null) {
			Vocabulary stages = lifecycleStages(workspace);
			v.check(stages.contains(draft.lifecycleStage()), "lifecycleStage: not one of this workspace's lifecycle"
					+ " stages " + stages.codes() + ": " + draft.lifecycleStage());
		}
		if (draft.ownerUserId() != null) {
			v.check(people.users(workspace).stream().anyMatch(u -> u.id() == draft.ownerUserId()),
					"ownerUserId: no such user in this workspace");
		}
		if (draft.parentExternalId() != null) {
			v.check(!draft.parentExternalId().equals(externalId), "parentExternalId: an account cannot be its own parent");
			v.check(accounts.exists(workspace, draft.parentExternalId()), "parentExternalId: no such account");
		}
		v.orThrow("invalid account");
	}

	private static boolean validCurrency(String code) {
		try {
			Currency.getInstance(code);
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void checkPage(int page, int size) {
		new AccountQuery(null, null, null, null, page, size);
	}
}
