package io.kizuna.segments;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.stream.Collectors;

import io.kizuna.segments.SegmentField.Source;
import org.springframework.stereotype.Component;

/**
 * The fields of the modules below segments (ADR 0051), each read from what its owner publishes: the account and its
 * custom attributes, subscriptions, health, usage rollups, the owner and other segments.
 */
@Component
class BuiltInFields implements SegmentFieldSource {

	/** Minor units per major unit by currency, as SQL over a {@code currency} column (JPY 1, USD 100, KWD 1000). */
	static String scale(String currencyColumn) {
		String zero = currencies(0);
		String three = currencies(3);
		return "(case when " + currencyColumn + " in (" + zero + ") then 1 when " + currencyColumn + " in (" + three
				+ ") then 1000 else 100 end)";
	}

	private static String currencies(int digits) {
		return Currency.getAvailableCurrencies().stream().filter(c -> c.getDefaultFractionDigits() == digits)
			.map(Currency::getCurrencyCode).filter(code -> code.matches("[A-Z]{3}")).sorted()
			.map(code -> "'" + code + "'").collect(Collectors.joining(", "));
	}

	static final Source SUBSCRIPTIONS = new Source("subscriptions", """
			select account_id,
			       (array_agg(plan order by status = 'canceled', mrr_minor desc))[1] as plan,
			       (array_agg(status order by case status when 'active' then 0 when 'past_due' then 1
			                  when 'trial' then 2 else 3 end))[1] as status,
			       coalesce(sum(mrr_minor) filter (where status <> 'canceled'), 0) as mrr_minor,
			       max(currency) as currency,
			       coalesce(sum(seats) filter (where status <> 'canceled'), 0) as seats,
			       min(current_term_end) filter (where status <> 'canceled') as renewal_on
			from accounts_v_subscription where workspace_id = :workspace group by account_id""");

	static final Source HEALTH = new Source("health", """
			select account_id, score, band, signal_kinds, cardinality(signal_kinds) as open_signals, last_active_on
			from health_v_account_status where workspace_id = :workspace""");

	static final Source HEALTH_TREND = new Source("health_trend", """
			select st.account_id, st.score - w.score as trend_7d, st.score - m.score as trend_30d
			from health_v_account_status st
			left join health_v_snapshot w on w.workspace_id = st.workspace_id and w.account_id = st.account_id
			     and w.day = st.day - 7
			left join health_v_snapshot m on m.workspace_id = st.workspace_id and m.account_id = st.account_id
			     and m.day = st.day - 30
			where st.workspace_id = :workspace""");

	static final int[] WINDOWS = { 7, 30, 90 };

	/** The touch level field, which the touch rules themselves may not use. */
	static final String TOUCH = "touch";

	static Source activity(int days) {
		return new Source("activity_" + days, """
				select account_id, count(distinct user_id) as active_users, count(distinct day) as active_days
				from usage_v_daily_user
				where workspace_id = :workspace and day > cast(:today as date) - %d and day <= cast(:today as date)
				group by account_id""".formatted(days), true);
	}

	static Source events(int days) {
		return new Source("events_" + days, """
				select account_id, sum(events) as events
				from usage_v_daily_event
				where workspace_id = :workspace and event_name = :argument
				  and day > cast(:today as date) - %d and day <= cast(:today as date)
				group by account_id""".formatted(days), true);
	}

