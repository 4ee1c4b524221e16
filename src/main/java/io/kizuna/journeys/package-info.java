/**
 * Lifecycle journeys: each account's stage, set by hand or by ordered rules in the segment filter language, its
 * history, and how accounts flow between stages.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "segments", "health", "imports",
		"shared", "workspace" })
package io.kizuna.journeys;
