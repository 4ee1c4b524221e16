package io.kizuna.workspace;

import java.util.Set;

/**
 * A link in the header that a module contributes through {@link WebPages}: the layout shows, in {@code order}, the
 * entries whose roles include the reader's.
 *
 * @param id the element id, for tests and skip links (e.g. {@code nav-revenue})
 * @param labelKey the message key of the label, in the module's own bundle
 */
public record NavigationEntry(String id, String labelKey, String path, int order, Set<Role> roles) {

	public NavigationEntry {
		roles = Set.copyOf(roles);
	}
}
