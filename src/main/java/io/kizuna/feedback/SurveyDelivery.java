package io.kizuna.feedback;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.messaging.MailRequest;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.messaging.OutboxMessage;
import io.kizuna.shared.SecretBox;
import io.kizuna.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The survey's way out (ADR 0103): queued deliveries go to the messaging outbox in batches (which honours
 * suppression and adds the unsubscribe link), each with its personal link; reminders go to those who have not
 * answered; schedules queue their survey again. Run by db-scheduler jobs, one node at a time; the rows taken are
 * claimed with {@code for update skip locked}, so two runs never take the same one.
 */
@Service
public class SurveyDelivery {

	private static final Logger log = LoggerFactory.getLogger(SurveyDelivery.class);

	static final int BATCH = 500;

	private final SurveyStore store;

	private final SurveyManagement surveys;

	private final OutboundMail mail;

	private final SecretBox secrets;

	private final MessageSource messages;

	private final TransactionTemplate tx;

	private final String publicUrl;

	SurveyDelivery(SurveyStore store, SurveyManagement surveys, OutboundMail mail, SecretBox secrets,
			MessageSource messages, TransactionTemplate tx,
			@Value("${kizuna.messaging.public-url:http://localhost:8080}") String publicUrl) {
		this.store = store;
		this.surveys = surveys;
		this.mail = mail;
		this.secrets = secrets;
		this.messages = messages;
		this.tx = tx;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	public String publicUrl() {
		return publicUrl;
	}

	private record Queued(long workspace, long delivery, long survey, String email, String name, String language,
			String accountExternalId) {
	}

	/** Hands every queued email delivery to the outbox, a batch per transaction; returns how many. */
	public int handOff() {
		int total = 0;
		while (true) {
			Integer done = tx.execute(status -> handOffBatch());
			if (done == null || done == 0) {
				return total;
			}
			total += done;
		}
	}

	private int handOffBatch() {
		List<Queued> batch = store.jdbc.sql("""
				select d.workspace_id, d.delivery_id, d.survey_id, c.email, c.name, d.language, a.external_id
				from feedback_survey_delivery d
				left join accounts_v_contact c on c.workspace_id = d.workspace_id and c.contact_id = d.contact_id
				left join accounts_v_account a on a.workspace_id = d.workspace_id and a.account_id = d.account_id
				where d.status = 'queued' and d.channel = 'email'
				order by d.workspace_id, d.delivery_id
				limit ? for update of d skip locked""")
			.param(BATCH)
			.query((rs, n) -> new Queued(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getString(7)))
			.list();
		Map<Long, Survey> bySurvey = new java.util.HashMap<>();
		for (Queued q : batch) {
			WorkspaceId ws = new WorkspaceId(q.workspace());
			Survey survey = bySurvey.computeIfAbsent(q.survey(), id -> store.survey(ws, id).orElseThrow());
			String token = SurveyManagement.newToken();
			String status;
			String error = null;
			try {
				OutboxMessage sent = mail.send(ws, invitation(survey, q, token, 0));
				status = "suppressed".equals(sent.status()) ? "suppressed" : "sent";
			}
			catch (RuntimeException ex) {
				status = "failed";
				error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
				log.warn("Survey delivery {} of workspace {} could not be queued: {}", q.delivery(), q.workspace(), error);
			}
			store.jdbc.sql("""
					update feedback_survey_delivery set status = ?, token_hash = ?, token_sealed = ?, sent_at = now(),
					    expires_at = ?, error = ? where workspace_id = ? and delivery_id = ?""")
				.params(status, "sent".equals(status) ? SurveyManagement.hash(token) : null,
						"sent".equals(status) ? secrets.seal(token) : null,
						Timestamp.from(Instant.now().plus(Duration.ofDays(survey.expiresDays()))),
						error == null ? null : error.substring(0, Math.min(error.length(), 500)), q.workspace(),
						q.delivery())
				.update();
		}
		return batch.size();
	}

	/** The invitation (reminder 0) or a reminder, in the delivery's language, with the personal link. */
	private MailRequest invitation(Survey survey, Queued q, String token, int reminder) {
		Locale locale = Locale.forLanguageTag(q.language());
		String link = publicUrl + "/s/" + token;
		StringBuilder body = new StringBuilder();
		body.append(messages.getMessage("feedback.survey.mail.greeting", new Object[] { q.name() == null ? "" : q.name() },
				locale)).append("\n\n");
		survey.scoreQuestion().ifPresent(question -> {
			body.append(question.text(q.language())).append("\n");
			if (question.max() - question.min() <= 10) {
				for (int p : question.points()) {
					body.append("  ").append(p).append(": ").append(link).append("?score=").append(p).append("\n");
				}
			}
			body.append("\n");
		});
		body.append(messages.getMessage("feedback.survey.mail.link", null, locale)).append("\n").append(link).append("\n\n")
			.append(messages.getMessage("feedback.survey.mail.expires", new Object[] { survey.expiresDays() }, locale));
		String subject = messages.getMessage(reminder == 0 ? "feedback.survey.mail.subject" : "feedback.survey.mail.reminderSubject",
				new Object[] { survey.name() }, locale);
		return new MailRequest("survey-" + q.delivery() + (reminder == 0 ? "" : "-reminder-" + reminder), q.email(),
				q.name(), null, subject, body.toString(), q.language(), q.accountExternalId());
	}

	/**
	 * Sends a reminder to every delivery not answered, not expired, with reminders left, whose last mail is at least
	 * the survey's reminder days old as of {@code now}; returns how many.
	 */
	public int remind(Instant now) {
		int total = 0;
		while (true) {
			Integer done = tx.execute(status -> remindBatch(now));
			if (done == null || done == 0) {
				return total;
			}
			total += done;
		}
	}

	private int remindBatch(Instant now) {
		record Due(Queued q, String sealed, int reminders) {
		}
		List<Due> due = store.jdbc.sql("""
				select d.workspace_id, d.delivery_id, d.survey_id, c.email, c.name, d.language, a.external_id,
				       d.token_sealed, d.reminders_sent
				from feedback_survey_delivery d
				join feedback_survey s on s.workspace_id = d.workspace_id and s.survey_id = d.survey_id
				left join accounts_v_contact c on c.workspace_id = d.workspace_id and c.contact_id = d.contact_id
				left join accounts_v_account a on a.workspace_id = d.workspace_id and a.account_id = d.account_id
				where d.status = 'sent' and d.channel = 'email' and d.token_sealed is not null and s.status = 'active'
				  and d.reminders_sent < s.max_reminders and d.expires_at > cast(:now as timestamptz)
				  and coalesce(d.last_reminded_at, d.sent_at) <= cast(:now as timestamptz) - make_interval(days => s.reminder_days)
				order by d.workspace_id, d.delivery_id
				limit :batch for update of d skip locked""")
			.param("now", Timestamp.from(now)).param("batch", BATCH)
			.query((rs, n) -> new Due(new Queued(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7)), rs.getString(8), rs.getInt(9)))
			.list();
		List<Long[]> done = new ArrayList<>();
		for (Due d : due) {
			WorkspaceId ws = new WorkspaceId(d.q().workspace());
			Survey survey = store.survey(ws, d.q().survey()).orElseThrow();
			try {
				mail.send(ws, invitation(survey, d.q(), secrets.open(d.sealed()), d.reminders() + 1));
			}
			catch (RuntimeException ex) {
				log.warn("Reminder for survey delivery {} could not be queued: {}", d.q().delivery(), ex.getMessage());
			}
			store.jdbc.sql("""
					update feedback_survey_delivery set reminders_sent = reminders_sent + 1, last_reminded_at = ?
					where workspace_id = ? and delivery_id = ?""")
				.params(Timestamp.from(now), d.q().workspace(), d.q().delivery()).update();
			done.add(new Long[] { d.q().workspace(), d.q().delivery() });
		}
		return done.size();
	}

