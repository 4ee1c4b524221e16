package io.kizuna.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WebPages;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The header links every module contributed, in order, as {@code @navigation} for the layout. */
@Component("navigation")
class Navigation {

	private final List<NavigationEntry> entries;

	Navigation(List<WebPages> pages) {
		this.entries = pages.stream()
			.flatMap(page -> page.navigation().stream())
			.sorted(Comparator.comparingInt(NavigationEntry::order))
			.toList();
	}

	/** The links the signed-in reader's role may open. */
	public List<NavigationEntry> visible() {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (signedIn == null) {
			return List.of();
		}
		Set<String> authorities = signedIn.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		return entries.stream()
			.filter(entry -> entry.roles().stream().map(Role::name).anyMatch(role -> authorities.contains("ROLE_" + role)))
			.toList();
	}
}
