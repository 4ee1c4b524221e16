package io.kizuna.usage.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.usage.DailyUsage;
import io.kizuna.usage.UsageMetrics;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Account 360: active users and events over the last 90 days, and the events used most. */
@Component
class UsagePanel implements AccountPanel {

	static final int DAYS = 90;

	private final UsageMetrics usage;

	private final JsonMapper json;

	UsagePanel(UsageMetrics usage, JsonMapper json) {
		this.usage = usage;
		this.json = json;
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public String template() {
		return "usage/account-panels";
	}

	@Override
	public String fragment() {
		return "usage";
	}

	@Override
	public AccountPanelContent content(AccountView view) {
		LocalDate today = view.today();
		LocalDate from = today.minusDays(DAYS - 1);
		List<DailyUsage> daily = usage.daily(view.workspaceId(), view.account().id(), from, today);
		String chart = json.writeValueAsString(daily.stream()
			.map(d -> Map.of("day", d.day().toString(), "users", d.activeUsers(), "events", d.events()))
			.toList());
		return AccountPanelContent.of(Map.of("usageChart", chart, "features",
				usage.eventCounts(view.workspaceId(), view.account().id(), from, today)));
	}
}
