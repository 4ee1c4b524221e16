package io.kizuna.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The survey tables, in SQL: surveys, settings, responses and the monthly rollup the results read. */
@Component
class SurveyStore {

	static final String SURVEY_COLUMNS = """
			survey_id, kind, name, status, default_language, definition, repeat_days, reminder_days, max_reminders,
			expires_days, schedule_days, schedule_segment_id, next_run_at, created_at""";

	static final String RESPONSE_SELECT = """
			select r.response_id, r.survey_id, s.name, r.kind, r.contact_id, c.name, c.email, r.account_id, a.external_id,
			       a.name, r.score, r.answers, r.comment, r.language, r.source, r.submitted, r.responded_at
			from feedback_survey_response r
			join feedback_survey s on s.workspace_id = r.workspace_id and s.survey_id = r.survey_id
			left join accounts_v_contact c on c.workspace_id = r.workspace_id and c.contact_id = r.contact_id
			left join accounts_v_account a on a.workspace_id = r.workspace_id and a.account_id = r.account_id
			""";

	private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {
	};

	final JdbcClient jdbc;

	final JsonMapper json;

	SurveyStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Survey survey(ResultSet rs) throws SQLException {
		return new Survey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				json.readValue(rs.getString(6), Survey.Definition.class), rs.getInt(7), rs.getInt(8), rs.getInt(9),
				rs.getInt(10), (Integer) rs.getObject(11), (Long) rs.getObject(12), instant(rs.getTimestamp(13)),
				instant(rs.getTimestamp(14)));
	}

	SurveyResponse response(ResultSet rs) throws SQLException {
		return new SurveyResponse(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
				(Long) rs.getObject(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8), rs.getString(9),
				rs.getString(10), (Integer) rs.getObject(11), json.readValue(rs.getString(12), ANSWERS),
				rs.getString(13), rs.getString(14), rs.getString(15), rs.getBoolean(16), instant(rs.getTimestamp(17)));
	}

	List<Survey> surveys(WorkspaceId ws) {
		return jdbc.sql("select " + SURVEY_COLUMNS + " from feedback_survey where workspace_id = ? order by survey_id desc")
			.param(ws.value()).query((rs, n) -> survey(rs)).list();
	}

	Optional<Survey> survey(WorkspaceId ws, long id) {
		return jdbc.sql("select " + SURVEY_COLUMNS + " from feedback_survey where workspace_id = ? and survey_id = ?")
			.params(ws.value(), id).query((rs, n) -> survey(rs)).optional();
	}

	SurveySettings settings(WorkspaceId ws) {
		return jdbc.sql("select min_gap_days, skip_open_tickets from feedback_survey_settings where workspace_id = ?")
			.param(ws.value()).query((rs, n) -> new SurveySettings(rs.getInt(1), rs.getBoolean(2))).optional()
			.orElse(new SurveySettings(30, false));
	}

	void saveSettings(WorkspaceId ws, SurveySettings settings) {
		jdbc.sql("""
				insert into feedback_survey_settings (workspace_id, min_gap_days, skip_open_tickets) values (?, ?, ?)
				on conflict (workspace_id) do update set min_gap_days = excluded.min_gap_days,
				    skip_open_tickets = excluded.skip_open_tickets""")
			.params(ws.value(), settings.minGapDays(), settings.skipOpenTickets()).update();
	}

	Optional<SurveyResponse> response(WorkspaceId ws, long id) {
		return jdbc.sql(RESPONSE_SELECT + " where r.workspace_id = ? and r.response_id = ?").params(ws.value(), id)
			.query((rs, n) -> response(rs)).optional();
	}

	/**
	 * Rebuilds the monthly rollup rows these responses fall in (their survey, account and month in the workspace's
	 * time zone), from every submitted response of those rows: set-based, one statement each.
	 */
	void refreshMonths(WorkspaceId ws, ZoneId zone, List<Long> responseIds) {
		if (responseIds.isEmpty()) {
			return;
		}
		Long[] ids = responseIds.toArray(Long[]::new);
		String keys = """
				select distinct survey_id, coalesce(account_id, 0) as account_id,
				       date_trunc('month', responded_at at time zone :zone)::date as month
				from feedback_survey_response where workspace_id = :ws and response_id = any(:ids)""";
		jdbc.sql("""
				delete from feedback_survey_month m using (%s) k
				where m.workspace_id = :ws and m.survey_id = k.survey_id and m.account_id = k.account_id and m.month = k.month"""
			.formatted(keys)).param("ws", ws.value()).param("zone", zone.getId()).param("ids", ids).update();
		jdbc.sql("""
				insert into feedback_survey_month (workspace_id, survey_id, account_id, month, kind, responses, promoters,
				    detractors, score_sum)
				select r.workspace_id, r.survey_id, coalesce(r.account_id, 0), k.month, min(r.kind), count(*),
				       count(*) filter (where r.high), count(*) filter (where r.kind = 'nps' and r.score <= 6), sum(r.score)
				from (%s) k
				join feedback_survey_response r on r.workspace_id = :ws and r.survey_id = k.survey_id
				     and coalesce(r.account_id, 0) = k.account_id
				     and r.responded_at >= (k.month::timestamp at time zone :zone)
				     and r.responded_at < ((k.month + interval '1 month')::timestamp at time zone :zone)
				where r.submitted and r.score is not null
				group by r.workspace_id, r.survey_id, coalesce(r.account_id, 0), k.month"""
			.formatted(keys)).param("ws", ws.value()).param("zone", zone.getId()).param("ids", ids).update();
	}

	static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}
}
