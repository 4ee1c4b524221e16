/** Subscription revenue: MRR movements, churn, GRR and NRR, cohort retention, renewals and the renewal forecast. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "shared", "workspace" })
package io.kizuna.revenue;
