/**
 * Onboarding's playbook trigger ({@code milestone_overdue}), as a module nested in onboarding so that onboarding
 * itself need not know playbooks (ADR 0128): each {@link io.kizuna.onboarding.MilestoneOverdue} becomes one
 * {@link io.kizuna.playbooks.PlaybookManagement#fire} call.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Onboarding: playbook trigger",
		allowedDependencies = { "onboarding", "playbooks", "shared" })
package io.kizuna.onboarding.playbook;
