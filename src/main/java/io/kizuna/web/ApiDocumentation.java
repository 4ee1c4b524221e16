package io.kizuna.web;

import java.util.Currency;
import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The OpenAPI description served at {@code /api/v1/openapi} (ADR 0038): what springdoc reads from the controllers,
 * plus what it cannot know — the title and the build's version, the server, how callers authenticate and the
 * problem+json errors ({@link ApiErrorResponses}, {@link ApiSchemas}, {@link ApiOperationIds}, {@link ApiExamples}).
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:openapi/springdoc.properties")
class ApiDocumentation {

	static final String BEARER = "apiToken";

	static final String WRITE_KEY = "writeKey";

	static {
		// Money's currency is written as its ISO 4217 code, not as the Currency bean's properties.
		SpringDocUtils.getConfig().replaceWithSchema(Currency.class,
				new StringSchema().pattern("^[A-Z]{3}$").example("JPY").description("ISO 4217 currency code"));
	}

	@Bean
	OpenAPI kizunaOpenApi(ObjectProvider<BuildProperties> build,
			@Value("${kizuna.api.base-url:/}") String baseUrl) {
		BuildProperties properties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Kizuna API")
				.version(properties == null ? "development" : properties.getVersion())
				.description(DESCRIPTION)
				.license(new License().name("Apache License 2.0")
					.url("https://www.apache.org/licenses/LICENSE-2.0")))
			.servers(List.of(new Server().url(baseUrl)
				.description(baseUrl.equals("/") ? "the Kizuna that serves this document"
						: "configured by kizuna.api.base-url")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER))
			.components(new Components()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("kzt_…")
					.description("An API token (Settings → API tokens), scope read or read_write: "
							+ "Authorization: Bearer kzt_…"))
				.addSecuritySchemes(WRITE_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("basic")
					.description("A write key as the HTTP Basic user name with an empty password, as Segment's "
							+ "SDKs send it (or the body's writeKey)")));
	}

	private static final String DESCRIPTION = """
			Kizuna's REST API (`/api/v1`) and its Segment-compatible ingestion (`/v1`).

			**Authentication.** `/api/v1` takes an API token as a bearer token (`Authorization: Bearer kzt_…`); a \
			`read` token may call every GET, a `read_write` token everything (the audit log and write keys need \
			`read_write` even to read). `/v1` takes a write key as the HTTP Basic user name.

			**Requests.** JSON bodies; a field the request does not know is refused (400 naming it), so a typo is \
			never silently ignored. Lists are paged with `page` (from 0) and `size`.

			**Money** is always one shape: `{"minorUnits": 30000, "currency": "JPY"}`, an integer amount in the \
			currency's minor unit (JPY has none, so that is ¥30,000) and its ISO 4217 code.

			**Codes** (statuses, bands, signal kinds, segments, models) are lower snake case: `active`, \
			`past_due`, `paying_idle`.

			**Errors** are RFC 9457 `application/problem+json`; a 400 lists every violation in `errors`.
			""";
}
