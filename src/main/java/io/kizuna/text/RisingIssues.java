package io.kizuna.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rising terms as the issues a reader sees (ADR 0133): a spike of "リリース後にログインできない" raises ログインできない,
 * ログイン and リリース together; they are one issue, named by its most unusual term, the others related. Two terms
 * belong together when most texts of the smaller one also carry the other.
 */
final class RisingIssues {

	/** Share of the smaller term's recent texts that must carry the leading term too. */
	static final double OVERLAP = 0.6;

	static final int MAX_RELATED = 8;

	/** One issue: its leading term and rise, its related terms, and the leading term's recent texts (id → account). */
	record Issue(String term, RisingDetector.Rise rise, List<String> related, Map<Long, Long> texts) {
	}

	private RisingIssues() {
	}

	static List<Issue> group(Map<String, RisingDetector.Rise> rises, Map<String, Map<Long, Long>> textsOf) {
		List<String> ordered = new ArrayList<>(rises.keySet());
		ordered.sort(Comparator.comparingDouble((String t) -> -rises.get(t).z())
			.thenComparing(t -> -rises.get(t).recent())
			.thenComparing(t -> -t.length())
			.thenComparing(Comparator.naturalOrder()));
		Set<String> taken = new HashSet<>();
		List<Issue> issues = new ArrayList<>();
		for (String lead : ordered) {
			if (!taken.add(lead)) {
				continue;
			}
			Map<Long, Long> texts = textsOf.getOrDefault(lead, Map.of());
			List<String> related = new ArrayList<>();
			for (String other : ordered) {
				if (taken.contains(other) || related.size() == MAX_RELATED) {
					continue;
				}
				if (overlap(texts.keySet(), textsOf.getOrDefault(other, Map.of()).keySet()) >= OVERLAP) {
					related.add(other);
					taken.add(other);
				}
			}
			issues.add(new Issue(lead, rises.get(lead), List.copyOf(related), texts));
		}
		return issues;
	}

	static double overlap(Set<Long> a, Set<Long> b) {
		if (a.isEmpty() || b.isEmpty()) {
			return 0;
		}
		Set<Long> smaller = a.size() <= b.size() ? a : b;
		Set<Long> larger = smaller == a ? b : a;
		long shared = smaller.stream().filter(larger::contains).count();
		return shared / (double) smaller.size();
	}
}
