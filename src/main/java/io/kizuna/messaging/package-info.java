/** Messaging: outbound email (SMTP settings, templates, outbox, unsubscribe and suppression), webhooks and Slack. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "playbooks", "segments", "shared", "workspace" })
package io.kizuna.messaging;
