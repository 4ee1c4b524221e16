package io.kizuna.onboarding.web;

import java.util.HashMap;
import java.util.Map;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.onboarding.OnboardingManagement;
import org.springframework.stereotype.Component;

/** Account 360: the account's onboarding plan, progress, overdue milestones, time to first value and to complete. */
@Component
class OnboardingPanel implements AccountPanel {

	private final OnboardingManagement onboarding;

	OnboardingPanel(OnboardingManagement onboarding) {
		this.onboarding = onboarding;
	}

	@Override
	public int order() {
		return 25;
	}

	@Override
	public String template() {
		return "onboarding/account-panels";
	}

	@Override
	public String fragment() {
		return "onboarding";
	}

	@Override
	public AccountPanelContent content(AccountView view) {
		Map<String, Object> model = new HashMap<>();
		model.put("today", view.today());
		onboarding.progress(view.workspaceId(), view.account().id()).ifPresent(p -> model.put("onboarding", p));
		return AccountPanelContent.of(model);
	}
}
