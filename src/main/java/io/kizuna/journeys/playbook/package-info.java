/**
 * Journeys' playbook trigger ({@code stage_changed}), as a module nested in journeys so that journeys itself need not
 * know playbooks (ADR 0128): it turns each {@link io.kizuna.journeys.StageChanged} into one
 * {@link io.kizuna.playbooks.PlaybookManagement#fire} call.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Journeys: playbook trigger",
		allowedDependencies = { "journeys", "playbooks", "shared" })
package io.kizuna.journeys.playbook;
