package io.kizuna.playbooks;

import java.util.List;

/** Who would enroll right now, and what each would get (one line per step). */
public record PlaybookPreview(long count, List<Candidate> first, List<String> steps) {

	public PlaybookPreview {
		first = List.copyOf(first);
		steps = List.copyOf(steps);
	}

	/** An account that would enroll, with its owner. */
	public record Candidate(String externalId, String name, String ownerName, List<String> gets) {
		public Candidate {
			gets = List.copyOf(gets);
		}
	}
}
