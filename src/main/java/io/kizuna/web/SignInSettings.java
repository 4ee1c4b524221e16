package io.kizuna.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Sign-in attempts allowed in five minutes, per account and per client address (offices share addresses). */
@ConfigurationProperties("kizuna.sign-in")
record SignInSettings(@DefaultValue("5") int maxAttemptsPerAccount, @DefaultValue("100") int maxAttemptsPerAddress) {
}
