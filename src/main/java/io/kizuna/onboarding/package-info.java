/** Onboarding: plans of milestones per subscription plan or tier, completed from usage rollups or by hand. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "imports", "segments",
		"shared", "usage", "workspace" })
package io.kizuna.onboarding;
