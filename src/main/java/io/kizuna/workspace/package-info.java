/** Workspaces (tenants), their users and roles, write keys and API tokens, and the audit log. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package io.kizuna.workspace;
