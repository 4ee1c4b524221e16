/** Workspaces (tenants), their users and roles, write keys and API tokens, and the audit log. */
package io.kizuna.workspace;
