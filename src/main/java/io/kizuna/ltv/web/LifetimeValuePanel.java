package io.kizuna.ltv.web;

import java.util.Map;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import org.springframework.stereotype.Component;

/** Account 360: the lifetime value panel, loaded after the page (htmx) since its fits take longer than the page. */
@Component
class LifetimeValuePanel implements AccountPanel {

	@Override
	public int order() {
		return 30;
	}

	@Override
	public String template() {
		return "ltv/account-ltv";
	}

	@Override
	public String fragment() {
		return "slot";
	}

	@Override
	public AccountPanelContent content(AccountView view) {
		return AccountPanelContent.of(Map.of("externalId", view.account().externalId()));
	}
}