	@Override
	public List<SegmentField> fields() {
		List<SegmentField> fields = new ArrayList<>(List.of(
				SegmentField.of("name", FieldType.TEXT, "account", null, "{a}.name"),
				SegmentField.of("external_id", FieldType.TEXT, "account", null, "{a}.external_id"),
				SegmentField.of("domain", FieldType.TEXT, "account", null, "{a}.domain"),
				SegmentField.of("industry", FieldType.TEXT, "account", null, "{a}.industry"),
				SegmentField.of("tier", FieldType.TEXT, "account", null, "{a}.tier"),
				SegmentField.of("lifecycle_stage", FieldType.TEXT, "account", null, "{a}.lifecycle_stage"),
				SegmentField.of("created_on", FieldType.DATE, "account", null,
						"({a}.created_at at time zone :zone)::date"),
				SegmentField.of("owner", FieldType.TEXT, "account", null, """
						(select u.email from workspace_v_user u
						 where u.workspace_id = {a}.workspace_id and u.user_id = {a}.owner_user_id)"""),
				SegmentField.of("owner.name", FieldType.TEXT, "account", null, """
						(select u.display_name from workspace_v_user u
						 where u.workspace_id = {a}.workspace_id and u.user_id = {a}.owner_user_id)"""),
				SegmentField.of("subscription.plan", FieldType.TEXT, "subscription", SUBSCRIPTIONS, "{s}.plan"),
				SegmentField.of("subscription.status", FieldType.CHOICE, "subscription", SUBSCRIPTIONS, "{s}.status")
					.choices("trial", "active", "past_due", "canceled"),
				SegmentField.of("subscription.mrr", FieldType.MONEY, "subscription", SUBSCRIPTIONS,
						"{s}.mrr_minor::numeric / " + scale("{s}.currency")),
				SegmentField.of("subscription.arr", FieldType.MONEY, "subscription", SUBSCRIPTIONS,
						"{s}.mrr_minor::numeric * 12 / " + scale("{s}.currency")),
				SegmentField.of("subscription.seats", FieldType.NUMBER, "subscription", SUBSCRIPTIONS, "{s}.seats"),
				SegmentField.of("subscription.renewal_on", FieldType.DATE, "subscription", SUBSCRIPTIONS,
						"{s}.renewal_on"),
				SegmentField.of("subscription.days_to_renewal", FieldType.NUMBER, "subscription", SUBSCRIPTIONS,
						"{s}.renewal_on - cast(:today as date)"),
				SegmentField.of("health.band", FieldType.CHOICE, "health", HEALTH, "{s}.band")
					.choices("red", "yellow", "green"),
				SegmentField.of("health.score", FieldType.NUMBER, "health", HEALTH, "{s}.score"),
				SegmentField.of("health.open_signals", FieldType.NUMBER, "health", HEALTH, "coalesce({s}.open_signals, 0)"),
				SegmentField.of("health.signals", FieldType.LIST, "health", HEALTH, "{s}.signal_kinds"),
				SegmentField.of("health.trend_7d", FieldType.NUMBER, "health", HEALTH_TREND, "{s}.trend_7d"),
				SegmentField.of("health.trend_30d", FieldType.NUMBER, "health", HEALTH_TREND, "{s}.trend_30d"),
				SegmentField.of("usage.days_since_active", FieldType.NUMBER, "usage", HEALTH,
						"cast(:today as date) - {s}.last_active_on"),
				SegmentField.of("segment", FieldType.SEGMENT, "segment", null, ""),
				// the stored level (ADR 0037); an account not yet placed is tech-touch, as the touch model says
				SegmentField.of(TOUCH, FieldType.CHOICE, "touch", null, """
						coalesce((select t.level from touch_account t
						          where t.workspace_id = {a}.workspace_id and t.account_id = {a}.account_id), 'tech')""")
					.choices("high", "mid", "tech")));
		for (int days : WINDOWS) {
			fields.add(SegmentField.of("usage.active_users_" + days + "d", FieldType.NUMBER, "usage", activity(days),
					"coalesce({s}.active_users, 0)"));
			fields.add(SegmentField.of("usage.active_days_" + days + "d", FieldType.NUMBER, "usage", activity(days),
					"coalesce({s}.active_days, 0)"));
			fields.add(SegmentField.of("usage.event_count_" + days + "d", FieldType.NUMBER, "usage", events(days),
					"coalesce({s}.events, 0)").withArgument());
			fields.add(SegmentField.of("usage.feature_used_" + days + "d", FieldType.BOOL, "usage", events(days),
					"coalesce({s}.events, 0) > 0").withArgument());
		}
		return fields;
	}
}
