package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The accounts list read model: every sort both ways, the filters, paging, accounts added after scoring. */
@SpringBootTest
class AccountListIT {

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	SignalRules signalRules;

	@Autowired
	AccountManagement accounts;

	@Autowired
	HealthScoring scoring;

	@Autowired
	HealthQueries queries;

	@Autowired
	HealthAdministration administration;

	@Autowired
	javax.sql.DataSource dataSource;

	WorkspaceId workspace;

	long owner;

	LocalDate today;

	@BeforeEach
	void workspace() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("list-" + run, "List " + run, "JPY", "Asia/Tokyo", "en")).id();
		owner = people.createUser(workspace, "csm-" + run + "@example.com", "CSM", "a-long-password", Role.CSM).id();
		today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		account("big", "株式会社ビッグ", "enterprise", owner);
		account("mid", "Mid KK", "mid-market", null);
		account("small", "Small 100% Inc", "smb", owner);
		account("none", "No Subscription", "smb", null);
		subscribed("big", 100_000, 20);
		subscribed("mid", 50_000, 50);
		subscribed("small", 10_000, 80);
		scoring.recompute(workspace, today);
		account("late", "Added After Scoring", "smb", null);
	}

	@Test
	void arrSortsBothWaysWithUnknownValuesLast() {
		assertThat(ids(query(AccountListQuery.Sort.ARR, true))).containsExactly("big", "mid", "small", "none", "late");
		assertThat(ids(query(AccountListQuery.Sort.ARR, false))).containsExactly("none", "small", "mid", "big", "late");
		AccountListRow big = queries.accounts(workspace, query(AccountListQuery.Sort.ARR, true)).items().get(0);
		assertThat(big.arrMinor()).isEqualTo(1_200_000);
		assertThat(big.renewalOn()).isEqualTo(today.plusDays(20));
		assertThat(big.ownerUserId()).isEqualTo(owner);
	}

	@Test
	void renewalAndNameSortBothWays() {
		assertThat(ids(query(AccountListQuery.Sort.RENEWAL, false))).containsExactly("big", "mid", "small", "none", "late");
		assertThat(ids(query(AccountListQuery.Sort.RENEWAL, true))).containsExactly("small", "mid", "big", "none", "late");
		var byName = ids(query(AccountListQuery.Sort.NAME, false));
		assertThat(byName).hasSize(5);
		List<String> reversed = new java.util.ArrayList<>(byName);
		java.util.Collections.reverse(reversed);
		assertThat(ids(query(AccountListQuery.Sort.NAME, true))).containsExactlyElementsOf(reversed);
	}

	@Test
	void scoreSortsKeepUnscoredAccountsLast() {
		for (boolean descending : List.of(false, true)) {
			List<AccountListRow> rows = queries.accounts(workspace, query(AccountListQuery.Sort.SCORE, descending)).items();
			assertThat(rows).hasSize(5);
			assertThat(rows.get(4).externalId()).isEqualTo("late");
			List<Double> scores = rows.stream().map(AccountListRow::score).filter(s -> s != null).toList();
			Comparator<Double> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
			assertThat(scores).isSortedAccordingTo(order);
			int firstNull = rows.stream().map(AccountListRow::score).toList().indexOf(null);
			assertThat(rows.subList(firstNull, 5)).allSatisfy(row -> assertThat(row.score()).isNull());
		}
	}

	/**
	 * Issue 13: a churned account keeps the band of its last score, but the portfolio counts it in no band, a band
	 * filter does not list it, and a health sort, either way, lists it after every live account (and before accounts
	 * not scored yet).
	 */
	@Test
	void churnedAccountsCountInNoBandAreInNoBandFilterAndFollowTheLiveOnesInAHealthSort(
			@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		account("gone", "Gone KK", "smb", owner);
		accounts.saveSubscription(workspace, "sub-gone", new SubscriptionDraft("gone", null, "Standard", 30_000L, "JPY",
				10, "active", today.minusDays(200), today.minusDays(20), null, null, today.minusDays(200)));
		accounts.saveSubscription(workspace, "sub-gone", new SubscriptionDraft("gone", null, "Standard", 30_000L, "JPY",
				10, "canceled", today.minusDays(200), today.minusDays(20), today.minusDays(20), null, today.minusDays(20)));
		RescoreResult run = scoring.recompute(workspace, today);
		account("later", "Added After The Second Run", "smb", null);
		record Status(String account, String band, boolean live) {
		}
		List<Status> statuses = jdbc.sql("""
				select a.external_id, s.band, s.live from health_account_status s
				join accounts_v_account a on a.workspace_id = s.workspace_id and a.account_id = s.account_id
				where s.workspace_id = ?""")
			.param(workspace.value())
			.query((rs, row) -> new Status(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
			.list();
		assertThat(statuses).filteredOn(Status::live)
			.extracting(Status::account)
			.containsExactlyInAnyOrder("big", "mid", "small");
		Status gone = statuses.stream().filter(st -> st.account().equals("gone")).findFirst().orElseThrow();
		assertThat(gone.live()).isFalse();
		assertThat(gone.band()).as("the churned account has a band from its last score").isNotNull();

		java.util.Map<String, Integer> bands = queries.portfolio(workspace).bands();
		java.util.Map<String, Integer> live = new java.util.TreeMap<>();
		statuses.stream()
			.filter(Status::live)
			.forEach(st -> live.merge(st.band() == null ? "none" : st.band(), 1, Integer::sum));
		assertThat(bands).as("live accounts only").isEqualTo(live);
		assertThat(bands.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
		assertThat(run.bands()).as("the run's summary counts live accounts by band").isEqualTo(live);
		Scorecard card = administration.scorecards(workspace).get(0);
		ScorecardPreview preview = administration.previewChange(workspace, card.id(), card.definition());
		assertThat(preview.before()).as("the scorecard preview counts live accounts by band").isEqualTo(live);
		assertThat(preview.after()).as("an unchanged definition moves no account").isEqualTo(live);

		for (boolean descending : List.of(false, true)) {
			List<AccountListRow> rows = queries.accounts(workspace, query(AccountListQuery.Sort.SCORE, descending))
				.items();
			assertThat(rows).hasSize(7);
			assertThat(ids(rows.subList(0, 3))).as("live first").containsExactlyInAnyOrder("big", "mid", "small");
			assertThat(rows.subList(0, 3).stream().map(AccountListRow::score).toList())
				.isSortedAccordingTo(descending ? Comparator.reverseOrder() : Comparator.naturalOrder());
			assertThat(ids(rows.subList(3, 6))).as("then the churned and the never subscribed")
				.containsExactlyInAnyOrder("gone", "none", "late");
			assertThat(rows.get(6).externalId()).as("then the account not scored yet").isEqualTo("later");
			assertThat(rows.stream().filter(r -> r.externalId().equals("gone")).findFirst().orElseThrow().band())
				.isEqualTo(gone.band());
		}

		// A band filter lists live accounts only: not the churned one in the band of its last score, whatever the
		// sort (each takes another query shape), with or without an account filter, and its total says the same.
		for (String band : List.of("red", "yellow", "green")) {
			List<String> liveInBand = statuses.stream()
				.filter(st -> st.live() && band.equals(st.band()))
				.map(Status::account)
				.toList();
			for (AccountListQuery.Sort sort : AccountListQuery.Sort.values()) {
				for (boolean descending : List.of(false, true)) {
					var page = queries.accounts(workspace, new AccountListQuery(null, null, null, null, band, null, null,
							sort, descending, 0, 25));
					assertThat(ids(page.items())).as("%s by %s", band, sort).containsExactlyInAnyOrderElementsOf(liveInBand);
					assertThat(page.total()).as("%s by %s: total", band, sort).isEqualTo(liveInBand.size());
				}
			}
			var smb = queries.accounts(workspace, new AccountListQuery(null, "smb", null, null, band, null, null,
					AccountListQuery.Sort.NAME, false, 0, 25));
			assertThat(ids(smb.items())).as("%s smb", band).doesNotContain("gone");
			assertThat(smb.total()).isEqualTo(smb.items().size());
		}
		var goneBand = queries.accounts(workspace, new AccountListQuery(null, null, null, null, gone.band(), null, null,
				AccountListQuery.Sort.SCORE, false, 0, 25));
		assertThat(ids(goneBand.items())).as("the churned account's last band").doesNotContain("gone");
	}

	@Test
	void filtersCombine() {
		assertThat(ids(filtered(null, null, null, null, 30))).containsExactly("big");
		assertThat(ids(filtered(null, null, null, null, 60))).containsExactly("big", "mid");
		assertThat(ids(filtered(null, "smb", null, null, null))).containsExactly("late", "none", "small");
		assertThat(ids(new AccountListQuery(null, null, null, null, null, null, 60, AccountListQuery.Sort.ARR, true, 0, 25)))
			.as("a status filter with a status sort").containsExactly("big", "mid");
		assertThat(ids(new AccountListQuery(null, null, null, null, null, null, 90, AccountListQuery.Sort.RENEWAL, true, 0,
				25))).containsExactly("small", "mid", "big");
		assertThat(ids(new AccountListQuery(null, null, null, null, null, null, 90, AccountListQuery.Sort.NAME, true, 1, 2)))
			.as("the second page of two").hasSize(1);
		assertThat(ids(filtered(null, "smb", owner, null, null))).containsExactly("small");
		assertThat(ids(filtered("100%", null, null, null, null))).as("like wildcards are literal").containsExactly("small");
		assertThat(ids(filtered("ビッグ", null, null, null, null))).containsExactly("big");
		int bandsSeen = 0;
		for (String band : List.of("red", "yellow", "green")) {
			long expected = queries.accounts(workspace, query(AccountListQuery.Sort.NAME, false))
				.items()
				.stream()
				.filter(row -> band.equals(row.band()))
				.count();
			var page = queries.accounts(workspace, new AccountListQuery(null, null, null, null, band, null, null,
					AccountListQuery.Sort.ARR, true, 0, 25));
			assertThat(page.total()).as(band).isEqualTo(expected);
			assertThat(page.items()).as(band).hasSize((int) Math.min(expected, 25))
				.allSatisfy(row -> assertThat(row.band()).isEqualTo(band));
			bandsSeen += expected > 0 ? 1 : 0;
		}
		assertThat(bandsSeen).as("a band filter with rows to check").isPositive();
		long signalRows = 0;
		// health's seven and support's spike: the loop below filters by each of them
		assertThat(signalRules.kinds()).extracting(SignalKind::code).containsExactly("paying_idle", "seats_unused",
				"key_feature_not_adopted", "usage_falling", "onboarding_stalled", "champion_gone", "renewal_at_risk",
				"support_spike", "survey_detractor", "sentiment_falling");
		for (SignalKind kind : signalRules.kinds()) {
			var page = queries.accounts(workspace, new AccountListQuery(null, null, null, null, null, kind, null,
					AccountListQuery.Sort.NAME, false, 0, 25));
			assertThat(page.items()).as(kind.toString()).hasSize((int) Math.min(page.total(), 25))
				.allSatisfy(row -> assertThat(row.signals()).contains(kind));
			signalRows += page.total();
		}
		assertThat(signalRows).as("some accounts have open signals").isPositive();
	}

	@Test
	void pagesSplitTheOrderAndCountEverything() {
		var first = queries.accounts(workspace, new AccountListQuery(null, null, null, null, null, null, null,
				AccountListQuery.Sort.ARR, true, 0, 2));
		var third = queries.accounts(workspace, new AccountListQuery(null, null, null, null, null, null, null,
				AccountListQuery.Sort.ARR, true, 2, 2));
		assertThat(first.total()).as("only this workspace's accounts").isEqualTo(5);
		assertThat(ids(first.items())).containsExactly("big", "mid");
		assertThat(ids(third.items())).containsExactly("late");
	}

	@Test
	void totalsAreExactUpToTheCapAndSayMoreBeyondIt(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
		jdbc.sql("""
				insert into account (workspace_id, external_id, name, tier)
				select ?, 'bulk-' || i, 'Bulk ' || i, 'smb' from generate_series(1, ?) i""")
			.params(workspace.value(), AccountListQuery.COUNT_CAP)
			.update();
		var all = queries.accounts(workspace, query(AccountListQuery.Sort.NAME, false));
		assertThat(all.total()).as("more than the cap").isEqualTo(AccountListQuery.COUNT_CAP + 1);
		assertThat(all.items()).hasSize(25);
		var mid = queries.accounts(workspace, new AccountListQuery(null, "mid-market", null, null, null, null, null,
				AccountListQuery.Sort.NAME, false, 0, 25));
		assertThat(mid.total()).as("exact below the cap").isEqualTo(1);
	}

	private List<String> ids(AccountListQuery query) {
		return ids(queries.accounts(workspace, query).items());
	}

	private static List<String> ids(List<AccountListRow> rows) {
		return rows.stream().map(AccountListRow::externalId).toList();
	}

	private List<AccountListRow> filtered(String text, String tier, Long ownerId, String band, Integer renewal) {
		return queries.accounts(workspace, new AccountListQuery(text, tier, null, ownerId, band, null, renewal,
				AccountListQuery.Sort.NAME, false, 0, 25)).items().stream()
			.sorted(Comparator.comparing(AccountListRow::externalId))
			.toList();
	}

	private static AccountListQuery query(AccountListQuery.Sort sort, boolean descending) {
		return new AccountListQuery(null, null, null, null, null, null, null, sort, descending, 0, 25);
	}

	private void account(String id, String name, String tier, Long ownerId) {
		accounts.saveAccount(workspace, id, new AccountDraft(name, null, null, tier, ownerId, null, null, null));
	}

	private void subscribed(String account, long mrr, int renewsInDays) {
		accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, null, "Standard", mrr, "JPY",
				10, "active", today.minusDays(100), today.plusDays(renewsInDays), null, null, today.minusDays(100)));
	}

	@Test
	void anAccountWhoseTransactionWasOpenDuringTheScoringRunIsListed() throws Exception {
		// Its transaction begins before the run and commits after it: the run cannot see it, yet its created_at (the
		// transaction's start) is older than the run.
		try (java.sql.Connection writer = dataSource.getConnection()) {
			writer.setAutoCommit(false);
			try (var insert = writer.prepareStatement(
					"insert into account (workspace_id, external_id, name, tier) values (?, 'slow', 'Slow Import KK', 'smb')")) {
				insert.setLong(1, workspace.value());
				insert.executeUpdate();
			}
			Thread.sleep(20);
			scoring.recompute(workspace, today);
			writer.commit();
		}
		for (AccountListQuery.Sort sort : List.of(AccountListQuery.Sort.SCORE, AccountListQuery.Sort.ARR,
				AccountListQuery.Sort.ACTIVITY)) {
			assertThat(ids(query(sort, true))).as(sort.name()).hasSize(6).endsWith("slow");
		}
	}
}
