package io.kizuna.playbooks;

/** A playbook to save: its name and definition. */
public record PlaybookDraft(String name, PlaybookDefinition definition) {
}
