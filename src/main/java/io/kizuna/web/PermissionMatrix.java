package io.kizuna.web;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.WebPages;

/**
 * The modules' declarations as one matrix, most specific paths first: Spring Security takes the first rule that
 * matches, so {@code /settings/outbound} must come before a pattern that would also match it. Two modules giving the
 * same method and path different roles is a mistake that fails the start.
 */
final class PermissionMatrix {

	private PermissionMatrix() {
	}

	static List<PageAccess> of(List<WebPages> pages) {
		List<PageAccess> rules = pages.stream()
			.flatMap(page -> page.access().stream())
			.flatMap(access -> access.paths().stream()
				.map(path -> new PageAccess(access.method(), List.of(path), access.roles())))
			.sorted(Comparator.comparingInt((PageAccess access) -> wildcards(access.paths().get(0)))
				.thenComparing(access -> -access.paths().get(0).length())
				.thenComparing(access -> access.method() == null ? 1 : 0))
			.toList();
		Map<String, PageAccess> seen = new HashMap<>();
		for (PageAccess rule : rules) {
			String key = rule.method() + " " + rule.paths().get(0);
			PageAccess before = seen.putIfAbsent(key, rule);
			if (before != null && !Objects.equals(before.roles(), rule.roles())) {
				throw new IllegalStateException("two modules give " + key + " different roles: " + before.roles()
						+ " and " + rule.roles());
			}
		}
		return rules;
	}

	/** {@code **} matches the most, then {@code *}: fewer and narrower wildcards first. */
	private static int wildcards(String path) {
		return path.contains("**") ? 100 : (int) path.chars().filter(c -> c == '*').count();
	}
}
