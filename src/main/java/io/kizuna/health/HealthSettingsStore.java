package io.kizuna.health;

import java.util.Arrays;
import java.util.List;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class HealthSettingsStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	HealthSettingsStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	HealthSettings get(WorkspaceId workspace) {
		return jdbc.sql("select key_features, thresholds from health_settings where workspace_id = ?")
			.param(workspace.value())
			.query((rs, row) -> new HealthSettings(Arrays.asList((String[]) rs.getArray(1).getArray()),
					thresholds(rs.getString(2))))
			.optional()
			.orElse(new HealthSettings(List.of(), SignalThresholds.defaults()));
	}

	void save(WorkspaceId workspace, HealthSettings settings) {
		jdbc.sql("""
				insert into health_settings (workspace_id, key_features, thresholds) values (?, ?, ?::jsonb)
				on conflict (workspace_id) do update set key_features = excluded.key_features,
				                                         thresholds = excluded.thresholds""")
			.params(workspace.value(), settings.keyFeatures().toArray(String[]::new),
					json.writeValueAsString(settings.thresholds()))
			.update();
	}

	private SignalThresholds thresholds(String text) {
		return text == null || text.equals("{}") ? SignalThresholds.defaults()
				: json.readValue(text, SignalThresholds.class);
	}
}
