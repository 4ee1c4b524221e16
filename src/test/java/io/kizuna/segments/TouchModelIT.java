package io.kizuna.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.kizuna.TestHttp;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.HealthScoring;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The touch model's rules place each account at one level; each owner's book counts them with ARR and risk. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TouchModelIT {

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
	HealthScoring scoring;

	@Autowired
	TouchModelManagement touch;

	@Autowired
	SegmentManagement segments;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	TestWorkspace ws;

	long hanako;

	long taro;

	@BeforeAll
	void workspace() {
		ws = TestWorkspace.create(workspaces, people, accessKeys, "touch", "ja");
		hanako = people.createUser(ws.id(), "hanako@" + ws.slug() + ".test", "佐藤 花子", TestWorkspace.PASSWORD, Role.CSM).id();
		taro = people.createUser(ws.id(), "taro@" + ws.slug() + ".test", "鈴木 太郎", TestWorkspace.PASSWORD, Role.CSM).id();
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		// hanako: one ¥12M ARR account, one ¥1.2M, one ¥120k; taro: one enterprise ¥600k, one ¥1.8M; one unowned
		account("big", hanako, "mid-market", 1_000_000, today);
		account("mid", hanako, "smb", 100_000, today);
		account("small", hanako, "smb", 10_000, today);
		account("ent", taro, "enterprise", 50_000, today);
		account("mid2", taro, "mid-market", 150_000, today);
		account("orphan", null, "smb", 5_000, today);
		scoring.recompute(ws.id(), today);
	}

	private void account(String id, Long owner, String tier, long mrr, LocalDate today) {
		accounts.saveAccount(ws.id(), id, new AccountDraft(id + " KK", null, null, tier, owner, null, null, Map.of()));
		accounts.saveSubscription(ws.id(), "sub-" + id, new SubscriptionDraft(id, null, "Standard", mrr, "JPY", 5,
				"active", today.minusDays(60), today.plusDays(300), null, null, today.minusDays(60)));
	}

	@Test
	void theDefaultRulesPlaceAccountsByArrAndTierAndEachBookCountsThem() {
		BookOfBusiness book = touch.bookOfBusiness(ws.id());
		assertThat(book.levels()).extracting(TouchLevel::nameJa).containsExactly("ハイタッチ", "ロータッチ", "テックタッチ");
		BookOfBusiness.Owner h = owner(book, hanako);
		assertThat(h.ownerName()).isEqualTo("佐藤 花子");
		assertThat(List.of(h.accounts(), h.high(), h.mid(), h.tech())).containsExactly(3L, 1L, 1L, 1L);
		assertThat(h.arrMinor()).isEqualTo(12 * 1_110_000L);
		BookOfBusiness.Owner t = owner(book, taro);
		// enterprise is high-touch whatever its ARR; ¥1.8M is low-touch
		assertThat(List.of(t.accounts(), t.high(), t.mid(), t.tech())).containsExactly(2L, 1L, 1L, 0L);
		assertThat(owner(book, null).accounts()).isEqualTo(1);
		long atRisk = book.owners().stream().mapToLong(BookOfBusiness.Owner::atRisk).sum();
		assertThat(atRisk).isBetween(0L, 6L);
	}

	@Test
	void rulesAndNamesAreEditableAndBadRulesRefused() {
		segments.create(ws.id(), new SegmentDraft("key-accounts", "Key accounts", "external_id in (\"small\")"));
		try {
			touch.save(ws.id(), List.of(new TouchLevel("high", "重点", "Key", "segment = \"key-accounts\""),
					new TouchLevel("mid", "ミドル", "Middle", "tier = 'mid-market'")));
			BookOfBusiness.Owner h = owner(touch.bookOfBusiness(ws.id()), hanako);
			assertThat(List.of(h.high(), h.mid(), h.tech())).containsExactly(1L, 1L, 1L);
			assertThat(touch.levels(ws.id())).extracting(TouchLevel::nameEn).containsExactly("Key", "Middle", "Tech-touch");
			assertThat(touch.levels(ws.id()).get(1).definition()).isEqualTo("tier = \"mid-market\"");
			assertThatThrownBy(() -> touch.save(ws.id(), List.of(new TouchLevel("high", "x", "x", "tier > 3"))))
				.isInstanceOfSatisfying(FilterException.class, ex -> assertThat(ex.code()).isEqualTo("notOrdered"));
			assertThat(touch.levels(ws.id()).get(0).nameJa()).isEqualTo("重点");

			TestHttp http = new TestHttp(port);
			HttpResponse<String> bad = http.send("PUT", "/api/v1/touch-model",
					"{\"levels\":[{\"code\":\"mid\",\"definition\":\"helth = 1\"}]}", ws.apiToken());
			assertThat(bad.statusCode()).isEqualTo(400);
			HttpResponse<String> names = http.send("PUT", "/api/v1/touch-model",
					"{\"levels\":[{\"code\":\"tech\",\"nameJa\":\"\",\"nameEn\":\"Tech\"}]}", ws.apiToken());
			assertThat(names.statusCode()).isEqualTo(400);
			assertThat(http.get("/api/v1/touch-model/book-of-business", ws.apiToken()).body()).contains("佐藤 花子",
					"\"high\":1");
		}
		finally {
			touch.save(ws.id(), List.of(new TouchLevel("high", "ハイタッチ", "High-touch",
					"subscription.arr >= 10000000 or tier = \"enterprise\""),
					new TouchLevel("mid", "ロータッチ", "Low-touch", "subscription.arr >= 1000000")));
			segments.delete(ws.id(), "key-accounts");
		}
	}

	@Test
	void theStoredLevelFollowsScoringRunsAccountChangesAndTheModel() {
		// placed after the scoring run of the set-up (an asynchronous listener)
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(levels()).containsExactlyInAnyOrderEntriesOf(
				Map.of("big", "high", "mid", "mid", "small", "tech", "ent", "high", "mid2", "mid", "orphan", "tech")));
		assertThat(matching("touch = \"high\"")).containsExactly("big", "ent");
		assertThat(matching("touch in (\"mid\", \"tech\") and tier = \"smb\"")).containsExactly("mid", "orphan", "small");
		assertThatThrownBy(() -> segments.preview(ws.id(), "touch = \"premium\""))
			.isInstanceOfSatisfying(FilterException.class, ex -> assertThat(ex.code()).isEqualTo("unknownChoice"));
		// a touch rule cannot read the level it sets
		assertThatThrownBy(() -> touch.save(ws.id(), List.of(new TouchLevel("mid", "x", "x", "touch = \"high\""))))
			.isInstanceOf(InvalidInputException.class).hasMessageContaining("touch");
		try {
			// an account change moves only that account: enterprise no more, and ¥600k ARR is tech-touch
			accounts.saveAccount(ws.id(), "ent", new AccountDraft("ent KK", null, null, "smb", taro, null, null, Map.of()));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(levels()).containsEntry("ent", "tech"));
			// a saved model places every account at once
			touch.save(ws.id(), List.of(new TouchLevel("high", "ハイタッチ", "High-touch", "external_id = \"small\"")));
			assertThat(levels()).containsEntry("small", "high").containsEntry("big", "mid").containsEntry("ent", "tech");
		}
		finally {
			touch.save(ws.id(), List.of(new TouchLevel("high", "ハイタッチ", "High-touch",
					"subscription.arr >= 10000000 or tier = \"enterprise\"")));
			accounts.saveAccount(ws.id(), "ent", new AccountDraft("ent KK", null, null, "enterprise", taro, null, null, Map.of()));
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(levels()).containsEntry("ent", "high"));
		}
	}

	private Map<String, String> levels() {
		return jdbc.sql("""
				select a.external_id, t.level from segments_v_touch t join accounts_v_account a using (workspace_id, account_id)
				where t.workspace_id = ?""").param(ws.id().value())
			.query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private List<String> matching(String definition) {
		return segments.preview(ws.id(), definition).first().stream().map(SegmentAccount::externalId).sorted().toList();
	}

	private static BookOfBusiness.Owner owner(BookOfBusiness book, Long id) {
		return book.owners().stream().filter(o -> java.util.Objects.equals(o.ownerUserId(), id)).findFirst().orElseThrow();
	}
}
