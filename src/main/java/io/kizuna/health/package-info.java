/** Customer health: scorecards, daily snapshots with their explanation, latent-bottleneck signals and back-tests. */
package io.kizuna.health;
