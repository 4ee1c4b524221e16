package io.kizuna.feedback.surveys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.feedback.SurveyAnswers;
import io.kizuna.feedback.SurveyManagement;
import io.kizuna.feedback.SurveyReports;
import io.kizuna.feedback.SurveyResponse;
import io.kizuna.feedback.VocSection;
import io.kizuna.health.HealthMeasure;
import io.kizuna.health.ScoringInput;
import io.kizuna.health.SignalFinding;
import io.kizuna.health.SignalInput;
import io.kizuna.health.SignalRule;
import io.kizuna.health.SignalSeverity;
import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportFile;
import io.kizuna.imports.ImportRow;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.playbooks.PlaybookTrigger;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.CustomerText;
import io.kizuna.text.CustomerTextSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What surveys bring to other modules: NPS and CSAT as health measures, the detractor signal and playbook trigger,
 * the account 360 panel, the CSV import of past responses, survey comments for text analytics, and two sections of
 * the VoC overview.
 */
@Configuration(proxyBeanMethods = false)
class SurveyExtensions {

	static final String DETRACTOR = "survey_detractor";

	@Bean
	HealthMeasure surveyNps(SurveyReports reports) {
		return measure("survey_nps", "nps", reports);
	}

	@Bean
	HealthMeasure surveyCsat(SurveyReports reports) {
		return measure("survey_csat", "csat", reports);
	}

	private static HealthMeasure measure(String code, String kind, SurveyReports reports) {
		return new HealthMeasure() {
			@Override
			public String code() {
				return code;
			}

			// an account nobody answered for has no value: a gap, never a zero
			@Override
			public Map<Long, Double> rawValues(ScoringInput input) {
				return reports.scoresByAccount(input.workspaceId(), kind);
			}
		};
	}

	@Bean
	SignalRule surveyDetractorSignal(SurveyReports reports) {
		return new SignalRule() {
			@Override
			public String code() {
				return DETRACTOR;
			}

			@Override
			public int order() {
				return 300;
			}

			@Override
			public Map<Long, SignalFinding> detect(SignalInput input) {
				Map<Long, SignalFinding> findings = new HashMap<>();
				reports.recentDetractors(input.scoring().workspaceId(), 30).forEach((account, found) -> findings.put(account,
						new SignalFinding(found[0] <= 3 ? SignalSeverity.HIGH : SignalSeverity.MEDIUM,
								Map.of("score", found[0], "survey_response_id", found[1]))));
				return findings;
			}
		};
	}

	@Bean
	PlaybookTrigger surveyDetractorTrigger(SurveyManagement surveys) {
		return new PlaybookTrigger() {
			@Override
			public String type() {
				return DETRACTOR;
			}

			@Override
			public List<String> settings() {
				return List.of("survey");
			}

			@Override
			public void validate(WorkspaceId workspace, Map<String, String> settings) {
				String survey = settings.get("survey");
				if (survey != null && !survey.isBlank() && (!survey.matches("\\d{1,18}")
						|| surveys.surveys(workspace).stream().noneMatch(s -> Long.toString(s.id()).equals(survey)))) {
					throw new InvalidInputException("invalid trigger", List.of("survey: the id of a survey, or empty for any"));
				}
			}
		};
	}

	@Bean
	AccountPanel surveyPanel(SurveyReports reports) {
		return new AccountPanel() {
			@Override
			public int order() {
				return 70;
			}

			@Override
			public String template() {
				return "feedback/survey-panel";
			}

			@Override
			public String fragment() {
				return "surveys";
			}

			@Override
			public AccountPanelContent content(AccountView view) {
				Map<String, Object> model = new LinkedHashMap<>();
				model.put("latest", reports.latestByContact(view.workspaceId(), view.account().id()));
				model.put("zone", view.zone());
				return AccountPanelContent.of(model);
			}
		};
	}

	static final ImportColumns COLUMNS = new ImportColumns(List.of("survey_id", "score", "responded_at"),
			Set.of("contact", "account_external_id", "comment", "language"), false);

