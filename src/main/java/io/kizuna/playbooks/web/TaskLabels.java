package io.kizuna.playbooks.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.shared.WorkspaceId;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Task type labels in the reader's language: the workspace's own wording where it set one, else the built-in. */
@Component
class TaskLabels {

	private final TaskManagement tasks;

	private final MessageSource messages;

	TaskLabels(TaskManagement tasks, MessageSource messages) {
		this.tasks = tasks;
		this.messages = messages;
	}

	Map<String, String> of(WorkspaceId workspace) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, String[]> custom = tasks.typeLabels(workspace);
		Map<String, String> labels = new LinkedHashMap<>();
		for (String type : Task.TYPES) {
			String[] own = custom.get(type);
			String label = own == null ? null : locale.getLanguage().equals("ja") ? own[0] : own[1];
			labels.put(type, label != null ? label : messages.getMessage("playbooks.type." + type, null, type, locale));
		}
		return labels;
	}
}
