package io.kizuna.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Examples of the main resources, kept as JSON files beside the code ({@code openapi/examples/<Schema>.json}) and
 * put on the schema of that name, so they show wherever the schema is used. The test suite sends the request
 * examples to the API, so an example that stops being accepted fails a test.
 */
@Component
class ApiExamples implements GlobalOpenApiCustomizer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public void customise(OpenAPI openApi) {
		try {
			for (Resource file : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:openapi/examples/*.json")) {
				String name = file.getFilename().replaceFirst("\\.json$", "");
				Schema<?> schema = openApi.getComponents().getSchemas().get(name);
				if (schema == null) {
					throw new IllegalStateException("an example for " + name + ", which no operation uses");
				}
				try (InputStream in = file.getInputStream()) {
					schema.setExample(JSON.readValue(in, Object.class));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