	@Bean
	ImportTarget surveyResponseImport(SurveyAnswers answers) {
		return ImportTarget.of("survey_responses", 90, COLUMNS,
				List.of("1", "9", "2025-10-01T10:00:00+09:00", "hanako@example.co.jp", "acme", "とても使いやすいです。", "ja"),
				file -> new PastResponses(file, answers));
	}

	/** Rows checked one by one (a bad row is reported by its line), stored 500 at a time with one event per batch. */
	static final class PastResponses implements RowHandler {

		private final ImportFile file;

		private final SurveyAnswers answers;

		private final List<SurveyAnswers.PastResponse> kept = new ArrayList<>();

		PastResponses(ImportFile file, SurveyAnswers answers) {
			this.file = file;
			this.answers = answers;
		}

		@Override
		public void accept(ImportRow row) {
			String survey = row.required("survey_id");
			if (!survey.matches("\\d{1,18}")) {
				throw new InvalidInputException("survey_id: a survey's number");
			}
			Instant at = row.instant("responded_at");
			kept.add(answers.pastResponse(file.workspaceId(), Long.parseLong(survey), row.value("contact"),
					row.value("account_external_id"), row.value("score"), row.value("comment"), row.value("language"), at));
			if (kept.size() >= 500) {
				flush();
			}
		}

		@Override
		public void flush() {
			if (kept.isEmpty()) {
				return;
			}
			int stored = answers.importResponses(file.workspaceId(), kept);
			file.stored(stored, kept.size() - stored);
			kept.clear();
		}
	}

	@Bean
	CustomerTextSource surveyTexts(SurveyReports reports) {
		return new CustomerTextSource() {
			@Override
			public String source() {
				return SurveyResponse.TEXT_SOURCE;
			}

			@Override
			public void forEachBatch(WorkspaceId workspace, Consumer<List<CustomerText>> batch) {
				List<CustomerText> texts = new ArrayList<>();
				reports.forEachResponse(workspace, null, r -> {
					if (r.comment() != null) {
						texts.add(new CustomerText(workspace, SurveyResponse.TEXT_SOURCE, Long.toString(r.id()),
								r.accountId() == null ? null : new AccountId(r.accountId()), r.comment(), r.respondedAt(),
								"/feedback/responses/" + r.id()));
						if (texts.size() >= 500) {
							batch.accept(List.copyOf(texts));
							texts.clear();
						}
					}
				});
				if (!texts.isEmpty()) {
					batch.accept(List.copyOf(texts));
				}
			}
		};
	}

	@Bean
	VocSection npsTrendSection(SurveyReports reports, tools.jackson.databind.json.JsonMapper json) {
		return new VocSection() {
			@Override
			public int order() {
				return 10;
			}

			@Override
			public String template() {
				return "feedback/voc-surveys";
			}

			@Override
			public String fragment() {
				return "npsTrend";
			}

			@Override
			public Map<String, Object> model(WorkspaceId workspace, int months) {
				var results = reports.results(workspace, SurveyReports.Scope.kind("nps"), months);
				List<Map<String, Object>> points = results.months().stream().map(m -> {
					Map<String, Object> p = new LinkedHashMap<>();
					p.put("month", m.month().toString());
					p.put("score", m.score());
					p.put("responses", m.responses());
					return p;
				}).toList();
				Map<String, Object> model = new LinkedHashMap<>();
				model.put("results", results);
				model.put("chart", json.writeValueAsString(points));
				return model;
			}
		};
	}

	@Bean
	VocSection detractorVerbatimsSection(SurveyReports reports) {
		return new VocSection() {
			@Override
			public int order() {
				return 40;
			}

			@Override
			public String template() {
				return "feedback/voc-surveys";
			}

			@Override
			public String fragment() {
				return "detractors";
			}

			@Override
			public Map<String, Object> model(WorkspaceId workspace, int months) {
				return Map.of("verbatims", reports.verbatims(workspace,
						new SurveyReports.VerbatimFilter(null, "nps", "detractor", null, null, null, null, null, 10)));
			}
		};
	}
}
