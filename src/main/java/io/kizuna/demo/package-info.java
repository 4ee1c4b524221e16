/** The demo workspace: a deterministic, archetype-based generator of a realistic B2B SaaS customer base. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "ltv", "segments", "shared", "usage", "workspace" })
package io.kizuna.demo;
