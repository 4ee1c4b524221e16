package io.kizuna.accounts;

/** Filters for the account list; null means any. {@code text} matches name, domain or external id. */
public record AccountQuery(String text, String tier, String lifecycleStage, Long ownerUserId, Long segmentId, int page,
		int size) {

	public static final int MAX_SIZE = 500;

	/** The filters, as every list of accounts applies them. */
	public AccountFilter filter() {
		return new AccountFilter(text, tier, lifecycleStage, ownerUserId, segmentId);
	}

	public AccountQuery(String text, String tier, String lifecycleStage, Long ownerUserId, int page, int size) {
		this(text, tier, lifecycleStage, ownerUserId, null, page, size);
	}

	public AccountQuery {
		if (page < 0) {
			throw new io.kizuna.shared.InvalidInputException("page must be 0 or more");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw new io.kizuna.shared.InvalidInputException("size must be between 1 and " + MAX_SIZE);
		}
	}
}
