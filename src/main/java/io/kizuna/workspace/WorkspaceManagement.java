package io.kizuna.workspace;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The workspace module's API: tenants, people, keys and tokens. */
@Service
public class WorkspaceManagement {

	static final int MIN_PASSWORD_LENGTH = 12;

	private final Workspaces workspaces;

	private final Users users;

	private final Credentials credentials;

	private final AuditLog audit;

	private final PasswordEncoder passwordEncoder;

	private final SignInAttempts signInAttempts;

	private final OutboundAllowList outboundAllowList;

	// Workspace settings are read on every ingestion call and change rarely.
	private final Map<WorkspaceId, Workspace> cache = new ConcurrentHashMap<>();

	WorkspaceManagement(Workspaces workspaces, Users users, Credentials credentials, AuditLog audit,
			PasswordEncoder passwordEncoder, SignInAttempts signInAttempts, OutboundAllowList outboundAllowList) {
		this.signInAttempts = signInAttempts;
		this.outboundAllowList = outboundAllowList;
		this.workspaces = workspaces;
		this.users = users;
		this.credentials = credentials;
		this.audit = audit;
		this.passwordEncoder = passwordEncoder;
	}

	public Workspace get(WorkspaceId id) {
		Workspace cached = cache.get(id);
		if (cached != null) {
			return cached;
		}
		Workspace workspace = workspaces.find(id).orElseThrow(() -> new NotFoundException("no workspace " + id));
		cache.put(id, workspace);
		return workspace;
	}

	public List<WorkspaceId> ids() {
		return workspaces.ids();
	}

	public Optional<Workspace> findBySlug(String slug) {
		return workspaces.findBySlug(slug);
	}

