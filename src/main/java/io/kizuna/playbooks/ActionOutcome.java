package io.kizuna.playbooks;

/**
 * What a step did, for the playbook's run log: done, or retry later (a transient failure such as SMTP down), or
 * failed for good; with a summary a manager can read.
 */
public record ActionOutcome(Status status, String summary) {

	public enum Status {
		DONE, RETRY, FAILED
	}

	public static ActionOutcome done(String summary) {
		return new ActionOutcome(Status.DONE, summary);
	}

	public static ActionOutcome retry(String summary) {
		return new ActionOutcome(Status.RETRY, summary);
	}

	public static ActionOutcome failed(String summary) {
		return new ActionOutcome(Status.FAILED, summary);
	}
}
