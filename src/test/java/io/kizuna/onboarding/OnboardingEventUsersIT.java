package io.kizuna.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.usage.TrackedMessage;
import io.kizuna.usage.UsageIngestion;
import io.kizuna.usage.UsageRollups;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The milestone kind "distinct users of one event" (ADR 0140) on the real database: reached on the workspace-zone day
 * the N-th different user first triggered the event within the window — a user counted once however often, another
 * event's users not at all, a user past the window not at all — and counted by the pass over changed days too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnboardingEventUsersIT {

	static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	UsageIngestion ingestion;

	@Autowired
	UsageRollups rollups;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OnboardingManagement onboarding;

	TestWorkspace ws;

	LocalDate start;

	final List<TrackedMessage> messages = new ArrayList<>();

	/**
	 * eu-a: u1 creates reports on days 1 and 2, u4 views dashboards on day 2, u2 creates one at 23:30 on day 3 and u3
	 * at 00:30 on day 4 in Tokyo — one UTC day, two Tokyo days. eu-b: u1 and u2 create reports every day of days 1–5
	 * (ten user-days, two users), u3 on day 15, after the 14-day window.
	 */
	@BeforeAll
	void workspace() {
		ws = TestWorkspace.create(workspaces, people, accessKeys, "onb-users", "ja");
		start = LocalDate.now(TOKYO).minusDays(20);
		account("eu-a");
		account("eu-b");
		at("eu-a", "u1", start.plusDays(1), "Report Created");
		at("eu-a", "u1", start.plusDays(2), "Report Created");
		at("eu-a", "u4", start.plusDays(2), "Dashboard Viewed");
		Instant lateEvening = start.plusDays(3).atTime(23, 30).atZone(TOKYO).toInstant();
		Instant afterMidnight = start.plusDays(4).atTime(0, 30).atZone(TOKYO).toInstant();
		assertThat(lateEvening.atZone(ZoneOffset.UTC).toLocalDate())
			.isEqualTo(afterMidnight.atZone(ZoneOffset.UTC).toLocalDate());
		event("eu-a", "u2", lateEvening, "Report Created");
		event("eu-a", "u3", afterMidnight, "Report Created");
		for (int day = 1; day <= 5; day++) {
			at("eu-b", "u1", start.plusDays(day), "Report Created");
			at("eu-b", "u2", start.plusDays(day), "Report Created");
		}
		at("eu-b", "u3", start.plusDays(15), "Report Created");
		flush();
	}

	private void account(String id) {
		accounts.saveAccount(ws.id(), id, new AccountDraft(id + " 株式会社", null, null, "enterprise", null, null, null,
				Map.of()));
		accounts.saveSubscription(ws.id(), "sub-" + id, new SubscriptionDraft(id, "app", "Standard", 50_000L, "JPY", 10,
				"active", start, start.plusYears(1), null, null, start));
	}

	private void at(String account, String user, LocalDate day, String name) {
		event(account, user, day.atTime(LocalTime.of(10, 0)).atZone(TOKYO).toInstant(), name);
	}

	private void event(String account, String user, Instant at, String name) {
		messages.add(new TrackedMessage("track", UUID.randomUUID().toString(), account + "-" + user, null, account, name,
				at, at, null, null, null, null));
	}

	private void flush() {
		ingestion.ingest(ws.id(), List.copyOf(messages));
		messages.clear();
		io.kizuna.usage.PendingRollups.awaitFolded(rollups, jdbc, ws.id());
	}

	static Milestone users(String key, String event, int count, int within) {
		return new Milestone(key, key + "（日本語）", key, MilestoneKind.EVENT_USERS, event, count, within, within, false);
	}

	private Map<String, LocalDate> done(String account) {
		Map<String, LocalDate> done = new TreeMap<>();
		onboarding.progress(ws.id(), account).steps().stream().filter(AccountOnboarding.Step::done)
			.forEach(s -> done.put(s.milestone().key(), s.completedOn()));
		return done;
	}

	@Test
	@Order(1)
	void reachedOnTheTokyoDayTheThirdDifferentUserFirstTriggeredTheEvent() {
		onboarding.savePlan(ws.id(), null, new OnboardingPlan("std", "標準", "Standard", "default", null,
				List.of(users("three-reporters", "Report Created", 3, 14), users("two-reporters", "Report Created", 2, 14),
						users("two-viewers", "Dashboard Viewed", 2, 14))));

		// u3's report after midnight in Tokyo is the third user: day 4, though u2's and u3's are one UTC day
		assertThat(done("eu-a")).containsExactly(Map.entry("three-reporters", start.plusDays(4)),
				Map.entry("two-reporters", start.plusDays(3)));
		// ten user-days of two users are two users; the third is past the window
		assertThat(done("eu-b")).containsExactly(Map.entry("two-reporters", start.plusDays(1)));
		assertThat(onboarding.plan(ws.id(), "std").milestones()).first().satisfies(m -> {
			assertThat(m.kind()).isEqualTo(MilestoneKind.EVENT_USERS);
			assertThat(m.eventName()).isEqualTo("Report Created");
		});
	}

	@Test
	@Order(2)
	void aNewUserIsCountedByThePassOverTheChangedDays() {
		at("eu-b", "u5", start.plusDays(9), "Report Created");
		flush();
		onboarding.evaluateChanged(ws.id(), start.plusDays(9), start.plusDays(9));
		assertThat(done("eu-b")).containsEntry("three-reporters", start.plusDays(9));
	}

	@Test
	@Order(3)
	void theEventIsRequiredAndTheKindIsNamedInTheApi() {
		LocaleContextHolder.setLocale(Locale.JAPANESE);
		try {
			assertThatThrownBy(() -> onboarding.savePlan(ws.id(), null, new OnboardingPlan("bad", "不正", "Bad", "tier",
					"smb", List.of(users("no-event", " ", 3, 14)))))
				.isInstanceOf(InvalidInputException.class)
				.hasMessage("マイルストーン「no-event」: イベント回数とイベントの利用ユーザー数にはイベント名（200文字以内）が必要です。");
		}
		finally {
			LocaleContextHolder.resetLocaleContext();
		}
		var response = new TestHttp(port).get("/api/v1/onboarding/plans/std", ws.apiToken());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"kind\":\"event_users\"", "\"eventName\":\"Report Created\"");
	}
}
