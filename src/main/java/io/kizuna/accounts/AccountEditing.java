package io.kizuna.accounts;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The edits people make on account 360: owner, tier and stage, custom attributes, their own notes and the roles of
 * contacts. Each one is written to the audit log and to the account's timeline ({@link AccountChange}) in the same
 * transaction; who may make them is the web app's permission matrix.
 */
@Service
public class AccountEditing {

	static final int MAX_ATTRIBUTES = 100;

	static final int MAX_KEY = 100;

	static final int MAX_VALUE = 1000;

	private final AccountManagement accounts;

	private final Accounts store;

	private final Notes notes;

	private final Contacts contacts;

	private final AccountChanges changes;

	private final ContactRoleOptions roles;

	private final UserManagement people;

	private final AuditTrail audit;

	AccountEditing(AccountManagement accounts, Accounts store, Notes notes, Contacts contacts, AccountChanges changes,
			ContactRoleOptions roles, UserManagement people, AuditTrail audit) {
		this.accounts = accounts;
		this.store = store;
		this.notes = notes;
		this.contacts = contacts;
		this.changes = changes;
		this.roles = roles;
		this.people = people;
		this.audit = audit;
	}

	/** Gives the account another owner (a user of the workspace), or none. */
	@Transactional
	public Account changeOwner(WorkspaceId workspace, String externalId, Long ownerUserId, User editor) {
		Account account = accounts.account(workspace, externalId);
		Map<Long, String> names = people.users(workspace).stream()
			.collect(Collectors.toMap(User::id, User::displayName));
		if (ownerUserId != null && !names.containsKey(ownerUserId)) {
			throw new InvalidInputException("invalid account", List.of("ownerUserId: no such user in this workspace"));
		}
		if (Objects.equals(ownerUserId, account.ownerUserId())) {
			return account;
		}
		store.setOwner(workspace, account.id(), ownerUserId);
		String from = account.ownerUserId() == null ? null : names.get(account.ownerUserId());
		String to = ownerUserId == null ? null : names.get(ownerUserId);
		record(workspace, account, editor, "owner", null, from, to, "account.owner_changed",
				detail("from", account.ownerUserId(), "to", ownerUserId));
		return accounts.account(workspace, externalId);
	}

	/**
	 * Changes tier and lifecycle stage through {@link AccountManagement#updateAccount}, which validates them; a blank
	 * value leaves the field as it is.
	 */
	@Transactional
	public Account changeTierAndStage(WorkspaceId workspace, String externalId, String tier, String stage, User editor) {
		Account before = accounts.account(workspace, externalId);
		String newTier = blankToNull(tier);
		String newStage = blankToNull(stage);
		Account after = accounts.updateAccount(workspace, externalId,
				new AccountDraft(null, null, null, newTier, null, newStage, null, null));
		if (!Objects.equals(before.tier(), after.tier())) {
			record(workspace, after, editor, "tier", null, before.tier(), after.tier(), "account.tier_changed",
					detail("from", before.tier(), "to", after.tier()));
		}
		if (!Objects.equals(before.lifecycleStage(), after.lifecycleStage())) {
			record(workspace, after, editor, "stage", null, before.lifecycleStage(), after.lifecycleStage(),
					"account.stage_changed", detail("from", before.lifecycleStage(), "to", after.lifecycleStage()));
		}
		return after;
	}

	/** Adds a custom attribute or changes its value (text; at most 100 attributes per account). */
	@Transactional
	public Account setAttribute(WorkspaceId workspace, String externalId, String key, String value, User editor) {
		Account account = accounts.account(workspace, externalId);
		String k = key == null ? null : key.strip();
		String v = value == null ? null : value.strip();
		new Validation().required("key", k, MAX_KEY)
			.required("value", v, MAX_VALUE)
			.check(account.attributes().containsKey(k) || account.attributes().size() < MAX_ATTRIBUTES,
					"attributes: at most " + MAX_ATTRIBUTES)
			.orThrow("invalid attribute");
		Object old = account.attributes().get(k);
		if (v.equals(old)) {
			return account;
		}
		Account after = accounts.updateAccount(workspace, externalId,
				new AccountDraft(null, null, null, null, null, null, null, Map.of(k, v)));
		record(workspace, after, editor, "attribute_set", k, old == null ? null : String.valueOf(old), v,
				"account.attribute_set", detail("key", k, "from", old, "to", v));
		return after;
	}

	@Transactional
	public Account removeAttribute(WorkspaceId workspace, String externalId, String key, User editor) {
		Account account = accounts.account(workspace, externalId);
		if (key == null || !account.attributes().containsKey(key)) {
			throw new NotFoundException("no attribute " + key);
		}
		Map<String, Object> removal = new HashMap<>();
		removal.put(key, null); // a null value removes the key (AccountDraft)
		Account after = accounts.updateAccount(workspace, externalId,
				new AccountDraft(null, null, null, null, null, null, null, removal));
		Object old = account.attributes().get(key);
		record(workspace, after, editor, "attribute_removed", key, String.valueOf(old), null,
				"account.attribute_removed", detail("key", key, "from", old));
		return after;
	}

