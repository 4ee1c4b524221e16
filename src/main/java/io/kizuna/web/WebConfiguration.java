package io.kizuna.web;

import io.kizuna.workspace.SignedInUser;
import java.time.Duration;
import java.util.Locale;

import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * {@code ?lang=en} or {@code ?lang=ja} switches and is remembered in a cookie, which wins from then on; without one,
 * the workspace's language once signed in, and the browser's (Accept-Language) before (ADR 0024).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Bean
	LocaleResolver localeResolver(WorkspaceManagement workspaces) {
		CookieLocaleResolver resolver = new CookieLocaleResolver("kizuna-lang");
		resolver.setDefaultLocaleFunction(request -> {
			Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
			return signedIn != null && signedIn.getPrincipal() instanceof SignedInUser user
					? workspaces.get(user.user().workspaceId()).locale() : browserLanguage(request);
		});
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	/**
	 * Before sign-in there is no workspace to ask: the first of ja and en the browser accepts (in its order of
	 * preference), Japanese when it accepts neither or says nothing.
	 */
	static Locale browserLanguage(jakarta.servlet.http.HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			for (Locale accepted : java.util.Collections.list(request.getLocales())) {
				if (SUPPORTED.contains(accepted.getLanguage())) {
					return Locale.forLanguageTag(accepted.getLanguage());
				}
			}
		}
		return Locale.JAPANESE;
	}

	static final java.util.Set<String> SUPPORTED = java.util.Set.of("ja", "en");

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		// Never on the ingestion API: reading a parameter there would parse the body of SDKs that send JSON as
		// application/x-www-form-urlencoded (RudderStack) as a form.
		registry.addInterceptor(change).excludePathPatterns("/v1/**");
	}
}
