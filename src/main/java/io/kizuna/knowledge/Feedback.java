package io.kizuna.knowledge;

/** "Was this helpful?": yes or no, a reason from a fixed list (optional) and a comment (optional). */
public record Feedback(boolean helpful, String reason, String comment) {
}
