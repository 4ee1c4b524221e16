/** Accounts (companies), contacts (their people) and subscriptions with the history of every change. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "imports", "shared", "workspace" })
package io.kizuna.accounts;
