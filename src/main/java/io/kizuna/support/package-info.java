/** Support desk: tickets over email, phone and REST, Japanese mail decoded right, agents' queues and history. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "segments", "shared",
		"workspace", "imports", "text", "calendars", "playbooks", "messaging" })
package io.kizuna.support;
