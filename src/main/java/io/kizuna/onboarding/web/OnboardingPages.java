package io.kizuna.onboarding.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/** Everyone sees plans and cohorts; those who work with customers mark milestones done; leads edit plans. */
@Component
class OnboardingPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/onboarding", "/onboarding/plans/*", "/onboarding/cohorts"),
				post(Roles.LEADS, "/onboarding/plans", "/onboarding/plans/*", "/onboarding/plans/*/delete"),
				post(Roles.WORKERS, "/onboarding/accounts/*/milestones/*"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-onboarding", "nav.onboarding", "/onboarding", 37, Roles.EVERYONE));
	}
}
