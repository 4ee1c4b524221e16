/** Revenue and lifetime value: the BG/NBD, Gamma-Gamma and shifted-beta-geometric models, fitted by maximum likelihood. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "imports", "health", "shared", "workspace" })
package io.kizuna.revenue;
