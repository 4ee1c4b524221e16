package io.kizuna.accounts;

import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** jsonb columns to and from maps. */
@Component
class JsonColumns {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JsonMapper json;

	JsonColumns(JsonMapper json) {
		this.json = json;
	}

	String write(Map<String, Object> value) {
		return value == null ? "{}" : json.writeValueAsString(value);
	}

	Map<String, Object> read(String column) {
		return column == null ? Map.of() : json.readValue(column, MAP);
	}
}
