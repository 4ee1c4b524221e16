package io.kizuna.feedback;

/**
 * The workspace's fatigue rules: no contact gets two surveys (of any kind) within {@code minGapDays}; with
 * {@code skipOpenTickets}, a contact who has an open ticket gets none.
 */
public record SurveySettings(int minGapDays, boolean skipOpenTickets) {
}
