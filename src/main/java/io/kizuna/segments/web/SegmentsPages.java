package io.kizuna.segments.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/**
 * Everyone sees segments, may try the builder and sees the books of business; those who own accounts (CSMs and
 * leads) save segments; leads set the touch model.
 */
@Component
class SegmentsPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		// the builder and its preview only read; saving is for those who own accounts
		return List.of(get(Roles.EVERYONE, "/segments", "/segments/*", "/touch-model"),
				post(Roles.EVERYONE, "/segment-builder"), post(Roles.OWNERS, "/segments", "/segments/*"),
				post(Roles.LEADS, "/touch-model"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-segments", "nav.segments", "/segments", 35, Roles.EVERYONE),
				new NavigationEntry("nav-touch-model", "nav.touchModel", "/touch-model", 36, Roles.EVERYONE));
	}
}
