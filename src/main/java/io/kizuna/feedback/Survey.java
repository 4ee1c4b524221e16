package io.kizuna.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A survey: its kind (nps, csat, ces, custom), its questions and thank-you text in ja and en, and how it is sent:
 * at most once per contact every {@code repeatDays}, reminders, link lifetime, and an optional schedule (every
 * {@code scheduleDays} to a segment, or to every contact when no segment is named).
 */
public record Survey(long id, String kind, String name, String status, String defaultLanguage, Definition definition,
		int repeatDays, int reminderDays, int maxReminders, int expiresDays, Integer scheduleDays,
		Long scheduleSegmentId, Instant nextRunAt, Instant createdAt) {

	public static final List<String> KINDS = List.of("nps", "csat", "ces", "custom");

	public static final List<String> QUESTION_TYPES = List.of("scale", "single", "multiple", "text");

	/** The first scale question: its answer is the response's score. */
	public Optional<Question> scoreQuestion() {
		return definition.questions().stream().filter(q -> q.type().equals("scale")).findFirst();
	}

	/** The questions and the thank-you text. */
	public record Definition(List<Question> questions, Map<String, String> thanks) {

		public Definition {
			questions = questions == null ? List.of() : List.copyOf(questions);
			thanks = thanks == null ? Map.of() : Map.copyOf(thanks);
		}
	}

	/**
	 * One question: {@code scale} (min..max: 0-10, 1-5, 1-7), {@code single} or {@code multiple} choice over options,
	 * or free {@code text}, whose prompt may depend on the score through its follow-ups.
	 */
	public record Question(String id, String type, Integer min, Integer max, Map<String, String> text,
			List<Option> options, List<FollowUp> followUps, boolean required) {

		public Question {
			text = text == null ? Map.of() : Map.copyOf(text);
			options = options == null ? List.of() : List.copyOf(options);
			followUps = followUps == null ? List.of() : List.copyOf(followUps);
		}

		public String text(String language) {
			return text.getOrDefault(language, text.getOrDefault("ja".equals(language) ? "en" : "ja", id));
		}

		/** The prompt for this score: the first follow-up whose range holds it, else the question's own text. */
		public String prompt(String language, Integer score) {
			if (score != null) {
				for (FollowUp f : followUps) {
					if ((f.min() == null || score >= f.min()) && (f.max() == null || score <= f.max())) {
						return f.text().getOrDefault(language, text(language));
					}
				}
			}
			return text(language);
		}

		public List<Integer> points() {
			return min == null || max == null ? List.of()
					: java.util.stream.IntStream.rangeClosed(min, max).boxed().toList();
		}
	}

	public record Option(String id, Map<String, String> text) {

		public Option {
			text = text == null ? Map.of() : Map.copyOf(text);
		}

		public String text(String language) {
			return text.getOrDefault(language, text.getOrDefault("ja".equals(language) ? "en" : "ja", id));
		}
	}

	/** A prompt used when the score lies in min..max (either may be open). */
	public record FollowUp(Integer min, Integer max, Map<String, String> text) {

		public FollowUp {
			text = text == null ? Map.of() : Map.copyOf(text);
		}
	}

	public String thanks(String language) {
		String t = definition.thanks().get(language);
		return t == null || t.isBlank() ? null : t;
	}
}
