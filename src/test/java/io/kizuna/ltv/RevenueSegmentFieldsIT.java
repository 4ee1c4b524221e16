package io.kizuna.ltv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

import io.kizuna.SharedDatasets;
import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.imports.CsvImport;
import io.kizuna.segments.SegmentAccount;
import io.kizuna.segments.SegmentManagement;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The revenue field family of segments (ADR 0073), contributed by ltv: on the Online Retail slice, an account linked
 * to a customer of the log has the RFM segment and CLV the LTV pages show, published after the fit; an account
 * without purchases has neither; another workspace sees none of them.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevenueSegmentFieldsIT {

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccountManagement accounts;

	@Autowired
	CsvImport imports;

	@Autowired
	LifetimeValues values;

	@Autowired
	SegmentManagement segments;

	@Autowired
	JdbcClient jdbc;

	WorkspaceId workspace;

	WorkspaceId other;

	AccountLifetimeValue linked;

	String rfm;

	@BeforeAll
	void workspace() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		workspace = workspaces.create(new NewWorkspace("rev-" + run, "Retail", "GBP", "Europe/London", "en")).id();
		other = workspaces.create(new NewWorkspace("rev-o-" + run, "Other", "GBP", "Europe/London", "en")).id();
		// 17850 is a customer of the slice: created before the import, its purchases link to this account
		accounts.saveAccount(workspace, "17850", AccountDraft.named("Customer 17850 Ltd"));
		accounts.saveAccount(workspace, "no-purchases", AccountDraft.named("No purchases Ltd"));
		accounts.saveAccount(other, "17850", AccountDraft.named("Other 17850"));
		try (InputStream in = Files.newInputStream(SharedDatasets.resolve("online-retail/online_retail_2010-12_slice.csv"))) {
			assertThat(imports.importCsv(workspace, "transactions", in, null, null).imported()).isEqualTo(26_157);
		}
		values.warm(workspace);
		linked = values.account(workspace, "17850", ClvParameters.DEFAULT);
		String customer = linked.transactionCustomers().get(0).customerId();
		for (int page = 0; rfm == null; page++) {
			List<Rfm.Customer> customers = values.rfm(workspace, null, page, 500).customers().items();
			assertThat(customers).as("customer %s in the RFM pages", customer).isNotEmpty();
			rfm = customers.stream().filter(c -> c.customerId().equals(customer)).map(c -> c.segment().code())
				.findFirst().orElse(null);
		}
	}

	List<String> matching(WorkspaceId ws, String definition) {
		return segments.preview(ws, definition).first().stream().map(SegmentAccount::externalId).sorted().toList();
	}

	@Test
	void theRfmSegmentIsTheOneTheLtvPagesShow() {
		assertThat(linked.transactionCustomers()).hasSize(1);
		assertThat(matching(workspace, "revenue.rfm_segment = \"" + rfm + "\"")).containsExactly("17850");
		assertThat(matching(workspace, "revenue.rfm_segment != \"" + rfm + "\"")).containsExactly("no-purchases");
		assertThat(matching(workspace, "revenue.rfm_segment is empty")).containsExactly("no-purchases");
		assertThatThrownBy(() -> segments.preview(workspace, "revenue.rfm_segment = \"vip\""))
			.isInstanceOf(FilterException.class).extracting("code").isEqualTo("unknownChoice");
	}

	@Test
	void theClvIsTheAccountsClvInMajorUnits() {
		assertThat(linked.clv()).isNotNull();
		BigDecimal clv = BigDecimal.valueOf(linked.clv().minorUnits(), 2);
		assertThat(jdbc.sql("select clv from ltv_v_account_value v join accounts_v_account a using (workspace_id, account_id)"
				+ " where a.workspace_id = ? and a.external_id = '17850'").param(workspace.value()).query(BigDecimal.class)
			.single()).isEqualByComparingTo(clv);
		assertThat(matching(workspace, "revenue.clv = " + clv.toPlainString())).containsExactly("17850");
		assertThat(matching(workspace, "revenue.clv > " + clv.toPlainString())).isEmpty();
		assertThat(matching(workspace, "revenue.clv is empty")).containsExactly("no-purchases");
		assertThat(segments.fields().get("revenue.clv").group()).isEqualTo("revenue");
	}

	@Test
	void anotherWorkspaceSeesNone() {
		assertThat(matching(other, "revenue.clv is not empty or revenue.rfm_segment is not empty")).isEmpty();
	}
}
