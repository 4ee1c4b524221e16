package io.kizuna.feedback;

import java.util.List;

/**
 * One status of the board. The built-in ones have message keys {@code feedback.request.status.<code>} (their labels
 * may be overridden); a workspace's own carry their ja and en labels.
 */
public record RequestStatus(String code, String labelJa, String labelEn, int position) {

	public static final String SHIPPED = "shipped";

	public static final String DUPLICATE = "duplicate";

	public static final List<String> BUILT_IN = List.of("under_review", "planned", "in_progress", SHIPPED, "declined",
			DUPLICATE);

	public boolean builtIn() {
		return BUILT_IN.contains(code);
	}

	/** The label in a language, null for a built-in status without an override (the message key is used). */
	public String label(String language) {
		String label = "en".equals(language) ? labelEn : labelJa;
		return label == null || label.isBlank() ? null : label;
	}
}
