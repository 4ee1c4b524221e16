package io.kizuna.usage;

import java.nio.charset.StandardCharsets;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Calls refused as invalid, for the live events page: the newest 1,000 per workspace, each on its own. */
@Repository
class Rejections {

	static final int KEPT = 1_000;

	static final int SAMPLE_CHARS = 2_000;

	private final JdbcClient jdbc;

	Rejections(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Autocommitted: the call itself stores nothing, and its refusal must not depend on this succeeding. */
	void record(WorkspaceId workspace, Long writeKeyId, String endpoint, String reason, byte[] body) {
		String sample = new String(body, 0, Math.min(body.length, SAMPLE_CHARS * 4), StandardCharsets.UTF_8)
			.replace('\u0000', '\uFFFD');
		if (sample.length() > SAMPLE_CHARS) {
			sample = sample.substring(0, SAMPLE_CHARS);
		}
		String bounded = reason == null ? "invalid" : reason.length() > 1_000 ? reason.substring(0, 1_000) : reason;
		try {
			long id = jdbc.sql("""
					insert into ingestion_rejection (workspace_id, write_key_id, endpoint, reason, body_sample)
					values (?, ?, ?, ?, ?) returning rejection_id""")
				.params(workspace.value(), writeKeyId, endpoint, bounded.replace('\u0000', '\uFFFD'), sample)
				.query(Long.class)
				.single();
			if (id % 100 == 0) {
				jdbc.sql("delete from ingestion_rejection where workspace_id = ? and rejection_id <= ?")
					.params(workspace.value(), id - KEPT)
					.update();
			}
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(Rejections.class).warn("Could not record a refused call", ex);
		}
	}
}
