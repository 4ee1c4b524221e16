package io.kizuna.web;

import io.kizuna.workspace.UserManagement;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in with attempt limits per account and per address. The attempt is counted before the password
 * is checked, atomically in the database, so parallel guesses cannot race past the limit on any node.
 */
class ThrottledSignIn implements AuthenticationProvider {

	private final UserManagement people;

	private final DaoAuthenticationProvider passwords;

	private final SignInSettings limits;

	ThrottledSignIn(UserManagement people, UserDetailsService users, PasswordEncoder encoder,
			SignInSettings limits) {
		this.people = people;
		this.limits = limits;
		this.passwords = new DaoAuthenticationProvider(users);
		this.passwords.setPasswordEncoder(encoder);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String email = String.valueOf(authentication.getPrincipal());
		String address = authentication.getDetails() instanceof WebAuthenticationDetails details
				? details.getRemoteAddress() : null;
		if (email.length() > 320
				|| !people.admitSignIn(email, address, limits.maxAttemptsPerAccount(), limits.maxAttemptsPerAddress())) {
			throw new SignInLocked(people.signInLockedFor(email, address, limits.maxAttemptsPerAccount(),
					limits.maxAttemptsPerAddress()));
		}
		Authentication result;
		try {
			result = passwords.authenticate(authentication);
		}
		catch (AuthenticationException ex) {
			people.signInFailed(email, address);
			throw ex;
		}
		people.signedIn(email, address);
		return result;
	}

	/** Refused before the password was looked at; the sign-in page says for how long. */
	static final class SignInLocked extends LockedException {

		private final long minutes;

		SignInLocked(java.time.Duration lockedFor) {
			super("Too many sign-in attempts; try again in " + lockedFor.toMinutes() + " minutes.");
			this.minutes = lockedFor.toMinutes();
		}

		long minutes() {
			return minutes;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
