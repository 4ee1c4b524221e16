package io.kizuna.text;

import java.util.Arrays;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SettingsStore {

	private final JdbcClient jdbc;

	SettingsStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	TextSettings find(WorkspaceId workspace) {
		return jdbc.sql("select stop_words, synonyms, product_names from text_settings where workspace_id = :ws")
			.param("ws", workspace.value())
			.query((rs, n) -> new TextSettings(list(rs.getArray(1)), list(rs.getArray(2)), list(rs.getArray(3))))
			.optional()
			.orElse(TextSettings.NONE);
	}

	void save(WorkspaceId workspace, TextSettings settings) {
		jdbc.sql("""
				insert into text_settings (workspace_id, stop_words, synonyms, product_names) values (:ws, :stop, :syn, :names)
				on conflict (workspace_id) do update set stop_words = excluded.stop_words, synonyms = excluded.synonyms,
				    product_names = excluded.product_names, updated_at = now()""")
			.param("ws", workspace.value()).param("stop", settings.stopWords().toArray(String[]::new))
			.param("syn", settings.synonymLines().toArray(String[]::new))
			.param("names", settings.productNames().toArray(String[]::new))
			.update();
	}

	private static List<String> list(java.sql.Array array) throws java.sql.SQLException {
		return Arrays.asList((String[]) array.getArray());
	}
}
