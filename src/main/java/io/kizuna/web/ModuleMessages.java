package io.kizuna.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * One message bundle per module, {@code i18n/<module>/messages[_ja|_en].properties}, found on the class path: a new
 * module brings its own bundle and nothing else is edited. A key missing in every bundle shows as itself, which the
 * browser tests look for.
 */
@Configuration(proxyBeanMethods = false)
class ModuleMessages {

	static final String BUNDLES = "classpath*:i18n/*/messages.properties";

	@Bean
	MessageSource messageSource() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(basenames());
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

	static String[] basenames() {
		try {
			Resource[] bundles = new PathMatchingResourcePatternResolver().getResources(BUNDLES);
			return Arrays.stream(bundles)
				.map(bundle -> "i18n/" + moduleOf(bundle) + "/messages")
				.distinct()
				.sorted()
				.toArray(String[]::new);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the message bundles", ex);
		}
	}

	private static String moduleOf(Resource bundle) {
		try {
			String path = bundle.getURL().toString();
			String folder = path.substring(0, path.lastIndexOf('/'));
			return folder.substring(folder.lastIndexOf('/') + 1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
