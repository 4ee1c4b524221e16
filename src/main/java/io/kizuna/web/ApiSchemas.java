package io.kizuna.web;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Schemas springdoc cannot derive or derives wrongly: the {@code ProblemDetail} every error answers with, and the
 * free-form maps ({@code attributes}, {@code traits}, {@code properties}) whose values may be anything, which it
 * describes as maps of objects only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiSchemas implements GlobalOpenApiCustomizer {

	static final String PROBLEM = "ProblemDetail";

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(PROBLEM, problemSchema());
		Set<Schema<?>> seen = new HashSet<>();
		openApi.getComponents().getSchemas().values().forEach(schema -> anyValues(schema, seen));
	}

	/** A map of Object values is a map of anything: {@code additionalProperties: true}. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void anyValues(Schema<?> schema, Set<Schema<?>> seen) {
		if (schema == null || !seen.add(schema)) {
			return;
		}
		if (schema.getAdditionalProperties() instanceof Schema values && values.get$ref() == null
				&& "object".equals(values.getType()) && values.getProperties() == null
				&& values.getAdditionalProperties() == null) {
			schema.setAdditionalProperties(true);
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(property -> anyValues((Schema<?>) property, seen));
		}
		if (schema.getItems() != null) {
			anyValues(schema.getItems(), seen);
		}
		if (schema.getAdditionalProperties() instanceof Schema values) {
			anyValues(values, seen);
		}
	}

	/** RFC 9457 problem details as {@code ApiProblems} writes them, with the list of violations of a 400. */
	private static Schema<?> problemSchema() {
		// A plain Schema: ObjectSchema would write the example map as a string.
		return new Schema<Object>().type("object")
			.description("An error, as RFC 9457 application/problem+json")
			.addProperty("type", new StringSchema().example("about:blank"))
			.addProperty("title", new StringSchema().example("Invalid input"))
			.addProperty("status", new IntegerSchema().example(400))
			.addProperty("detail", new StringSchema().example("invalid account"))
			.addProperty("instance", new StringSchema().example("/api/v1/accounts"))
			.addProperty("errors", new ArraySchema().items(new StringSchema())
				.description("Every violation, each naming the field by its path in the body (400 only)")
				.example(List.of("name: required", "nmae: unknown field; known fields: attributes, domain, …")))
			.required(List.of("title", "status"))
			.example(Map.of("type", "about:blank", "title", "Invalid input", "status", 400, "detail",
					"invalid account", "instance", "/api/v1/accounts", "errors",
					List.of("name: required", "externalId: at most 200 characters")));
	}
}
