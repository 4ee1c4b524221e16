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
 * The workspace's language by default (Japanese before sign-in); {@code ?lang=en} or {@code ?lang=ja} switches and
 * is remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Bean
	LocaleResolver localeResolver(WorkspaceManagement workspaces) {
		CookieLocaleResolver resolver = new CookieLocaleResolver("kizuna-lang");
		resolver.setDefaultLocaleFunction(request -> {
			Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
			return signedIn != null && signedIn.getPrincipal() instanceof SignedInUser user
					? workspaces.get(user.user().workspaceId()).locale() : Locale.JAPANESE;
		});
		resolver.setCookieMaxAge(Duration.ofDays(365));
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
	}
}
