package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.TestWorkspace;
import io.kizuna.demo.DemoLoader;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.UserManagement;
import io.kizuna.workspace.WorkspaceManagement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The accounts list's export is the list the user sees (issue 13 item 5): the same filters and sort, every page, the
 * columns on the screen with labels in the user's language; viewers do not get the button.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountExportPageIT {

	static final Pattern EXPORT_LINK = Pattern.compile("id=\"export-csv\" href=\"([^\"]+)\"");

	/** Each row of the list: the account's external id under its name, then its cells. */
	static final Pattern ROW = Pattern.compile("(?s)<tr data-tier.*?<span class=\"meta sub\"[^>]*>([^<]*)</span>(.*?)</tr>");

	static final Pattern CELL = Pattern.compile("(?s)<td[^>]*>(.*?)</td>");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	UserManagement people;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	DemoLoader demo;

	TestWorkspace own;

	WebSession csm;

	@BeforeAll
	void demoWorkspace() {
		own = TestWorkspace.create(workspaces, people, accessKeys, "expp", "ja");
		demo.load(own.id(), 7, 120, 60, 2000);
		csm = WebSession.signedIn(port, own.user(people, "csm", Role.CSM), TestWorkspace.PASSWORD);
	}

	@Test
	void aFilteredSortedListExportsExactlyItsRowsInItsOrderWithItsColumns() {
		for (String view : List.of("/accounts?band=red&sort=arr&dir=desc", "/accounts?renewal=90&sort=renewal",
				"/accounts?signal=paying_idle&sort=score", "/accounts?tier=enterprise&stage=mature&sort=activity&dir=desc")) {
			String page = csm.get(view + "&lang=ja").body();
			int total = count(page);
			assertThat(total).as("a filter that leaves some accounts: " + view).isBetween(1, 119);
			// What the user sees, page after page of 25.
			List<List<String>> shown = new ArrayList<>();
			for (int p = 0; p * 25 < total; p++) {
				shown.addAll(rows(p == 0 ? page : csm.get(view + "&page=" + p + "&lang=ja").body()));
			}
			assertThat(shown).hasSize(total);

			List<CSVRecord> file = csv(csm.get(exportLink(page)).body());
			assertThat(file.get(0).values()).as("headers in the user's language").containsExactly("ID", "アカウント", "担当者",
					"ティア", "ステージ", "スコア", "ヘルス", "ARR", "通貨", "更新日", "シグナル", "最終利用日",
					"タッチレベル");
			List<CSVRecord> records = file.subList(1, file.size());
			assertThat(records).as(view).hasSize(total);
			for (int i = 0; i < total; i++) {
				List<String> screen = shown.get(i);
				CSVRecord record = records.get(i);
				assertThat(record.get(0)).as("row %d of %s in the list's order", i, view).isEqualTo(screen.get(0));
				assertThat(record.get(2)).as("the owner's name, not an id").isEqualTo(screen.get(3).equals("—") ? "" : screen.get(3));
				assertThat(record.get(3)).as("the tier's label").isEqualTo(screen.get(1));
				assertThat(record.get(4)).as("the stage's label").isEqualTo(screen.get(2));
				assertThat(record.get(5)).as("the score as shown").isEqualTo(screen.get(4).equals("—") ? "" : screen.get(4));
				if (!record.get(7).isEmpty()) {
					assertThat(record.get(8)).isEqualTo("JPY");
					assertThat(record.get(7)).as("ARR, a plain number of yen").matches("[0-9]+")
						.isEqualTo(screen.get(5).replaceAll("[^0-9]", ""));
				}
			}
		}
	}

	@Test
	void everyPageOfALongListIsExportedAndTheEnglishFileHasEnglishLabels() {
		String page = csm.get("/accounts?sort=score&lang=en").body();
		int total = count(page);
		assertThat(total).isEqualTo(120);
		List<CSVRecord> file = csv(csm.get(exportLink(page)).body());
		assertThat(file).hasSize(1 + total);
		assertThat(file.get(0).values()).startsWith("Id", "Account");
		assertThat(file.stream().skip(1).map(r -> r.get(6)).distinct()).isSubsetOf("Red", "Yellow", "Green", "");
		assertThat(file.stream().skip(1).map(r -> r.get(3)).distinct()).isSubsetOf("SMB", "Mid-market", "Enterprise");
		List<String> firstPage = rows(page).stream().map(r -> r.get(0)).toList();
		assertThat(file.subList(1, 26).stream().map(r -> r.get(0)).toList()).isEqualTo(firstPage);
	}

	@Test
	void viewersGetNoExportButton() {
		WebSession viewer = WebSession.signedIn(port, own.user(people, "viewer", Role.VIEWER), TestWorkspace.PASSWORD);
		assertThat(viewer.get("/accounts").body()).doesNotContain("export-csv");
		assertThat(viewer.get("/exports/accounts.csv").statusCode()).isEqualTo(403);
	}

	private static String exportLink(String page) {
		Matcher link = EXPORT_LINK.matcher(page);
		assertThat(link.find()).as("the export button").isTrue();
		return link.group(1).replace("&amp;", "&");
	}

	/** Each shown row: the external id, then the text of the tier, stage, owner, score and ARR cells. */
	private static List<List<String>> rows(String page) {
		List<List<String>> rows = new ArrayList<>();
		Matcher row = ROW.matcher(page);
		while (row.find()) {
			List<String> cells = new ArrayList<>();
			cells.add(unescape(row.group(1)));
			Matcher cell = CELL.matcher(row.group(2));
			while (cell.find() && cells.size() < 6) {
				cells.add(unescape(cell.group(1).replaceAll("<[^>]+>", "").strip()));
			}
			rows.add(cells);
		}
		return rows;
	}

	private static int count(String page) {
		Matcher count = Pattern.compile("id=\"account-count\">([^<]+)<").matcher(page);
		assertThat(count.find()).isTrue();
		return Integer.parseInt(count.group(1).replaceAll("[^0-9]", ""));
	}

	private static List<CSVRecord> csv(String body) {
		assertThat(body).startsWith("\uFEFF");
		try {
			return CSVFormat.DEFAULT.parse(new StringReader(body.substring(1))).getRecords();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String unescape(String html) {
		return html.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
			.replace("&#39;", "'");
	}
}