	@Transactional
	public Workspace create(NewWorkspace request) {
		List<String> errors = new ArrayList<>();
		if (request.slug() == null || !request.slug().matches("[a-z0-9][a-z0-9-]{0,62}")) {
			errors.add("slug: lower-case letters, digits and dashes, at most 63");
		}
		if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
			errors.add("name: required, at most 200 characters");
		}
		errors.addAll(violations(new WorkspaceSettings(request.currency(), request.timeZone(), request.locale())));
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid workspace", errors);
		}
		Workspace workspace = workspaces.add(request);
		audit.record(workspace.id(), "workspace.created", workspace.slug(), Map.of());
		return workspace;
	}

	/**
	 * Changes the currency, time zone and default language. Days are cut in the new zone from now on; amounts
	 * already recorded keep their own currency (nothing is converted).
	 */
	@Transactional
	public Workspace updateSettings(WorkspaceId id, WorkspaceSettings settings, String actor) {
		List<String> errors = violations(settings);
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid workspace settings", errors);
		}
		Workspace before = get(id);
		Workspace after = workspaces.updateSettings(id, settings.currency().strip(), settings.timeZone().strip(),
				settings.locale());
		cache.remove(id);
		audit.record(id, actor, "workspace.settings_changed", before.slug(),
				Map.of("from", WorkspaceSettings.of(before).toString(), "to", WorkspaceSettings.of(after).toString()));
		return after;
	}

	/** Each violation starts with its field: currency, timeZone or locale. */
	static List<String> violations(WorkspaceSettings settings) {
		List<String> errors = new ArrayList<>();
		String currency = settings.currency() == null ? "" : settings.currency().strip();
		try {
			if (!currency.matches("[A-Z]{3}")) {
				throw new IllegalArgumentException();
			}
			Currency.getInstance(currency);
		}
		catch (RuntimeException ex) {
			errors.add("currency: not an ISO 4217 code: " + bounded(settings.currency()));
		}
		try {
			String zone = settings.timeZone() == null ? "" : settings.timeZone().strip();
			// Region ids only: offsets like +09:00 have no daylight-saving rules and are not what people mean.
			if (!ZoneId.getAvailableZoneIds().contains(zone)) {
				throw new DateTimeException(zone);
			}
		}
		catch (DateTimeException ex) {
			errors.add("timeZone: unknown time zone: " + bounded(settings.timeZone()));
		}
		if (!"ja".equals(settings.locale()) && !"en".equals(settings.locale())) {
			errors.add("locale: ja or en");
		}
		return errors;
	}

	private static String bounded(String text) {
		return text == null ? "null" : text.length() > 50 ? text.substring(0, 50) + "…" : text;
	}

	@Transactional
	public User createUser(WorkspaceId workspace, String email, String displayName, String password, Role role) {
		List<String> errors = new ArrayList<>();
		if (email == null || !email.matches("[^@\\s]{1,64}@[^@\\s]{1,190}")) {
			errors.add("email: not an e-mail address");
		}
		if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > 128) {
			errors.add("password: " + MIN_PASSWORD_LENGTH + " to 128 characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid user", errors);
		}
		if (users.findByEmail(email).isPresent()) {
			throw new io.kizuna.shared.ConflictException("a user with this e-mail address exists");
		}
		User user = users.add(workspace, email, displayName == null ? email : displayName,
				passwordEncoder.encode(password), role);
		audit.record(workspace, "user.created", email, Map.of("role", role.code()));
		return user;
	}

	public Optional<User> findUser(String email) {
		return users.findByEmail(email);
	}

	/** The stored password hash of an enabled user, for the sign-in check only. */
	public Optional<String> passwordHash(String email) {
		return users.findByEmail(email).filter(user -> !user.disabled()).flatMap(user -> users.passwordHash(email));
	}

	static final int ATTEMPT_WINDOW_SECONDS = 300;

	/**
	 * Counts a sign-in attempt before its password is checked and answers whether it may proceed (at most
	 * {@code perAccount} and {@code perAddress} attempts in five minutes); the first refused attempt is recorded in
	 * the audit log of the account's workspace.
	 */
	@Transactional
	public boolean admitSignIn(String email, String remoteAddress, int perAccount, int perAddress) {
		String account = "account:" + email.trim().toLowerCase(java.util.Locale.ROOT);
		int byAccount = signInAttempts.register(account, ATTEMPT_WINDOW_SECONDS);
		int byAddress = remoteAddress == null ? 0 : signInAttempts.register("address:" + remoteAddress, ATTEMPT_WINDOW_SECONDS);
		boolean admitted = byAccount <= perAccount && byAddress <= perAddress;
		if (!admitted && (byAccount == perAccount + 1 || byAddress == perAddress + 1)) {
			users.findByEmail(email).ifPresent(user -> audit.record(user.workspaceId(), email, "sign_in.locked", email,
					Map.of("address", String.valueOf(remoteAddress))));
		}
		return admitted;
	}

	/**
	 * How long a refused sign-in stays refused: until the window that went over its limit ends, in whole minutes
	 * (at least one), so the sign-in page can say when to try again.
	 */
	@Transactional(readOnly = true)
	public java.time.Duration signInLockedFor(String email, String remoteAddress, int perAccount, int perAddress) {
		Integer seconds = signInAttempts.secondsLocked("account:" + email.trim().toLowerCase(java.util.Locale.ROOT),
				perAccount, remoteAddress == null ? null : "address:" + remoteAddress, perAddress, ATTEMPT_WINDOW_SECONDS);
		long minutes = seconds == null ? ATTEMPT_WINDOW_SECONDS / 60 : Math.max(1, (seconds + 59) / 60);
		return java.time.Duration.ofMinutes(minutes);
	}

	/** A successful sign-in clears the account's count (not the address's) and is recorded. */
	@Transactional
	public void signedIn(String email, String remoteAddress) {
		signInAttempts.clear("account:" + email.trim().toLowerCase(java.util.Locale.ROOT));
		users.findByEmail(email).ifPresent(user -> audit.record(user.workspaceId(), user.email(), "sign_in.succeeded",
				user.email(), Map.of("address", String.valueOf(remoteAddress))));
	}

	/** A wrong password for a known account is recorded in its workspace; unknown addresses belong to no workspace. */
	@Transactional
	public void signInFailed(String email, String remoteAddress) {
		users.findByEmail(email).ifPresent(user -> audit.record(user.workspaceId(), user.email(), "sign_in.failed",
				user.email(), Map.of("address", String.valueOf(remoteAddress))));
	}

	@Transactional
	public void signedOut(User user) {
		audit.record(user.workspaceId(), user.email(), "sign_out", user.email(), Map.of());
	}

	/** Gives a user another role; nobody changes their own, and the last admin stays one. */
	@Transactional
	public User changeRole(WorkspaceId workspace, long userId, Role role, String actor) {
		User user = users.find(workspace, userId).orElseThrow(() -> new NotFoundException("no user " + userId));
		if (user.email().equalsIgnoreCase(actor)) {
			throw new InvalidInputException("you cannot change your own role");
		}
		if (user.role() == Role.ADMIN && role != Role.ADMIN && !user.disabled() && enabledAdmins(workspace) <= 1) {
			throw new InvalidInputException("the workspace needs at least one admin");
		}
		users.setRole(workspace, userId, role);
		audit.record(workspace, "user.role_changed", user.email(), Map.of("from", user.role().code(), "to", role.code()));
		return users.find(workspace, userId).orElseThrow();
	}

	/** Disables (or enables again) a user: a disabled user cannot sign in. Nobody disables themselves. */
	@Transactional
	public User setDisabled(WorkspaceId workspace, long userId, boolean disabled, String actor) {
		User user = users.find(workspace, userId).orElseThrow(() -> new NotFoundException("no user " + userId));
		if (user.email().equalsIgnoreCase(actor)) {
			throw new InvalidInputException("you cannot disable yourself");
		}
		if (user.disabled() == disabled) {
			return user;
		}
		users.setDisabled(workspace, userId, disabled);
		audit.record(workspace, disabled ? "user.disabled" : "user.enabled", user.email(), Map.of());
		return users.find(workspace, userId).orElseThrow();
	}

	private long enabledAdmins(WorkspaceId workspace) {
		return users.all(workspace).stream().filter(u -> u.role() == Role.ADMIN && !u.disabled()).count();
	}

	/** Records a security-relevant or configuration change made by the current person or token. */
	@Transactional
	public void audit(WorkspaceId workspace, String action, String target, Map<String, ?> detail) {
		audit.record(workspace, action, target, detail);
	}

	public AuditPage auditLog(WorkspaceId workspace, AuditQuery query) {
		return audit.page(workspace, query);
	}

	public List<String> auditActions(WorkspaceId workspace) {
		return audit.actions(workspace);
	}

	/** Internal hosts and blocks an admin allowed outbound calls to (see shared.OutboundUrlGuard). */
	public List<String> outboundAllowList(WorkspaceId workspace) {
		return outboundAllowList.entries(workspace);
	}

	@Transactional
	public List<String> saveOutboundAllowList(WorkspaceId workspace, List<String> entries) {
		if (entries.size() > 100) {
			throw new InvalidInputException("at most 100 allow-list entries");
		}
		List<String> errors = new ArrayList<>();
		List<String> checked = new ArrayList<>();
		for (String entry : entries) {
			try {
				String value = io.kizuna.shared.OutboundUrlGuard.allowListEntry(entry);
				if (!checked.contains(value)) {
					checked.add(value);
				}
			}
			catch (InvalidInputException ex) {
				errors.add(ex.getMessage());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid allow-list", errors);
		}
		List<String> before = outboundAllowList.entries(workspace);
		outboundAllowList.replace(workspace, checked);
		audit.record(workspace, "outbound_allow_list.changed", null, Map.of("from", before, "to", checked));
		return checked;
	}

	public List<User> users(WorkspaceId workspace) {
		return users.all(workspace);
	}

	@Transactional
	public IssuedSecret issueWriteKey(WorkspaceId workspace, String name) {
		return addWriteKey(workspace, name, Secrets.generate("wk_"));
	}

	@Transactional
	public IssuedSecret issueApiToken(WorkspaceId workspace, String name, TokenScope scope) {
		return addApiToken(workspace, name, scope, Secrets.generate("kzt_"));
	}

	/** Registers a secret chosen by an operator (bootstrap), unless it is registered already. */
	@Transactional
	public boolean registerWriteKey(WorkspaceId workspace, String name, String secret) {
		if (credentials.writeKeyExists(secret)) {
			return false;
		}
		addWriteKey(workspace, name, secret);
		return true;
	}

	@Transactional
	public boolean registerApiToken(WorkspaceId workspace, String name, TokenScope scope, String secret) {
		if (credentials.apiTokenExists(secret)) {
			return false;
		}
		addApiToken(workspace, name, scope, secret);
		return true;
	}

	public Optional<WorkspaceId> authenticateWriteKey(String secret) {
		return blank(secret) ? Optional.empty() : credentials.useWriteKey(secret);
	}

	public Optional<ApiClient> authenticateApiToken(String secret) {
		return blank(secret) ? Optional.empty() : credentials.useApiToken(secret);
	}

	@Transactional
	public void revokeWriteKey(WorkspaceId workspace, long keyId, String actor) {
		if (!credentials.revokeWriteKey(workspace, keyId)) {
			throw new NotFoundException("no active write key " + keyId);
		}
		audit.record(workspace, actor, "write_key.revoked", Long.toString(keyId), Map.of());
	}

	@Transactional
	public void revokeApiToken(WorkspaceId workspace, long tokenId, String actor) {
		if (!credentials.revokeApiToken(workspace, tokenId)) {
			throw new NotFoundException("no active API token " + tokenId);
		}
		audit.record(workspace, actor, "api_token.revoked", Long.toString(tokenId), Map.of());
	}

	public List<KeySummary> writeKeys(WorkspaceId workspace) {
		return credentials.writeKeys(workspace);
	}

	public List<KeySummary> apiTokens(WorkspaceId workspace) {
		return credentials.apiTokens(workspace);
	}

	private IssuedSecret addWriteKey(WorkspaceId workspace, String name, String secret) {
		long id = credentials.addWriteKey(workspace, name, secret);
		audit.record(workspace, "write_key.created", name, Map.of("id", id));
		return new IssuedSecret(id, name, secret);
	}

	private IssuedSecret addApiToken(WorkspaceId workspace, String name, TokenScope scope, String secret) {
		long id = credentials.addApiToken(workspace, name, scope, secret);
		audit.record(workspace, "api_token.created", name, Map.of("id", id, "scope", scope.code()));
		return new IssuedSecret(id, name, secret);
	}

	private static boolean blank(String secret) {
		return secret == null || secret.isBlank() || secret.length() > 200;
	}
}