	/** Queues every scheduled survey whose time has come as of {@code now}; returns how many deliveries. */
	public int runSchedules(Instant now) {
		List<long[]> due = store.jdbc.sql("""
				select workspace_id, survey_id from feedback_survey
				where schedule_days is not null and status = 'active' and next_run_at <= ?""")
			.param(Timestamp.from(now)).query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).list();
		int total = 0;
		for (long[] d : due) {
			WorkspaceId ws = new WorkspaceId(d[0]);
			Integer queued = tx.execute(status -> {
				// claim the run: only the node that moves next_run_at sends
				int claimed = store.jdbc.sql("""
						update feedback_survey set next_run_at = ? + make_interval(days => least(schedule_days, 1))
						where workspace_id = ? and survey_id = ? and next_run_at <= ?""")
					.params(Timestamp.from(now), d[0], d[1], Timestamp.from(now)).update();
				if (claimed == 0) {
					return 0;
				}
				Survey survey = store.survey(ws, d[1]).orElseThrow();
				// a schedule re-asks each contact every schedule_days: the survey's repeat gap is that period
				Survey periodic = new Survey(survey.id(), survey.kind(), survey.name(), survey.status(),
						survey.defaultLanguage(), survey.definition(), survey.scheduleDays(), survey.reminderDays(),
						survey.maxReminders(), survey.expiresDays(), survey.scheduleDays(), survey.scheduleSegmentId(),
						survey.nextRunAt(), survey.createdAt());
				String filter = survey.scheduleSegmentId() == null ? "true"
						: "c.account_id in (select account_id from segments_v_member where workspace_id = :ws and segment_id = :segment)";
				return surveys.queue(ws, periodic, filter, survey.scheduleSegmentId(), new String[0], "email", 0).queued();
			});
			total += queued == null ? 0 : queued;
		}
		return total;
	}
}
