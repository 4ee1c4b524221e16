package io.kizuna.shared.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work runs in every node; each job claims its work in the database, so nodes never collide. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "kizuna.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
