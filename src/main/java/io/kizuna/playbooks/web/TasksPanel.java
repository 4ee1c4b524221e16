package io.kizuna.playbooks.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.accounts.TimelineEntry;
import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskEventRow;
import io.kizuna.playbooks.TaskManagement;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Account 360: the account's tasks (open first), and one timeline entry per task event. */
@Component
class TasksPanel implements AccountPanel {

	private final TaskManagement tasks;

	private final MessageSource messages;

	private final TaskLabels labels;

	TasksPanel(TaskManagement tasks, MessageSource messages, TaskLabels labels) {
		this.tasks = tasks;
		this.messages = messages;
		this.labels = labels;
	}

	@Override
	public int order() {
		return 15;
	}

	@Override
	public String template() {
		return "playbooks/account-panel";
	}

	@Override
	public String fragment() {
		return "tasks";
	}

	@Override
	public AccountPanelContent content(AccountView view) {
		List<Task> list = tasks.list(view.workspaceId(), null, null, view.account().externalId(), 50);
		List<TaskEventRow> events = tasks.accountEvents(view.workspaceId(), view.account().id(), 100);
		Locale locale = view.locale();
		List<TimelineEntry> timeline = events.stream()
			.map(e -> new TimelineEntry(e.at().atZone(view.zone()).toLocalDate(), "task",
					messages.getMessage("playbooks.timeline." + e.kind(), new Object[] { e.title() },
							e.kind() + ": " + e.title(), locale), null, null))
			.toList();
		return new AccountPanelContent(Map.of("tasks", list, "today", view.today(), "labels", labels.of(view.workspaceId()),
				"account", view.account().externalId()), timeline);
	}
}
