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

/** People: users and their roles, and signing in (throttled, every attempt in the audit log). */
@Service
public class UserManagement {

	private final Users users;

	private final AuditLog audit;

	private final PasswordEncoder passwordEncoder;

	private final SignInAttempts signInAttempts;

	UserManagement(Users users, AuditLog audit, PasswordEncoder passwordEncoder, SignInAttempts signInAttempts) {
		this.users = users;
		this.audit = audit;
		this.passwordEncoder = passwordEncoder;
		this.signInAttempts = signInAttempts;
	}

	static final int MIN_PASSWORD_LENGTH = 12;

	@Transactional
	public User createUser(WorkspaceId workspace, String email, String displayName, String password, Role role) {
		List<String> errors = new ArrayList<>();
		if (email == null || !email.matches("[^@\\s]{1,64}@[^@\\s]{1,190}")) {
			errors.add("email: not an e-mail address");
		}
		if (!acceptable(password)) {
			errors.add(PASSWORD_POLICY);
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

	static final int MAX_PASSWORD_LENGTH = 128;

	/** The one password policy, for new users, changed and reset passwords alike. */
	public static final String PASSWORD_POLICY = "password: " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH
			+ " characters";

	static boolean acceptable(String password) {
		return password != null && password.length() >= MIN_PASSWORD_LENGTH && password.length() <= MAX_PASSWORD_LENGTH;
	}

	/**
	 * A person changes their own password: the current one, then the new one twice, under the same policy as new
	 * users' (and not the current one again). Clears a reset's "change at next sign-in".
	 */
	@Transactional
	public void changeOwnPassword(User user, String current, String password, String repeat) {
		String hash = users.passwordHash(user.email()).orElseThrow(() -> new NotFoundException("no user"));
		List<String> errors = new ArrayList<>();
		if (current == null || current.length() > MAX_PASSWORD_LENGTH || !passwordEncoder.matches(current, hash)) {
			errors.add(WRONG_CURRENT_PASSWORD);
		}
		else if (!acceptable(password)) {
			errors.add(PASSWORD_POLICY);
		}
		else if (!password.equals(repeat)) {
			errors.add(PASSWORDS_DIFFER);
		}
		else if (password.equals(current)) {
			errors.add(SAME_PASSWORD);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("password not changed", errors);
		}
		users.setPassword(user.workspaceId(), user.id(), passwordEncoder.encode(password), false);
		audit.record(user.workspaceId(), user.email(), "user.password_changed", user.email(), Map.of());
	}

	public static final String WRONG_CURRENT_PASSWORD = "currentPassword: wrong";

	public static final String PASSWORDS_DIFFER = "repeat: differs from the new password";

	public static final String SAME_PASSWORD = "password: the same as the current one";

	/**
	 * An admin gives another user a new, generated password, returned to be shown once; the user must change it at
	 * their next sign-in. Admins change their own on the password page.
	 */
	@Transactional
	public String resetPassword(WorkspaceId workspace, long userId, String actor) {
		User user = users.find(workspace, userId).orElseThrow(() -> new NotFoundException("no user " + userId));
		if (user.email().equalsIgnoreCase(actor)) {
			throw new InvalidInputException("change your own password on the password page");
		}
		String password = readablePassword();
		users.setPassword(workspace, userId, passwordEncoder.encode(password), true);
		audit.record(workspace, "user.password_reset", user.email(), Map.of());
		return password;
	}

	/** Whether the user must choose a new password before anything else (after an admin reset it). */
	public boolean passwordChangeRequired(String email) {
		return users.passwordChangeRequired(email);
	}

	private static final String READABLE = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	/** Four groups of four from 31 unambiguous characters (about 79 bits): easy to read out and type once. */
	static String readablePassword() {
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 16; i++) {
			if (i > 0 && i % 4 == 0) {
				password.append('-');
			}
			password.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
		}
		return password.toString();
	}

	public List<User> users(WorkspaceId workspace) {
		return users.all(workspace);
	}
}
