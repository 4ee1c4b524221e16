package io.kizuna.web;

import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.UserManagement;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class SignInUsers implements UserDetailsService {

	private final UserManagement people;

	SignInUsers(UserManagement people) {
		this.people = people;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		return people.findUser(email)
			.flatMap(user -> people.passwordHash(email).map(hash -> new SignedInUser(user, hash)))
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}
}
