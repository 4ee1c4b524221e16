package io.kizuna.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The errors every operation can answer, as problem+json with the {@code ProblemDetail} schema: 400 where it takes
 * input, 401 and 429 (the credential's rate limit) always, 403 where a read-only token (or, on {@code /v1}, a page's origin) is refused, 404 where the
 * path names a resource. Operation-specific ones (409, 413, 422) are declared on the method with
 * {@code @ApiResponse(responseCode = …, description = …)}; this gives them the problem body too. The Segment
 * paths take the write key instead of the bearer token, and their trailing-slash aliases are left out of the
 * description (they answer the same).
 */
@Component
class ApiErrorResponses implements GlobalOpenApiCustomizer {

	static final String PROBLEM_JSON = "application/problem+json";

	/** Creates or merges: a missing resource is created, never a 404. */
	private static final Set<String> CREATE_OR_MERGE = Set.of("/api/v1/accounts/{externalId}",
			"/api/v1/contacts/{externalId}", "/api/v1/subscriptions/{externalId}");

	private static final Map<String, String> GENERIC = Map.of(
			"400", "Invalid input: the parameters or the body are wrong; errors lists every violation",
			"401", "No valid credentials: a missing, unknown or revoked API token (write key on /v1)",
			"403", "Not allowed: this needs a read_write token",
			"404", "Not found in this token's workspace");

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getPaths().keySet().removeIf(path -> path.length() > 1 && path.endsWith("/"));
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			boolean ingestion = path.startsWith("/v1/");
			if (ingestion) {
				operation.setSecurity(List.of(new SecurityRequirement().addList(ApiDocumentation.WRITE_KEY)));
			}
			if (takesInput(operation)) {
				add(operation, "400", GENERIC.get("400"));
			}
			add(operation, "401", GENERIC.get("401"));
			if (ingestion) {
				add(operation, "403", "Sent from a page whose origin this write key does not allow");
			}
			else if (method != PathItem.HttpMethod.GET || path.startsWith("/api/v1/audit")
					|| path.startsWith("/api/v1/write-keys")) {
				add(operation, "403", GENERIC.get("403"));
			}
			if (!ingestion && path.contains("{")
					&& !(method == PathItem.HttpMethod.PUT && CREATE_OR_MERGE.contains(path))) {
				add(operation, "404", GENERIC.get("404"));
			}
			if (!operation.getResponses().containsKey("429")) {
				operation.getResponses().addApiResponse("429", new ApiResponse()
					.description("Too many calls with this credential; nothing was done: retry after Retry-After seconds")
					.addHeaderObject("Retry-After", new Header().description("Seconds to wait")
						.schema(new IntegerSchema())));
			}
			operation.getResponses().forEach((code, response) -> {
				if (code.startsWith("4") || code.startsWith("5")) {
					response.setContent(problemContent());
				}
			});
			sortResponses(operation);
		}));
		if (openApi.getTags() != null) {
			openApi.getTags().sort(Comparator.comparing(io.swagger.v3.oas.models.tags.Tag::getName));
		}
	}

	private static boolean takesInput(Operation operation) {
		return operation.getRequestBody() != null
				|| (operation.getParameters() != null && !operation.getParameters().isEmpty());
	}

	private static void add(Operation operation, String code, String description) {
		if (!operation.getResponses().containsKey(code)) {
			operation.getResponses().addApiResponse(code, new ApiResponse().description(description));
		}
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON,
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ApiSchemas.PROBLEM)));
	}

	/** 2xx first, then the errors in order of their code, as a reader scans them. */
	private static void sortResponses(Operation operation) {
		var sorted = new io.swagger.v3.oas.models.responses.ApiResponses();
		operation.getResponses()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
		operation.setResponses(sorted);
	}
}
