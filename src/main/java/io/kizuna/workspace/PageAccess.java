package io.kizuna.workspace;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * Who may call some of a module's pages and actions. The web app's permission matrix is the union of what every
 * module declares through {@link WebPages}; a page that no module placed in it is refused to everyone.
 *
 * @param method the HTTP method, or {@code null} for every method
 * @param paths path patterns ({@code /accounts/*}, {@code /settings/scorecards/**})
 */
public record PageAccess(HttpMethod method, List<String> paths, Set<Role> roles) {

	public PageAccess {
		paths = List.copyOf(paths);
		roles = Set.copyOf(roles);
		if (paths.isEmpty() || roles.isEmpty()) {
			throw new IllegalArgumentException("a page access names at least one path and one role");
		}
	}

	public static PageAccess get(Set<Role> roles, String... paths) {
		return new PageAccess(HttpMethod.GET, List.of(paths), roles);
	}

	public static PageAccess post(Set<Role> roles, String... paths) {
		return new PageAccess(HttpMethod.POST, List.of(paths), roles);
	}

	public static PageAccess any(Set<Role> roles, String... paths) {
		return new PageAccess(null, List.of(paths), roles);
	}
}
