package io.kizuna.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.CustomerText;
import io.kizuna.text.CustomerTextsWritten;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answering by a personal link (ADR 0102): the token names one delivery; until the answer is submitted it may be
 * saved and changed (one response per delivery), after that, or once expired, the token stores nothing. Answers are
 * checked against the questions: a score out of the scale, an unknown option or an over-long text is refused whole.
 */
@Service
public class SurveyAnswers {

	public static final int MAX_ANSWER = 5000;

	private final SurveyStore store;

	private final WorkspaceManagement workspaces;

	private final ApplicationEventPublisher events;

	SurveyAnswers(SurveyStore store, WorkspaceManagement workspaces, ApplicationEventPublisher events) {
		this.store = store;
		this.workspaces = workspaces;
		this.events = events;
	}

	/** What a link opens: the survey for its contact, with the draft saved so far, and whether it can be answered. */
	public record Invitation(WorkspaceId workspace, Survey survey, long deliveryId, String contactName,
			String language, String state, Map<String, List<String>> answers) {

		public boolean answerable() {
			return "open".equals(state);
		}
	}

	public Optional<Invitation> open(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
			return Optional.empty();
		}
		return store.jdbc.sql("""
				select d.workspace_id, d.survey_id, d.delivery_id, c.name, d.language, d.status, d.expires_at, s.status,
				       r.answers, r.submitted
				from feedback_survey_delivery d
				join feedback_survey s on s.workspace_id = d.workspace_id and s.survey_id = d.survey_id
				left join accounts_v_contact c on c.workspace_id = d.workspace_id and c.contact_id = d.contact_id
				left join feedback_survey_response r on r.workspace_id = d.workspace_id and r.delivery_id = d.delivery_id
				where d.token_hash = ?""")
			.param(SurveyManagement.hash(token))
			.query((rs, n) -> {
				WorkspaceId ws = new WorkspaceId(rs.getLong(1));
				String state = "answered".equals(rs.getString(6)) || rs.getBoolean(10) ? "answered"
						: "closed".equals(rs.getString(8)) ? "closed"
								: rs.getTimestamp(7) != null && rs.getTimestamp(7).toInstant().isBefore(Instant.now())
										? "expired" : "open";
				Map<String, List<String>> answers = rs.getString(9) == null ? Map.of()
						: store.json.readValue(rs.getString(9),
								new tools.jackson.core.type.TypeReference<Map<String, List<String>>>() {
								});
				return new Object[] { ws, rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), state, answers };
			})
			.optional()
			.map(row -> {
				WorkspaceId ws = (WorkspaceId) row[0];
				@SuppressWarnings("unchecked")
				Map<String, List<String>> answers = (Map<String, List<String>>) row[6];
				return new Invitation(ws, store.survey(ws, (Long) row[1]).orElseThrow(), (Long) row[2], (String) row[3],
						(String) row[4], (String) row[5], answers);
			});
	}

	/** The outcome of answering: saved (a draft), submitted, or refused because the link is spent or unknown. */
	public enum Outcome {
		SAVED, SUBMITTED, REFUSED
	}

	/**
	 * Saves or submits the answers of a link; a forged, expired or already submitted token stores nothing.
	 *
	 * @throws InvalidInputException for answers that do not fit the questions (nothing is stored)
	 */
	@Transactional
	public Outcome answer(String token, Map<String, List<String>> form, boolean submit) {
		Optional<Invitation> found = open(token);
		if (found.isEmpty() || !found.get().answerable()) {
			return Outcome.REFUSED;
		}
		Invitation inv = found.get();
		// lock the delivery: two submits at once store one answer
		String status = store.jdbc.sql("""
				select status from feedback_survey_delivery where workspace_id = ? and delivery_id = ? for update""")
			.params(inv.workspace().value(), inv.deliveryId()).query(String.class).single();
		if ("answered".equals(status)) {
			return Outcome.REFUSED;
		}
		Map<String, List<String>> answers = check(inv.survey(), form, submit);
		String language = form.containsKey("lang") && "en".equals(first(form.get("lang"))) ? "en"
				: form.containsKey("lang") && "ja".equals(first(form.get("lang"))) ? "ja" : inv.language();
		long id = write(inv.workspace(), inv.survey(), inv.deliveryId(), null, null, answers, language,
				"email", submit, Instant.now());
		if (submit) {
			store.jdbc.sql("""
					update feedback_survey_delivery set status = 'answered', answered_at = now()
					where workspace_id = ? and delivery_id = ?""").params(inv.workspace().value(), inv.deliveryId()).update();
			submitted(inv.workspace(), List.of(id));
		}
		return submit ? Outcome.SUBMITTED : Outcome.SAVED;
	}

	private static String first(List<String> values) {
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	/** The answers that fit the questions, by question id; refuses the whole form otherwise. */
	static Map<String, List<String>> check(Survey survey, Map<String, List<String>> form, boolean submit) {
		List<String> errors = new ArrayList<>();
		Map<String, List<String>> answers = new LinkedHashMap<>();
		for (Survey.Question q : survey.definition().questions()) {
			List<String> given = form.getOrDefault(q.id(), List.of()).stream()
				.filter(v -> v != null && !v.isBlank()).map(String::strip).toList();
			if (given.isEmpty()) {
				if (submit && q.required()) {
					errors.add(q.id() + ": required");
				}
				continue;
			}
			switch (q.type()) {
				case "scale" -> {
					Integer score = given.size() == 1 && given.get(0).matches("-?\\d{1,3}") ? Integer.valueOf(given.get(0)) : null;
					if (score == null || score < q.min() || score > q.max()) {
						errors.add(q.id() + ": a whole number from " + q.min() + " to " + q.max());
						continue;
					}
				}
				case "single", "multiple" -> {
					if ("single".equals(q.type()) && given.size() > 1) {
						errors.add(q.id() + ": one choice");
						continue;
					}
					List<String> known = q.options().stream().map(Survey.Option::id).toList();
					if (given.size() > known.size() || !known.containsAll(given)) {
						errors.add(q.id() + ": unknown choice");
						continue;
					}
				}
				default -> {
					if (given.size() > 1 || given.get(0).length() > MAX_ANSWER) {
						errors.add(q.id() + ": at most " + MAX_ANSWER + " characters");
						continue;
					}
				}
			}
			answers.put(q.id(), given.stream().distinct().toList());
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid answers", errors);
		}
		return answers;
	}

	/** Writes the one response of a delivery (or a new one without a delivery); returns its id. */
	long write(WorkspaceId ws, Survey survey, Long deliveryId, Long contactId, Long accountId,
			Map<String, List<String>> answers, String language, String source, boolean submit, Instant respondedAt) {
		Integer score = survey.scoreQuestion().map(q -> answers.get(q.id())).map(v -> Integer.valueOf(v.get(0))).orElse(null);
		int max = survey.scoreQuestion().map(Survey.Question::max).orElse(10);
		boolean high = score != null && SurveyScores.high(survey.kind(), score, max);
		String comment = comment(survey, answers);
		String sql = deliveryId == null ? """
				insert into feedback_survey_response (workspace_id, survey_id, delivery_id, contact_id, account_id, kind,
				    score, high, answers, comment, language, source, submitted, responded_at)
				values (:ws, :survey, null, :contact, :account, :kind, :score, :high, cast(:answers as jsonb), :comment,
				        :lang, :source, :submitted, :at)
				returning response_id""" : """
				insert into feedback_survey_response (workspace_id, survey_id, delivery_id, contact_id, account_id, kind,
				    score, high, answers, comment, language, source, submitted, responded_at)
				select d.workspace_id, d.survey_id, d.delivery_id, d.contact_id, d.account_id, :kind, :score, :high,
				       cast(:answers as jsonb), :comment, :lang, case when d.channel = 'link' then 'link' else 'email' end,
				       :submitted, :at
				from feedback_survey_delivery d where d.workspace_id = :ws and d.delivery_id = :delivery
				on conflict (workspace_id, delivery_id) where delivery_id is not null do update set score = excluded.score,
				    high = excluded.high, answers = excluded.answers, comment = excluded.comment,
				    language = excluded.language, submitted = excluded.submitted, responded_at = excluded.responded_at,
				    updated_at = now()
				returning response_id""";
		return store.jdbc.sql(sql).param("ws", ws.value()).param("survey", survey.id()).param("delivery", deliveryId)
			.param("contact", contactId).param("account", accountId).param("kind", survey.kind()).param("score", score)
			.param("high", high).param("answers", store.json.writeValueAsString(answers)).param("comment", comment)
			.param("lang", language).param("source", source).param("submitted", submit)
			.param("at", Timestamp.from(respondedAt)).query(Long.class).single();
	}

	/** The free text of the answers, one paragraph per text question, for verbatims and text analytics. */
	static String comment(Survey survey, Map<String, List<String>> answers) {
		List<String> texts = survey.definition().questions().stream().filter(q -> "text".equals(q.type()))
			.map(q -> answers.get(q.id())).filter(v -> v != null && !v.isEmpty()).map(v -> v.get(0)).toList();
		return texts.isEmpty() ? null : String.join("\n\n", texts);
	}

	/**
	 * After responses were submitted or imported: the rollup is rebuilt for their months, and one event of each kind
	 * is published for the whole request or batch.
	 */
	void submitted(WorkspaceId ws, List<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		ZoneId zone = workspaces.get(ws).timeZone();
		store.refreshMonths(ws, zone, ids);
		List<Long> detractors = new ArrayList<>();
		List<CustomerText> texts = new ArrayList<>();
		store.jdbc.sql("""
				select response_id, kind, score, account_id, comment, responded_at from feedback_survey_response
				where workspace_id = ? and response_id = any(?) and submitted""")
			.params(ws.value(), ids.toArray(Long[]::new))
			.query(rs -> {
				long id = rs.getLong(1);
				Integer score = (Integer) rs.getObject(3);
				if (score != null && SurveyScores.detractor(rs.getString(2), score)) {
					detractors.add(id);
				}
				if (rs.getString(5) != null) {
					Long account = (Long) rs.getObject(4);
					texts.add(new CustomerText(ws, SurveyResponse.TEXT_SOURCE, Long.toString(id),
							account == null ? null : new AccountId(account), rs.getString(5),
							rs.getTimestamp(6).toInstant(), "/feedback/responses/" + id));
				}
			});
		events.publishEvent(new SurveyResponded(ws, ids, detractors));
		if (!texts.isEmpty()) {
			events.publishEvent(new CustomerTextsWritten(ws, texts));
		}
	}

	// --- past responses (CSV import)

	/** A past response, checked, ready to store. */
	public record PastResponse(Survey survey, Long contactId, Long accountId, Map<String, List<String>> answers,
			String language, Instant respondedAt) {
	}

	/**
	 * Checks one imported row: the survey of this workspace, a score on its scale, a known contact (external id or
	 * email) and account when given, a comment of at most {@link #MAX_ANSWER} characters, a time not in the future.
	 *
	 * @throws InvalidInputException naming what is wrong
	 */
	public PastResponse pastResponse(WorkspaceId ws, long surveyId, String contact, String accountExternalId,
			String score, String comment, String language, Instant respondedAt) {
		Survey survey = store.survey(ws, surveyId)
			.orElseThrow(() -> new InvalidInputException("survey_id: no survey " + surveyId + " in this workspace"));
		Survey.Question scale = survey.scoreQuestion()
			.orElseThrow(() -> new InvalidInputException("survey_id: survey " + surveyId + " has no score question"));
		Map<String, List<String>> form = new LinkedHashMap<>();
		form.put(scale.id(), List.of(score == null ? "" : score));
		survey.definition().questions().stream().filter(q -> "text".equals(q.type())).findFirst()
			.ifPresent(q -> form.put(q.id(), comment == null ? List.of() : List.of(comment)));
		Map<String, List<String>> answers;
		try {
			answers = check(survey, form, true);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(String.join("; ", ex.errors()).replace(scale.id() + ":", "score:"));
		}
		if (language != null && !language.isBlank() && !"ja".equals(language) && !"en".equals(language)) {
			throw new InvalidInputException("language: ja or en");
		}
		if (respondedAt == null || respondedAt.isAfter(Instant.now().plusSeconds(300))) {
			throw new InvalidInputException("responded_at: required, not in the future");
		}
		Long contactId = null;
		Long accountId = null;
		if (contact != null && !contact.isBlank()) {
			Object[] found = store.jdbc.sql("""
					select contact_id, account_id from accounts_v_contact
					where workspace_id = ? and (external_id = ? or lower(email) = lower(?)) limit 1""")
				.params(ws.value(), contact.strip(), contact.strip())
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getObject(2) }).optional()
				.orElseThrow(() -> new InvalidInputException("contact: no contact " + contact.strip()));
			contactId = (Long) found[0];
			accountId = (Long) found[1];
		}
		if (accountExternalId != null && !accountExternalId.isBlank()) {
			accountId = store.jdbc.sql("select account_id from accounts_v_account where workspace_id = ? and external_id = ?")
				.params(ws.value(), accountExternalId.strip()).query(Long.class).optional()
				.orElseThrow(() -> new InvalidInputException("account_external_id: no account " + accountExternalId.strip()));
		}
		String lang = language == null || language.isBlank() ? survey.defaultLanguage() : language;
		return new PastResponse(survey, contactId, accountId, answers, lang, respondedAt);
	}

	/**
	 * Stores past responses as submitted, skipping any already stored (same survey, contact or account, time and
	 * score), and publishes once for the batch; returns how many were new.
	 */
	@Transactional
	public int importResponses(WorkspaceId ws, List<PastResponse> rows) {
		List<Long> ids = new ArrayList<>();
		for (PastResponse r : rows) {
			Integer score = Integer.valueOf(r.answers().get(r.survey().scoreQuestion().orElseThrow().id()).get(0));
			boolean known = store.jdbc.sql("""
					select exists (select 1 from feedback_survey_response where workspace_id = ? and survey_id = ?
					    and source = 'import' and contact_id is not distinct from ? and account_id is not distinct from ?
					    and responded_at = ? and score = ?)""")
				.params(ws.value(), r.survey().id(), r.contactId(), r.accountId(), Timestamp.from(r.respondedAt()), score)
				.query(Boolean.class).single();
			if (!known) {
				ids.add(write(ws, r.survey(), null, r.contactId(), r.accountId(), r.answers(), r.language(), "import",
						true, r.respondedAt()));
			}
		}
		submitted(ws, ids);
		return ids.size();
	}
}
