/** Customer health: scorecards, daily snapshots with their explanation, latent-bottleneck signals and back-tests. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "shared", "usage", "workspace" })
package io.kizuna.health;
