package io.kizuna.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountQuery;
import io.kizuna.health.AtRiskQuery;
import io.kizuna.health.HealthQueries;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class DemoLoadIT {

	@Autowired
	DemoLoader loader;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccountManagement accounts;

	@Autowired
	HealthQueries health;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	io.kizuna.ltv.LifetimeValues lifetimeValues;

	@Autowired
	io.kizuna.segments.SegmentManagement segments;

	@Test
	void loadsThroughTheRealPathsAndStoresNothingTwice() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("demo-" + run, "Demo", "JPY", "Asia/Tokyo", "ja")).id();

		DemoLoader.Loaded loaded = loader.load(workspace, 42, 40, 60, 1000);
		assertThat(loaded.accounts()).isEqualTo(40);
		assertThat(accounts.accounts(workspace, new AccountQuery(null, null, null, null, 0, 1)).total()).isEqualTo(40);
		long events = count("event", workspace);
		long changes = count("subscription_change", workspace);
		assertThat(events).isEqualTo(loaded.events());
		assertThat(changes).isGreaterThan(40);
		assertThat(count("contact", workspace)).isGreaterThan(80);
		assertThat(count("usage_daily", workspace)).isGreaterThan(40 * 20);
		assertThat(jdbc.sql("select count(distinct day) from health_snapshot where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.single()).isEqualTo(30);
		assertThat(accounts.account(workspace, "acct-00001").attributes()).containsKey("demo_archetype");
		assertThat(health.atRisk(workspace, new AtRiskQuery(null, null, null, null, null, 0, 50)).total()).isPositive();
		// Purchases for the LTV page, linked to their accounts, some of ¥0; the load fitted the models already.
		long purchases = count("customer_transaction", workspace);
		assertThat(purchases).isEqualTo(loaded.purchases()).isGreaterThan(80);
		assertThat(jdbc.sql("select count(*) from customer_transaction where workspace_id = ? and account_id is null")
			.param(workspace.value()).query(Long.class).single()).isZero();
		io.kizuna.ltv.TransactionModels models = lifetimeValues.transactionModels(workspace);
		assertThat(models.problem()).isNull();
		assertThat(models.customers()).isEqualTo(40);
		assertThat(models.repeatCustomers()).isGreaterThanOrEqualTo(10);
		assertThat(lifetimeValues.topCustomers(workspace, 20)).hasSize(20);

		// the demo's segments, in the workspace's language, with members; the tech-touch ones all small accounts
		assertThat(segments.list(workspace)).extracting(io.kizuna.segments.Segment::key)
			.containsExactlyInAnyOrder("enterprise-at-risk", "tech-touch-idle", "renewing-90-days");
		assertThat(segments.get(workspace, "enterprise-at-risk").name()).isEqualTo("リスクのあるエンタープライズ顧客");
		assertThat(segments.list(workspace)).allSatisfy(s -> assertThat(s.memberCount()).as(s.key()).isPositive());
		assertThat(segments.members(workspace, "tech-touch-idle", 0, 100).items()).allSatisfy(a ->
				assertThat(a.tier()).isEqualTo("smb"));

		loader.load(workspace, 42, 40, 60, 1000);
		assertThat(segments.list(workspace)).hasSize(3);
		assertThat(count("event", workspace)).isEqualTo(events);
		assertThat(count("subscription_change", workspace)).isEqualTo(changes);
		assertThat(count("customer_transaction", workspace)).isEqualTo(purchases);
		assertThat(accounts.accounts(workspace, new AccountQuery(null, null, null, null, 0, 1)).total()).isEqualTo(40);
	}

	private long count(String table, WorkspaceId workspace) {
		return jdbc.sql("select count(*) from " + table + " where workspace_id = ?")
			.param(workspace.value())
			.query(Long.class)
			.single();
	}
}
