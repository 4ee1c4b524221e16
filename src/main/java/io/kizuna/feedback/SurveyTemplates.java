package io.kizuna.feedback;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kizuna.feedback.Survey.Definition;
import io.kizuna.feedback.Survey.FollowUp;
import io.kizuna.feedback.Survey.Option;
import io.kizuna.feedback.Survey.Question;

/** The standard questions of each kind, in ja and en, and the rules every definition must keep. */
final class SurveyTemplates {

	private SurveyTemplates() {
	}

	static final Map<String, String> THANKS = Map.of("ja", "ご回答ありがとうございました。いただいたご意見はサービスの改善に活かします。",
			"en", "Thank you for your answer. We read every comment and use it to improve.");

	static Definition of(String kind) {
		return switch (kind == null ? "" : kind) {
			case "nps" -> new Definition(List.of(
					new Question("score", "scale", 0, 10, Map.of("ja", "このサービスを友人や同僚に勧める可能性はどのくらいありますか？",
							"en", "How likely are you to recommend us to a friend or colleague?"), List.of(), List.of(), true),
					new Question("why", "text", null, null, Map.of("ja", "そのように評価された理由を教えてください。",
							"en", "What is the main reason for your score?"), List.of(),
							List.of(new FollowUp(0, 6, Map.of("ja", "ご期待に沿えず申し訳ありません。何を改善すべきか教えてください。",
									"en", "We are sorry to hear that. What should we improve?")),
									new FollowUp(9, 10, Map.of("ja", "ありがとうございます。特に気に入っている点を教えてください。",
											"en", "Thank you! What do you like most?"))),
							false)),
					THANKS);
			case "csat" -> new Definition(List.of(
					new Question("score", "scale", 1, 5, Map.of("ja", "今回のサポートにどの程度満足されましたか？（1: 不満 〜 5: 満足）",
							"en", "How satisfied were you with the help you received? (1: not at all, 5: very)"),
							List.of(), List.of(), true),
					new Question("why", "text", null, null, Map.of("ja", "ご意見があればお聞かせください。",
							"en", "Anything you would like to tell us?"), List.of(), List.of(), false)),
					THANKS);
			case "ces" -> new Definition(List.of(
					new Question("score", "scale", 1, 7, Map.of("ja", "問題の解決はどのくらい簡単でしたか？（1: とても難しい 〜 7: とても簡単）",
							"en", "How easy was it to get your issue solved? (1: very hard, 7: very easy)"),
							List.of(), List.of(), true),
					new Question("why", "text", null, null, Map.of("ja", "難しかった点があれば教えてください。",
							"en", "What made it hard, if anything?"), List.of(), List.of(), false)),
					THANKS);
			default -> new Definition(List.of(
					new Question("score", "scale", 1, 5, Map.of("ja", "全体としての満足度を教えてください。", "en",
							"Overall, how satisfied are you?"), List.of(), List.of(), true),
					new Question("features", "multiple", null, null, Map.of("ja", "よく使う機能を選んでください。", "en",
							"Which features do you use most?"),
							List.of(new Option("reports", Map.of("ja", "レポート", "en", "Reports")),
									new Option("alerts", Map.of("ja", "アラート", "en", "Alerts")),
									new Option("api", Map.of("ja", "API連携", "en", "API integration"))),
							List.of(), false),
					new Question("why", "text", null, null, Map.of("ja", "ご意見をお聞かせください。", "en",
							"Anything else you would like to tell us?"), List.of(), List.of(), false)),
					THANKS);
		};
	}

	/** Adds what is wrong with a definition to errors, each naming its question. */
	static void check(String kind, Definition d, List<String> errors) {
		if (d.questions().isEmpty() || d.questions().size() > SurveyManagement.MAX_QUESTIONS) {
			errors.add("questions: 1 to " + SurveyManagement.MAX_QUESTIONS);
			return;
		}
		Set<String> ids = new HashSet<>();
		for (Question q : d.questions()) {
			String name = "questions." + q.id();
			if (q.id() == null || !q.id().matches("[a-z][a-z0-9_]{0,30}") || !ids.add(q.id())) {
				errors.add("questions: each id lower case, unique, at most 31 characters: " + q.id());
				continue;
			}
			if (!Survey.QUESTION_TYPES.contains(q.type())) {
				errors.add(name + ".type: one of " + String.join(", ", Survey.QUESTION_TYPES));
				continue;
			}
			texts(name + ".text", q.text(), true, errors);
			switch (q.type()) {
				case "scale" -> {
					boolean ok = q.min() != null && q.max() != null
							&& ((q.min() == 0 && q.max() == 10) || (q.min() == 1 && (q.max() == 5 || q.max() == 7)));
					if (!ok) {
						errors.add(name + ": a scale is 0-10, 1-5 or 1-7");
					}
				}
				case "single", "multiple" -> {
					if (q.options().isEmpty() || q.options().size() > SurveyManagement.MAX_OPTIONS) {
						errors.add(name + ".options: 1 to " + SurveyManagement.MAX_OPTIONS);
					}
					Set<String> options = new HashSet<>();
					for (Option o : q.options()) {
						if (o.id() == null || !o.id().matches("[a-z0-9_]{1,31}") || !options.add(o.id())) {
							errors.add(name + ".options: each id lower case and unique: " + o.id());
						}
						texts(name + ".options." + o.id(), o.text(), true, errors);
					}
				}
				default -> {
				}
			}
			for (FollowUp f : q.followUps()) {
				if (!"text".equals(q.type())) {
					errors.add(name + ".followUps: only a text question has follow-ups");
				}
				texts(name + ".followUps", f.text(), true, errors);
			}
		}
		if (!"custom".equals(kind)) {
			Question first = d.questions().stream().filter(q -> "scale".equals(q.type())).findFirst().orElse(null);
			boolean fits = first != null && switch (kind) {
				case "nps" -> first.min() != null && first.min() == 0 && first.max() != null && first.max() == 10;
				case "csat" -> first.min() != null && first.min() == 1 && first.max() != null && first.max() == 5
						|| first.min() != null && first.min() == 1 && first.max() != null && first.max() == 7;
				case "ces" -> first.min() != null && first.min() == 1 && first.max() != null && (first.max() == 5 || first.max() == 7);
				default -> true;
			};
			if (!fits) {
				errors.add("questions: a " + kind + " survey starts with its scale (nps 0-10, csat and ces 1-5 or 1-7)");
			}
		}
		texts("thanks", d.thanks(), false, errors);
	}

	private static void texts(String name, Map<String, String> text, boolean required, List<String> errors) {
		for (Map.Entry<String, String> e : text.entrySet()) {
			if (!"ja".equals(e.getKey()) && !"en".equals(e.getKey())) {
				errors.add(name + ": languages are ja and en");
			}
			else if (e.getValue() == null || e.getValue().length() > SurveyManagement.MAX_TEXT) {
				errors.add(name + "." + e.getKey() + ": at most " + SurveyManagement.MAX_TEXT + " characters");
			}
		}
		if (required && (text.getOrDefault("ja", "").isBlank() && text.getOrDefault("en", "").isBlank())) {
			errors.add(name + ": a text in ja or en is required");
		}
	}
}
