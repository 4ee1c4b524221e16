/** The home page: the whole book of business at a glance, from what health and revenue publish. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "revenue", "shared", "workspace" })
package io.kizuna.portfolio;
