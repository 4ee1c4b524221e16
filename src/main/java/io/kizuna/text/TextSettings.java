package io.kizuna.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workspace's own vocabulary for text analytics: words never shown as terms, synonyms folded into one term (each
 * line {@code ログイン = サインイン, ログオン}: the first is the term the others become) and product names that stay
 * one token.
 */
public record TextSettings(List<String> stopWords, List<String> synonymLines, List<String> productNames) {

	static final int MAX_ENTRIES = 500;

	static final int MAX_LENGTH = 100;

	public static final TextSettings NONE = new TextSettings(List.of(), List.of(), List.of());

	public TextSettings {
		stopWords = List.copyOf(stopWords);
		synonymLines = List.copyOf(synonymLines);
		productNames = List.copyOf(productNames);
	}

	Set<String> stopSet() {
		return Set.copyOf(stopWords.stream().map(w -> TextAnalysis.normalize(w).strip()).toList());
	}

	/** Each variant, normalised, to the term it becomes. */
	Map<String, String> synonyms() {
		Map<String, String> map = new LinkedHashMap<>();
		for (String line : synonymLines) {
			String[] sides = line.split("=", 2);
			if (sides.length < 2) {
				continue;
			}
			String canonical = TextAnalysis.normalize(sides[0]).strip();
			for (String variant : sides[1].split("[,、]")) {
				String v = TextAnalysis.normalize(variant).strip();
				if (!v.isEmpty() && !canonical.isEmpty() && !v.equals(canonical)) {
					map.put(v, canonical);
				}
			}
		}
		return map;
	}
}
