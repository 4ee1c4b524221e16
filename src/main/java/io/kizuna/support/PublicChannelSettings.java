package io.kizuna.support;

import java.util.List;

/**
 * A workspace's public support channels: the web form and the chat widget are off until an admin turns them on; the
 * chat answers only pages of the listed origins (CORS); CSAT goes out when a ticket is solved, as a 1-5 scale or
 * good/bad, with the question in ja and en (null: the product's wording).
 */
public record PublicChannelSettings(boolean formEnabled, boolean chatEnabled, List<String> chatOrigins,
		boolean csatEnabled, String csatScale, String csatQuestionJa, String csatQuestionEn) {

	public static final List<String> SCALES = List.of("five", "binary");

	public PublicChannelSettings {
		chatOrigins = chatOrigins == null ? List.of() : List.copyOf(chatOrigins);
		csatScale = csatScale == null ? "five" : csatScale;
	}

	static PublicChannelSettings defaults() {
		return new PublicChannelSettings(false, false, List.of(), true, "five", null, null);
	}

	public boolean allows(String origin) {
		return chatEnabled && origin != null && chatOrigins.contains(origin);
	}
}
