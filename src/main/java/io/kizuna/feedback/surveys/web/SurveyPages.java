package io.kizuna.feedback.surveys.web;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.List;

import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.stereotype.Component;

/**
 * Everyone reads the VoC overview, surveys, results and responses; those who own customers (CSMs, leads) create,
 * send and follow up; admins set the fatigue rules.
 */
@Component
class SurveyPages implements WebPages {

	@Override
	public List<PageAccess> access() {
		return List.of(get(Roles.EVERYONE, "/feedback", "/feedback/surveys", "/feedback/surveys/{id:\\d+}",
				"/feedback/surveys/*/responses.csv", "/feedback/responses/{id:\\d+}", "/feedback/verbatims.csv"),
				get(Roles.OWNERS, "/feedback/surveys/new"),
				post(Roles.OWNERS, "/feedback/surveys", "/feedback/surveys/*/send", "/feedback/surveys/*/status",
						"/feedback/responses/*/follow-up"),
				post(Roles.ADMINS, "/feedback/surveys/settings"));
	}

	@Override
	public List<NavigationEntry> navigation() {
		return List.of(new NavigationEntry("nav-feedback", "feedback.nav.voc", "/feedback", 45, Roles.EVERYONE));
	}
}
