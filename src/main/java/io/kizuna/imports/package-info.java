/** CSV import of accounts, contacts, subscriptions and events: streaming, every rejected line reported. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "revenue", "shared", "usage", "workspace" })
package io.kizuna.imports;
