package io.kizuna.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;

/**
 * The REST API refuses a request body with a field it does not know, so a typo ({@code nmae}) or a field of an older
 * shape ({@code mrrMinor}) is a 400 naming it ({@code ApiProblems}), never silently ignored. Set here rather than
 * in application.properties so that the tests run with it too. The Segment paths parse their bodies themselves and
 * stay lenient, as the SDKs need.
 */
@Configuration(proxyBeanMethods = false)
class ApiJson {

	@Bean
	JsonMapperBuilderCustomizer refuseUnknownFields() {
		return builder -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}
}
