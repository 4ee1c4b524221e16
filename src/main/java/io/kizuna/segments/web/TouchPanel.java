package io.kizuna.segments.web;

import java.util.Map;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.segments.TouchLevel;
import io.kizuna.segments.TouchModelManagement;
import org.springframework.stereotype.Component;

/** Account 360: the touch level the touch model stored for the account (ADR 0037), named as the workspace names it. */
@Component
class TouchPanel implements AccountPanel {

	private final TouchModelManagement touch;

	TouchPanel(TouchModelManagement touch) {
		this.touch = touch;
	}

	@Override
	public int order() {
		return 15;
	}

	@Override
	public String template() {
		return "segments/account-touch";
	}

	@Override
	public String fragment() {
		return "touch";
	}

	@Override
	public AccountPanelContent content(AccountView view) {
		String code = touch.levelOf(view.workspaceId(), new io.kizuna.shared.AccountId(view.account().id()));
		TouchLevel level = touch.levels(view.workspaceId()).stream().filter(l -> l.code().equals(code)).findFirst()
			.orElseThrow();
		String name = level.name(view.locale());
		return AccountPanelContent.of(Map.of("touchLevel", code, "touchName", name));
	}
}
