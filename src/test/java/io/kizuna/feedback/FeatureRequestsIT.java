package io.kizuna.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.kizuna.TestWorkspace;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportReport;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.messaging.SmtpDraft;
import io.kizuna.playbooks.Task;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.shared.NotFoundException;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Feature requests and reviews end to end on the real database and a real SMTP server: demand weighted by ARR and
 * risk (hand-computed), merging duplicates, the shipped loop (mail in each voter's language, suppression honoured,
 * a task per voting account), votes across workspaces refused, and reviews imported with bad rows reported by line,
 * linked to accounts, averaged by source and month.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeatureRequestsIT {

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("kizuna", "smtp-secret"));

	@Autowired
	FeatureRequests requests;

	@Autowired
	Reviews reviews;

	@Autowired
	AccountManagement accounts;

	@Autowired
	OutboundMail mail;

	@Autowired
	TaskManagement tasks;

	@Autowired
	CsvImport imports;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys keys;

	@Autowired
	JdbcClient jdbc;

	TestWorkspace ws;

	@BeforeEach
	void accounts() {
		ws = TestWorkspace.create(workspaces, people, keys, "voice", "ja");
		account("e1", "enterprise", 12_000_000, "green", "{}");
		account("e2", "enterprise", 6_000_000, "red", "{}");
		account("m1", "mid-market", 2_400_000, "yellow", "{paying_idle}");
		account("s1", "smb", 600_000, "green", "{}");
		contact("s1-c1", "s1", "c1@s1.example.com", "Alex Morgan");
		contact("s1-c2", "s1", "c2@s1.example.com", "鈴木 一郎");
		contact("s1-c3", "s1", "c3@s1.example.com", "高橋 美咲");
		contact("e2-c", "e2", "buyer@e2.example.com", "佐藤 花子");
		contact("m1-c", "m1", "ops@m1.example.com", "田中 健");
	}

	/** An account with health's latest standing as a scoring run would have written it. */
	private void account(String id, String tier, long arr, String band, String signals) {
		accounts.saveAccount(ws.id(), id, new AccountDraft(id + " 株式会社", null, null, tier, null, null, null, Map.of()));
		long accountId = accounts.account(ws.id(), id).id();
		jdbc.sql("""
				insert into health_account_status (workspace_id, account_id, day, score, band, live, arr_minor, currency,
				    revenue_at_risk_minor, signal_kinds)
				values (:ws, :account, current_date, 50, :band, true, :arr, 'JPY', 0, :signals::text[])""")
			.param("ws", ws.id().value()).param("account", accountId).param("band", band).param("arr", arr)
			.param("signals", signals).update();
	}

	private void contact(String id, String account, String email, String name) {
		accounts.saveContact(ws.id(), id, new ContactDraft(email, name, null, account, null, Map.of()));
	}

	private long request(String title) {
		return requests.create(ws.id(), new RequestDraft(title, "", "UI", List.of("ui")), "test").id();
	}

	private void vote(long request, String account, String contact, String language) {
		requests.vote(ws.id(), request, new VoteDraft(account, contact, language, "account", null, null), "test");
	}

	private FeatureRequest votedRequest() {
		long r = request("SAML SSO");
		vote(r, null, "s1-c1", "en");
		vote(r, null, "s1-c2", "ja");
		vote(r, null, "s1-c3", "ja");
		vote(r, "e1", null, "ja");
		vote(r, "e2", "e2-c", "ja");
		vote(r, "m1", null, "ja");
		return requests.get(ws.id(), r);
	}

	@Test
	void demandIsWeightedByArrRiskBreadthAndLoudness() {
		FeatureRequest r = votedRequest();
		// 6 votes from 4 accounts: 12M + 6M + 2.4M + 0.6M of ARR; e2 is red and m1 has an open signal: 8.4M at risk;
		// enterprise, mid-market, smb: 3 tiers; the loudest three (s1 ×3, then e1 and e2 by ARR) cast 5 of 6 votes
		assertThat(r.demand().votes()).isEqualTo(6);
		assertThat(r.demand().accounts()).isEqualTo(4);
		assertThat(r.demand().arrMinor()).isEqualTo(21_000_000L);
		assertThat(r.demand().arrAtRiskMinor()).isEqualTo(8_400_000L);
		assertThat(r.demand().tiers()).isEqualTo(3);
		assertThat(r.demand().top3Share()).isEqualTo(0.8333);
		assertThat(r.demand().rice()).isNull();

		// a voter votes once
		assertThat(requests.vote(ws.id(), r.id(), new VoteDraft(null, "s1-c1", "en", "portal", null, null), "x"))
			.isEmpty();
		assertThat(requests.get(ws.id(), r.id()).demand().votes()).isEqualTo(6);

		// RICE: reach defaults to the 4 accounts: 4 × 2 × 50% ÷ 4 = 1.00; an edited reach of 100 gives 25.00
		assertThat(requests.setRice(ws.id(), r.id(), new RiceDraft(null, new BigDecimal("2"), 50, new BigDecimal("4")))
			.demand().rice()).isEqualByComparingTo("1.00");
		assertThat(requests.setRice(ws.id(), r.id(), new RiceDraft(100, new BigDecimal("2"), 50, new BigDecimal("4")))
			.demand().rice()).isEqualByComparingTo("25.00");

		// a broad request with less ARR sorts below by ARR, above by breadth of tiers only when broader
		long small = request("ダークモード");
		vote(small, null, "s1-c1", "en");
		vote(small, null, "s1-c2", "ja");
		assertThat(requests.board(ws.id(), BoardSort.ARR, null, null, null, 10, 0)).extracting(FeatureRequest::id)
			.containsExactly(r.id(), small);
		FeatureRequest loud = requests.get(ws.id(), small);
		assertThat(loud.demand().top3Share()).isEqualTo(1.0);
		assertThat(loud.demand().arrMinor()).isEqualTo(600_000L);
		assertThat(requests.board(ws.id(), BoardSort.NEWEST, null, null, null, 10, 0)).extracting(FeatureRequest::id)
			.containsExactly(small, r.id());

		// health moves (m1 recovers, its signal resolved): recomputing follows the new standing
		jdbc.sql("update health_account_status set band = 'green', signal_kinds = '{}' where workspace_id = :ws and account_id = :a")
			.param("ws", ws.id().value()).param("a", accounts.account(ws.id(), "m1").id()).update();
		requests.recomputeDemand(ws.id());
		assertThat(requests.get(ws.id(), r.id()).demand().arrAtRiskMinor()).isEqualTo(6_000_000L);
	}

	@Test
	void mergingMovesVotesAndCommentsAndCountsAVoterOfBothOnce() {
		FeatureRequest target = votedRequest();
		long duplicate = request("Okta でログイン");
		vote(duplicate, "e1", null, "ja"); // voted for both
		vote(duplicate, null, "s1-c1", "en"); // voted for both
		vote(duplicate, "m1", "m1-c", "ja"); // a new voter of an account that already voted
		requests.comment(ws.id(), duplicate, "CSM", "Okta を使っている顧客から");

		FeatureRequest merged = requests.merge(ws.id(), duplicate, target.id());

		assertThat(merged.demand().votes()).isEqualTo(7);
		assertThat(merged.demand().accounts()).isEqualTo(4);
		assertThat(merged.demand().arrMinor()).isEqualTo(21_000_000L);
		// s1 ×3, m1 ×2, then e1: 6 of 7 votes
		assertThat(merged.demand().top3Share()).isEqualTo(0.8571);
		assertThat(requests.votes(ws.id(), target.id(), 100)).hasSize(7);
		assertThat(requests.comments(ws.id(), target.id())).extracting(RequestComment::body)
			.containsExactly("Okta を使っている顧客から");
		FeatureRequest gone = requests.get(ws.id(), duplicate);
		assertThat(gone.status()).isEqualTo("duplicate");
		assertThat(gone.mergedInto()).isEqualTo(target.id());
		assertThat(gone.demand().votes()).isZero();
		assertThat(requests.board(ws.id(), BoardSort.ARR, null, null, null, 10, 0)).extracting(FeatureRequest::id)
			.containsExactly(target.id());
		// a late vote for the duplicate counts for the request it was merged into
		contact("e1-c", "e1", "cto@e1.example.com", "CTO");
		vote(duplicate, null, "e1-c", "ja");
		assertThat(requests.get(ws.id(), target.id()).demand().votes()).isEqualTo(8);
		assertThatThrownBy(() -> requests.merge(ws.id(), duplicate, target.id()))
			.isInstanceOf(io.kizuna.shared.ConflictException.class);
	}

	@Test
	void shippingMailsEveryVoterInTheirLanguageAndGivesEachVotingAccountsCsmATask() throws Exception {
		mail.saveSmtpSettings(ws.id(), new SmtpDraft("127.0.0.1", smtp.getSmtp().getPort(), "none", "kizuna",
				"smtp-secret", "cs@kizuna.example", 0));
		mail.suppress(ws.id(), "c2@s1.example.com");
		FeatureRequest r = votedRequest();

		requests.changeStatus(ws.id(), r.id(), "shipped", "PM");
		requests.changeStatus(ws.id(), r.id(), "shipped", "PM"); // the loop closes once
		mail.dispatch();

		// four voters left an address (e1 and m1 voted as accounts); one of them is suppressed
		assertThat(smtp.waitForIncomingEmail(20_000, 3)).isTrue();
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(3);
		assertThat(Arrays.stream(received).map(m -> {
			try {
				return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress() + " " + m.getSubject();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList()).containsExactlyInAnyOrder("c1@s1.example.com Your request \"SAML SSO\" has shipped",
				"c3@s1.example.com ご要望の「SAML SSO」をリリースしました",
				"buyer@e2.example.com ご要望の「SAML SSO」をリリースしました");
		assertThat(mail.messageByKey(ws.id(), "feedback-shipped-" + r.id() + "-c2@s1.example.com").orElseThrow().status())
			.isEqualTo("suppressed");

		for (String account : List.of("e1", "e2", "m1", "s1")) {
			List<Task> tasksOf = tasks.list(ws.id(), null, null, account, 10);
			assertThat(tasksOf).as(account).hasSize(1);
			assertThat(tasksOf.get(0).title()).isEqualTo("要望「SAML SSO」のリリースを顧客に伝える");
		}
	}

	@Test
	void aVoteForAnotherWorkspacesRequestOrAccountIsRefused() {
		TestWorkspace other = TestWorkspace.create(workspaces, people, keys, "voice-other", "ja");
		accounts.saveAccount(other.id(), "x1", new AccountDraft("他社", null, null, "smb", null, null, null, Map.of()));
		long mine = request("Mine");
		long theirs = requests.create(other.id(), new RequestDraft("Theirs", "", null, List.of()), "t").id();
		assertThatThrownBy(() -> requests.vote(ws.id(), theirs, new VoteDraft("e1", null, "ja", "api", null, null), "t"))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> requests.vote(other.id(), mine, new VoteDraft("x1", null, "ja", "api", null, null), "t"))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> requests.vote(ws.id(), mine, new VoteDraft("x1", null, "ja", "api", null, null), "t"))
			.isInstanceOf(NotFoundException.class);
		assertThatThrownBy(() -> requests.merge(ws.id(), mine, theirs)).isInstanceOf(NotFoundException.class);
		assertThat(requests.get(ws.id(), mine).demand().votes()).isZero();
		assertThat(requests.get(other.id(), theirs).demand().votes()).isZero();
	}

	@Test
	void reviewsImportReportsBadRowsByLineLinksAuthorsAndAveragesBySourceAndMonth() {
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
		LocalDate thisMonth = today.withDayOfMonth(1);
		String csv = "source,rating,date,title,text,author,author_email,url,language\n"
				+ "g2,5," + thisMonth + ",Great,Works well,Sam,,https://g2.example/r/1,en\n"
				+ "g2,4," + thisMonth + ",Good,Fine,Kim,,https://g2.example/r/2,en\n"
				+ "itreview,1," + thisMonth + ",ログインできない,二段階認証のあとにログインできない,佐藤 花子,buyer@e2.example.com,,ja\n"
				+ "g2,9," + thisMonth + ",Too high,x,,,,en\n" // line 5: rating out of range
				+ "app_store,3,not-a-date,t,x,,,,en\n" // line 6: bad date
				+ "itreview,2," + thisMonth.minusMonths(1) + ",遅い,画面が遅い,鈴木 一郎,,,\n" // name match → s1
				+ "g2,5," + thisMonth + ",Great,Works well,Sam,,https://g2.example/r/1,en\n"; // the same review again
		ImportReport report = imports.importCsv(ws.id(), "reviews",
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "UTF-8", null);
		assertThat(report.rejected()).isEqualTo(2);
		assertThat(report.rejectedLines()).extracting(ImportReport.RejectedLine::line).containsExactly(5L, 6L);
		assertThat(report.rejectedLines().get(0).reason()).contains("rating");
		List<Review> all = reviews.list(ws.id(), null, false, false, null, 100, 0);
		assertThat(all).hasSize(4);
		Review login = all.stream().filter(r -> "itreview".equals(r.source()) && r.rating().intValue() == 1).findFirst()
			.orElseThrow();
		assertThat(login.accountExternalId()).as("linked by email").isEqualTo("e2");
		assertThat(all.stream().filter(r -> "遅い".equals(r.title())).findFirst().orElseThrow().accountExternalId())
			.as("linked by a name only one account's contacts have").isEqualTo("s1");
		assertThat(all.stream().filter(r -> "遅い".equals(r.title())).findFirst().orElseThrow().language()).isEqualTo("ja");
		// the negative queue: ratings of 2 or less without a reply
		assertThat(reviews.list(ws.id(), null, true, true, null, 100, 0)).hasSize(2);
		reviews.reply(ws.id(), login.id(), "ご不便をおかけしました。", "CSM");
		assertThat(reviews.list(ws.id(), null, true, true, null, 100, 0)).hasSize(1);
		// averages: g2 this month (5 + 4) / 2 = 4.5 over 2; itreview 1.0 this month, 2.0 last month
		List<ReviewRating> ratings = reviews.ratings(ws.id(), today, 2);
		assertThat(ratings).extracting(r -> r.source() + " " + r.month() + " " + r.average() + " " + r.reviews())
			.containsExactly("itreview " + java.time.YearMonth.from(thisMonth.minusMonths(1)) + " 2.0 1",
					"g2 " + java.time.YearMonth.from(thisMonth) + " 4.5 2",
					"itreview " + java.time.YearMonth.from(thisMonth) + " 1.0 1");
	}
}
