package io.kizuna.feedback;

import java.util.List;

/** What is written about a request: its title and description, category and tags. */
public record RequestDraft(String title, String description, String category, List<String> tags) {
}
