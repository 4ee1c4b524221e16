package io.kizuna.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param accounts how many accounts to generate
 * @param seed the same seed gives the same workspace
 * @param days how many days of usage, ending today
 */
@ConfigurationProperties("kizuna.demo")
record DemoSettings(@DefaultValue("false") boolean enabled, @DefaultValue("500") int accounts,
		@DefaultValue("42") long seed, @DefaultValue("210") int days, @DefaultValue("2000") int chunk) {
}
