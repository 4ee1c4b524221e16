/** Playbooks: CSM tasks, and the triggers, conditions and steps that create them, send email and call webhooks. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "imports", "segments", "shared",
		"workspace" })
package io.kizuna.playbooks;
