package io.kizuna.usage;

import java.util.Collection;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The traits ingestion did not apply, for the live events page: the newest 1,000 per workspace. */
@Repository
class IgnoredTraits {

	static final int KEPT = 1_000;

	private final JdbcClient jdbc;

	IgnoredTraits(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** In the ingesting transaction: recorded exactly when the call is stored. */
	void record(WorkspaceId workspace, List<IgnoredTrait> ignored) {
		long last = 0;
		for (IgnoredTrait trait : ignored) {
			last = jdbc.sql("""
					insert into usage_ignored_trait (workspace_id, message_id, trait, value) values (?, ?, ?, ?)
					returning ignored_id""")
				.params(workspace.value(), trait.messageId(), trait.trait(), bounded(trait.value()))
				.query(Long.class)
				.single();
			if (last % 100 == 0) {
				jdbc.sql("delete from usage_ignored_trait where workspace_id = ? and ignored_id <= ?")
					.params(workspace.value(), last - KEPT)
					.update();
			}
		}
	}

	List<IgnoredTrait> of(WorkspaceId workspace, Collection<String> messageIds) {
		if (messageIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				select message_id, trait, value from usage_ignored_trait
				where workspace_id = ? and message_id = any(?) order by ignored_id""")
			.params(workspace.value(), messageIds.toArray(String[]::new))
			.query((rs, row) -> new IgnoredTrait(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
	}

	private static String bounded(String value) {
		String clean = value.replace('\u0000', '\uFFFD');
		return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
	}
}
