package io.kizuna.usage.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.usage.DailyUsage;
import io.kizuna.usage.UsageMetrics;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Account 360: active users and events on each of the last 90 days (zero on idle days), and the events used most. */
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
		// Every day of the window, a day without usage as zeros: an idle account must look idle.
		Map<LocalDate, DailyUsage> byDay = new HashMap<>();
		daily.forEach(d -> byDay.put(d.day(), d));
		List<Map<String, Object>> points = new ArrayList<>(DAYS);
		for (LocalDate day = from; !day.isAfter(today); day = day.plusDays(1)) {
			DailyUsage d = byDay.getOrDefault(day, new DailyUsage(day, 0, 0));
			points.add(Map.of("day", day.toString(), "users", d.activeUsers(), "events", d.events()));
		}
		String chart = json.writeValueAsString(points);
		return AccountPanelContent.of(Map.of("usageChart", chart, "features",
				usage.eventCounts(view.workspaceId(), view.account().id(), from, today)));
	}
}