	/** Changes a note's text; only the note's author may. */
	@Transactional
	public AccountNote editNote(WorkspaceId workspace, String externalId, long noteId, String body, User editor) {
		new Validation().required("body", body, 10_000).orThrow("invalid note");
		Account account = accounts.account(workspace, externalId);
		AccountNote note = ownNote(workspace, account, noteId, editor);
		String text = body.strip();
		if (!text.equals(note.body())) {
			notes.edit(workspace, noteId, text);
			record(workspace, account, editor, "note_edited", Long.toString(noteId), excerpt(note.body()), excerpt(text),
					"account_note.edited", detail("note", noteId));
		}
		return notes.find(workspace, account, noteId).orElseThrow();
	}

	/** Deletes a note; only the note's author may. */
	@Transactional
	public void deleteNote(WorkspaceId workspace, String externalId, long noteId, User editor) {
		Account account = accounts.account(workspace, externalId);
		AccountNote note = ownNote(workspace, account, noteId, editor);
		notes.delete(workspace, noteId);
		record(workspace, account, editor, "note_deleted", Long.toString(noteId), excerpt(note.body()), null,
				"account_note.deleted", detail("note", noteId));
	}

	/** Marks a contact of the account with one of the workspace's roles, or with none (blank). */
	@Transactional
	public Contact setContactRole(WorkspaceId workspace, String externalId, String contactExternalId, String role,
			User editor) {
		Account account = accounts.account(workspace, externalId);
		Contact contact = contacts.find(workspace, contactExternalId)
			.filter(c -> account.externalId().equals(c.accountExternalId()))
			.orElseThrow(() -> new NotFoundException("no contact " + contactExternalId + " on this account"));
		String code = blankToNull(role);
		if (code != null && roles.of(workspace).stream().noneMatch(option -> option.code().equals(code))) {
			throw new InvalidInputException("invalid contact", List.of("role: not one of the workspace's contact roles"));
		}
		if (Objects.equals(code, contact.accountRole())) {
			return contact;
		}
		contacts.setAccountRole(workspace, contact.id(), code);
		String who = contact.name() != null ? contact.name() : contact.email() != null ? contact.email() : contact.externalId();
		record(workspace, account, editor, "contact_role", who, contact.accountRole(), code, "contact.role_changed",
				detail("contact", contact.externalId(), "from", contact.accountRole(), "to", code));
		return contacts.find(workspace, contactExternalId).orElseThrow();
	}

	/** The newest edits first, for the account's timeline. */
	public List<AccountChange> changes(WorkspaceId workspace, String externalId, int limit) {
		return changes.of(workspace, accounts.account(workspace, externalId).id(), Math.min(Math.max(limit, 1), 500));
	}

	public List<ContactRoleOption> contactRoles(WorkspaceId workspace) {
		return roles.of(workspace);
	}

	/**
	 * Replaces the workspace's contact roles. Codes are lower-case letters, digits and underscores; contacts keep a
	 * role that is no longer offered (shown as "other") until someone changes it.
	 */
	@Transactional
	public List<ContactRoleOption> saveContactRoles(WorkspaceId workspace, List<ContactRoleOption> options) {
		Validation v = new Validation().check(!options.isEmpty(), "roles: at least one")
			.check(options.size() <= 30, "roles: at most 30");
		Set<String> codes = new java.util.HashSet<>();
		for (ContactRoleOption option : options) {
			v.check(option.code() != null && option.code().matches("[a-z][a-z0-9_]{0,39}"),
					"code: lower-case letters, digits and _, at most 40: " + option.code())
				.required("labelJa", option.labelJa(), 60)
				.required("labelEn", option.labelEn(), 60)
				.check(codes.add(option.code()), "code: listed twice: " + option.code());
		}
		v.orThrow("invalid contact roles");
		List<ContactRoleOption> before = roles.of(workspace);
		roles.replace(workspace, options);
		audit.record(workspace, "contact_roles.changed", null, Map.of("from", before, "to", options));
		return roles.of(workspace);
	}

	private AccountNote ownNote(WorkspaceId workspace, Account account, long noteId, User editor) {
		AccountNote note = notes.find(workspace, account, noteId)
			.orElseThrow(() -> new NotFoundException("no note " + noteId));
		if (note.authorUserId() == null || note.authorUserId() != editor.id()) {
			throw new AccessDeniedException("only its author may change a note");
		}
		return note;
	}

	private void record(WorkspaceId workspace, Account account, User editor, String kind, String subject, String from,
			String to, String action, Map<String, Object> detail) {
		changes.add(workspace, account.id(), editor.displayName(), kind, subject, from, to);
		detail.put("account", account.externalId());
		audit.record(workspace, action, account.externalId(), detail);
	}

	/** A map that keeps null values (Map.of does not). */
	private static Map<String, Object> detail(Object... keysAndValues) {
		Map<String, Object> detail = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			detail.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return detail;
	}

	private static String excerpt(String body) {
		return body.length() <= 80 ? body : body.substring(0, 79) + "…";
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
