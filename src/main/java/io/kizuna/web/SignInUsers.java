package io.kizuna.web;

import io.kizuna.workspace.SignedInUser;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class SignInUsers implements UserDetailsService {

	private final WorkspaceManagement workspaces;

	SignInUsers(WorkspaceManagement workspaces) {
		this.workspaces = workspaces;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		return workspaces.findUser(email)
			.flatMap(user -> workspaces.passwordHash(email).map(hash -> new SignedInUser(user, hash)))
			.orElseThrow(() -> new UsernameNotFoundException("no such user"));
	}
}
