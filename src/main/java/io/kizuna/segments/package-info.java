/**
 * Dynamic segments: a filter language over the fields modules publish, saved segments whose membership follows
 * scoring runs and account changes, and the touch model built on them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "shared", "workspace" })
package io.kizuna.segments;
