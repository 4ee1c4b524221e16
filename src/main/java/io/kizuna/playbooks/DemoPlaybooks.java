package io.kizuna.playbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's playbooks on its signals (paying but idle → a task, a note, the manager if still open; onboarding
 * stalled; renewals; a paused one on falling health) and their tasks in every state. Deterministic from the seed;
 * a second load finds the playbooks by key and adds nothing.
 */
@Component
class DemoPlaybooks implements DemoContribution {

	private final PlaybookManagement playbooks;

	private final TaskManagement tasks;

	private final JdbcClient jdbc;

	DemoPlaybooks(PlaybookManagement playbooks, TaskManagement tasks, JdbcClient jdbc) {
		this.playbooks = playbooks;
		this.tasks = tasks;
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 300;
	}

	@Override
	public void load(DemoWorkspace demo) {
		var workspace = demo.workspace();
		if (exists(demo, "paying-idle")) {
			return;
		}
		boolean ja = demo.japanese();
		Playbook idle = create(demo, "paying-idle", ja ? "支払い中だが利用なし → 再オンボーディング" : "Paying but idle → re-onboarding",
				new PlaybookDefinition(new PlaybookDefinition.Trigger("signal_raised", Map.of("kind", "paying_idle")), null,
						new PlaybookDefinition.EnrollmentRule("limit", 1, 90), new PlaybookDefinition.Exit(true, null),
						List.of(step(0, "create_task", Map.of("title", ja ? "{{account.name}} に利用状況を確認" : "Check in with {{account.name}} about usage",
								"type", "risk", "priority", "high", "due_days", "2", "assignee", "owner",
								"checklist", ja ? "管理者に電話する\n再オンボーディングの日程を提案する\n結果を記録する"
										: "Call the admin\nOffer a re-onboarding session\nRecord the outcome",
								"reason", ja ? "料金を支払っていますが、最近ログインがありません。" : "They pay but nobody has logged in lately."), false),
								step(3, "add_note", Map.of("body", ja ? "再オンボーディングのご案内を送付（{{owner.name}}）"
										: "Re-onboarding invitation sent ({{owner.name}})"), false),
								step(7, "create_task", Map.of("title", ja ? "{{account.name}}: 担当CSMのタスクが未完了" : "{{account.name}}: the owner's task is still open",
										"type", "risk", "priority", "urgent", "assignee", "manager"), true))));
		Playbook stalled = create(demo, "onboarding-stalled", ja ? "オンボーディング停滞の解消" : "Unblock a stalled onboarding",
				new PlaybookDefinition(new PlaybookDefinition.Trigger("signal_raised", Map.of("kind", "onboarding_stalled")), null,
						null, new PlaybookDefinition.Exit(true, null),
						List.of(step(0, "create_task", Map.of("title", ja ? "{{account.name}} のオンボーディング支援" : "Help {{account.name}} finish onboarding",
								"type", "onboarding", "due_days", "3", "checklist", ja ? "キックオフ資料を再送\n設定代行を提案" : "Resend the kickoff deck\nOffer a setup session"), false))));
		create(demo, "renewal-90", ja ? "更新90日前の準備" : "Renewal in 90 days",
				new PlaybookDefinition(new PlaybookDefinition.Trigger("renewal_within", Map.of("days", "90")), null, null, null,
						List.of(step(0, "create_task", Map.of("title", ja ? "{{account.name}} の更新準備" : "Prepare {{account.name}}'s renewal",
								"type", "renewal", "due_days", "14"), false))));
		Playbook falling = create(demo, "green-to-red", ja ? "ヘルス急落（緑→赤）" : "Health dropped (green → red)",
				new PlaybookDefinition(new PlaybookDefinition.Trigger("band_changed", Map.of("from", "green", "to", "red")), null,
						null, null, List.of(step(0, "create_task", Map.of("title", ja ? "{{account.name}} の急落を確認" : "Look into {{account.name}}'s drop",
								"type", "risk", "priority", "high"), false))));
		playbooks.pause(workspace, falling.id());
		// the demo's struggling accounts go through the playbooks as if their signals had just been raised
		enroll(demo, idle, "paying_idle");
		enroll(demo, stalled, "onboarding_stalled");
		playbooks.runDueSteps();
		spreadStates(demo);
	}

