package io.kizuna.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The default workspace and the credentials automation may fix in advance
 * ({@code KIZUNA_BOOTSTRAP_ADMIN_EMAIL}, {@code KIZUNA_BOOTSTRAP_ADMIN_PASSWORD}, {@code KIZUNA_BOOTSTRAP_WRITE_KEY},
 * {@code KIZUNA_BOOTSTRAP_API_TOKEN}).
 */
@ConfigurationProperties("kizuna.bootstrap")
record BootstrapSettings(String adminEmail, String adminPassword, String writeKey, String apiToken,
		@DefaultValue("default") String workspaceSlug, @DefaultValue("Kizuna") String workspaceName,
		@DefaultValue("JPY") String currency, @DefaultValue("Asia/Tokyo") String timeZone,
		@DefaultValue("ja") String locale) {
}
