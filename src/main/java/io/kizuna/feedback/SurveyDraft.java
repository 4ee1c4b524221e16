package io.kizuna.feedback;

/** What a survey is created or changed with; null settings take their defaults. */
public record SurveyDraft(String kind, String name, String defaultLanguage, Survey.Definition definition,
		Integer repeatDays, Integer reminderDays, Integer maxReminders, Integer expiresDays, Integer scheduleDays,
		Long scheduleSegmentId) {
}