	private boolean exists(DemoWorkspace demo, String key) {
		try {
			playbooks.resolve(demo.workspace(), key);
			return true;
		}
		catch (io.kizuna.shared.NotFoundException e) {
			return false;
		}
	}

	private Playbook create(DemoWorkspace demo, String key, String name, PlaybookDefinition definition) {
		Playbook created = playbooks.create(demo.workspace(), new PlaybookDraft(name, definition));
		playbooks.setKey(demo.workspace(), created.id(), key);
		return playbooks.activate(demo.workspace(), created.id());
	}

	private static PlaybookDefinition.Step step(int day, String type, Map<String, String> settings, boolean ifOpen) {
		return new PlaybookDefinition.Step(day, type, settings, ifOpen, null, null, null);
	}

	private void enroll(DemoWorkspace demo, Playbook playbook, String archetype) {
		Map<String, Long> ids = new java.util.HashMap<>();
		jdbc.sql("select external_id, account_id from accounts_v_account where workspace_id = ?")
			.param(demo.workspace().value()).query(rs -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		List<TriggerHit> hits = new ArrayList<>();
		for (DemoWorkspace.Account account : demo.accounts()) {
			Long id = ids.get(account.externalId());
			if (account.archetype().equals(archetype) && id != null) {
				hits.add(new TriggerHit(new AccountId(id), "demo:" + demo.today(), Map.of("kind", archetype),
						Map.of("trigger", "signal_raised", "kind", archetype, "day", demo.today().toString())));
			}
		}
		playbooks.enroll(demo.workspace(), playbook, hits, 0, "signal_raised");
	}

	/** Tasks in every state: some started, snoozed, completed with each outcome, canceled; some overdue. */
	private void spreadStates(DemoWorkspace demo) {
		var workspace = demo.workspace();
		boolean ja = demo.japanese();
		SplittableRandom random = new SplittableRandom(demo.seed() ^ 0x7A5C);
		// tasks by hand, a few of them overdue
		List<TaskDraft> drafts = new ArrayList<>();
		List<DemoWorkspace.Account> accounts = demo.accounts();
		for (int i = 0; i < Math.min(12, accounts.size()); i++) {
			DemoWorkspace.Account account = accounts.get((i * 7) % accounts.size());
			drafts.add(new TaskDraft(account.externalId(), ja ? "四半期ビジネスレビューの準備" : "Prepare the quarterly business review",
					i % 3 == 0 ? "opportunity" : "activity", i % 4 == 0 ? "high" : "normal", demo.today().plusDays(i - 5),
					account.ownerUserId(), ja ? "定例の顧客レビュー" : "Regular customer review", List.of()));
		}
		tasks.createAll(workspace, drafts, null);
		List<Task> open = tasks.list(workspace, "open_all", null, null, TaskManagement.MAX_LIST);
		int n = 0;
		for (Task task : open) {
			Long actor = task.assigneeUserId();
			switch (n++ % 8) {
				case 1 -> tasks.start(workspace, task.id(), actor);
				case 2 -> tasks.snooze(workspace, task.id(), demo.today().plusDays(1 + random.nextInt(10)), actor);
				case 3 -> tasks.complete(workspace, task.id(), Task.OUTCOMES.get(random.nextInt(Task.OUTCOMES.size())),
						ja ? "電話で確認しました" : "Talked on the phone", actor);
				case 5 -> tasks.complete(workspace, task.id(), "resolved", null, actor);
				case 6 -> tasks.cancel(workspace, task.id(), ja ? "別の対応で解決済み" : "Handled another way", actor);
				default -> {
				}
			}
		}
	}
}
