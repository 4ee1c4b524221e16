package io.kizuna.workspace;

import java.util.List;

import io.kizuna.workspace.User;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A person signed in to the web app, with their workspace and role. */
public class SignedInUser extends org.springframework.security.core.userdetails.User {

	private final User user;

	public SignedInUser(User user, String passwordHash) {
		super(user.email(), passwordHash, !user.disabled(), true, true, true,
				List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
		this.user = user;
	}

	public User user() {
		return user;
	}
}
