package io.kizuna.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.health.HealthMeasure;
import io.kizuna.health.ScoringInput;
import io.kizuna.health.SignalFinding;
import io.kizuna.health.SignalInput;
import io.kizuna.health.SignalRule;
import io.kizuna.health.SignalSeverity;
import io.kizuna.messaging.WebhookEventSource;
import io.kizuna.portfolio.PortfolioSection;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * What text analytics brings to other modules (ADR 0132): the mean sentiment of an account's texts as a health
 * measure, a sharp fall of it as a signal, the sentiment panel of account 360, and rising issues on the home page,
 * in the webhook catalogue and as a playbook trigger ({@link RisingIssueForwarding}).
 */
@Configuration(proxyBeanMethods = false)
class TextExtensions {

	// TextAnalytics reads health (its filters by band) and health collects these beans: each resolves it on first use

	static final String MEASURE = "text_sentiment";

	static final String FALLING = "sentiment_falling";

	static final String ISSUE_ROSE = "text.issue_rose";

	/** The days the measure averages over, and the recent window a fall is read in against the days before it. */
	static final int MEASURE_DAYS = 90;

	static final int RECENT_DAYS = 30;

	static final int USUAL_DAYS = 90;

	/** A fall worth a call: this much lower than usual, on at least this many texts on each side. */
	static final double FALL = 0.4;

	static final double SHARP_FALL = 0.7;

	static final int MIN_TEXTS = 3;

	@Bean
	HealthMeasure textSentimentMeasure(@Lazy TextAnalytics analytics) {
		return new HealthMeasure() {
			@Override
			public String code() {
				return MEASURE;
			}

			// an account that wrote nothing has no value: a gap, never a neutral zero
			@Override
			public Map<Long, Double> rawValues(ScoringInput input) {
				Map<Long, Double> values = new HashMap<>();
				analytics.meanSentiment(input.workspaceId(), input.asOf().minusDays(MEASURE_DAYS - 1), input.asOf())
					.forEach((account, found) -> values.put(account, Math.round(found[1] * 1000) / 1000.0));
				return values;
			}
		};
	}

	@Bean
	SignalRule sentimentFallingSignal(@Lazy TextAnalytics analytics) {
		return new SignalRule() {
			@Override
			public String code() {
				return FALLING;
			}

			@Override
			public int order() {
				return 320;
			}

			@Override
			public Map<Long, SignalFinding> detect(SignalInput input) {
				LocalDate asOf = input.scoring().asOf();
				WorkspaceId workspace = input.scoring().workspaceId();
				Map<Long, double[]> recent = analytics.meanSentiment(workspace, asOf.minusDays(RECENT_DAYS - 1), asOf);
				Map<Long, double[]> usual = analytics.meanSentiment(workspace,
						asOf.minusDays(RECENT_DAYS + USUAL_DAYS - 1), asOf.minusDays(RECENT_DAYS));
				Map<Long, SignalFinding> findings = new HashMap<>();
				recent.forEach((account, now) -> {
					double[] before = usual.get(account);
					SentimentFall.of(now, before).ifPresent(fall -> findings.put(account, fall.finding()));
				});
				return findings;
			}
		};
	}

	/** A fall of an account's mean sentiment: recent and usual mean with the number of texts behind each. */
	record SentimentFall(double recent, long recentTexts, double usual, long usualTexts) {

		static java.util.Optional<SentimentFall> of(double[] recent, double[] usual) {
			if (recent == null || usual == null || recent[0] < MIN_TEXTS || usual[0] < MIN_TEXTS) {
				return java.util.Optional.empty();
			}
			SentimentFall fall = new SentimentFall(recent[1], (long) recent[0], usual[1], (long) usual[0]);
			// a fall from delighted to content is no risk: the recent mean must be below neutral too
			return fall.drop() >= FALL && fall.recent() < 0 ? java.util.Optional.of(fall) : java.util.Optional.empty();
		}

		double drop() {
			return usual - recent;
		}

		SignalFinding finding() {
			Map<String, Object> evidence = new LinkedHashMap<>();
			evidence.put("recent_sentiment", round(recent));
			evidence.put("usual_sentiment", round(usual));
			evidence.put("recent_texts", recentTexts);
			return new SignalFinding(drop() >= SHARP_FALL ? SignalSeverity.HIGH : SignalSeverity.MEDIUM, evidence);
		}

		private static double round(double value) {
			return Math.round(value * 100) / 100.0;
		}
	}

	@Bean
	AccountPanel sentimentPanel(@Lazy TextAnalytics analytics) {
		return new AccountPanel() {
			@Override
			public int order() {
				return 75;
			}

			@Override
			public String template() {
				return "text/panels";
			}

			@Override
			public String fragment() {
				return "sentiment";
			}

			@Override
			public AccountPanelContent content(AccountView view) {
				List<TextAnalytics.SentimentPoint> weeks = analytics.accountSentiment(view.workspaceId(),
						view.account().id(), 26);
				long texts = weeks.stream().mapToLong(TextAnalytics.SentimentPoint::texts).sum();
				double sum = weeks.stream().mapToDouble(p -> p.meanScore() * p.texts()).sum();
				Map<String, Object> model = new LinkedHashMap<>();
				List<TextAnalytics.SentimentPoint> latest = new ArrayList<>(weeks);
				java.util.Collections.reverse(latest);
				model.put("weeks", latest.subList(0, Math.min(8, latest.size())));
				model.put("texts", texts);
				model.put("mean", texts == 0 ? null : Math.round(sum / texts * 100) / 100.0);
				model.put("label", texts == 0 ? null : label(sum / texts));
				return AccountPanelContent.of(model);
			}
		};
	}

	/** The label of a mean score, with the thresholds of one text's label. */
	static String label(double mean) {
		return mean <= -Sentiments.THRESHOLD ? "negative" : mean >= Sentiments.THRESHOLD ? "positive" : "neutral";
	}

	@Bean
	WebhookEventSource risingIssueEvents() {
		return () -> List.of(ISSUE_ROSE);
	}

	@Bean
	PortfolioSection risingIssuesSection(@Lazy TextAnalytics analytics) {
		return new PortfolioSection() {
			@Override
			public int order() {
				return 10;
			}

			@Override
			public String template() {
				return "text/panels";
			}

			@Override
			public String fragment() {
				return "rising";
			}

			@Override
			public Map<String, Object> model(WorkspaceId workspace) {
				LocalDate since = analytics.today(workspace).minusDays(14);
				List<RisingIssue> recent = analytics.alerts(workspace, 5).stream()
					.filter(issue -> issue.detectedOn().isAfter(since)).toList();
				return recent.isEmpty() ? Map.of() : Map.of("issues", recent);
			}
		};
	}
}
