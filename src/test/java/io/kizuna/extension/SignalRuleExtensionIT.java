package io.kizuna.extension;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountState;
import io.kizuna.accounts.SubscriptionDraft;
import io.kizuna.health.AtRiskAccount;
import io.kizuna.health.AtRiskQuery;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.HealthScoring;
import io.kizuna.health.HealthSignal;
import io.kizuna.health.SignalFinding;
import io.kizuna.health.SignalInput;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalRule;
import io.kizuna.health.SignalRules;
import io.kizuna.health.SignalSeverity;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A module outside health adds a signal ("SLA breached") by declaring one bean and using health's public API only:
 * health stores it under its code, lists it, filters the worklist by it, and resolves it when it stops holding.
 * This package stands for such a module; nothing in health names it.
 */
@SpringBootTest
@Import(SignalRuleExtensionIT.SupportModule.class)
class SignalRuleExtensionIT {

	static final SignalKind SLA_BREACHED = new SignalKind("sla_breached");

	/** What a support module would know from its own tables: breaches by account external id. */
	static final Map<String, Integer> BREACHES = new ConcurrentHashMap<>();

	@TestConfiguration(proxyBeanMethods = false)
	static class SupportModule {

		@Bean
		SignalRule slaBreached() {
			return new SignalRule() {

				@Override
				public String code() {
					return "sla_breached";
				}

				@Override
				public Map<Long, SignalFinding> detect(SignalInput input) {
					Map<Long, SignalFinding> findings = new HashMap<>();
					for (AccountState state : input.scoring().states().values()) {
						Integer breaches = BREACHES.get(state.externalId());
						if (breaches != null) {
							findings.put(state.accountId(), new SignalFinding(
									breaches > 1 ? SignalSeverity.HIGH : SignalSeverity.MEDIUM, Map.of("breaches", breaches)));
						}
					}
					return findings;
				}
			};
		}
	}

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccountManagement accounts;

	@Autowired
	HealthScoring scoring;

	@Autowired
	HealthQueries queries;

	@Autowired
	SignalRules rules;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anotherModulesRuleIsRaisedStoredListedFilteredAndResolved() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("sla-" + run, "SLA " + run, "JPY", "Asia/Tokyo", "en"))
			.id();
		LocalDate day = LocalDate.now(ZoneId.of("Asia/Tokyo")).minusDays(1);
		for (String account : List.of("late", "ontime")) {
			accounts.saveAccount(workspace, account, AccountDraft.named(account + " KK"));
			accounts.saveSubscription(workspace, "sub-" + account, new SubscriptionDraft(account, "app", "Standard",
					30_000L, "JPY", 5, "active", day.minusDays(100), day.plusYears(1), null, null, day.minusDays(100)));
		}
		BREACHES.put("late", 2);

		assertThat(rules.kinds()).endsWith(SLA_BREACHED).hasSize(8);
		assertThat(rules.kind("sla_breached")).contains(SLA_BREACHED);

		scoring.recompute(workspace, day);
		List<HealthSignal> late = queries.accountHealth(workspace, "late", Locale.ENGLISH).signals();
		assertThat(late).filteredOn(s -> s.kind().equals(SLA_BREACHED)).singleElement().satisfies(s -> {
			assertThat(s.severity()).isEqualTo("high");
			assertThat(s.evidence()).containsEntry("breaches", 2);
		});
		assertThat(queries.accountHealth(workspace, "ontime", Locale.ENGLISH).signals())
			.noneMatch(s -> s.kind().equals(SLA_BREACHED));
		assertThat(jdbc.sql("select distinct kind from health_signal where workspace_id = ? and kind like 'sla%'")
			.param(workspace.value())
			.query(String.class)
			.set()).isEqualTo(Set.of("sla_breached"));
		assertThat(queries.atRisk(workspace, new AtRiskQuery(null, null, null, SLA_BREACHED, null, 0, 10)).items())
			.extracting(AtRiskAccount::externalId)
			.containsExactly("late");

		BREACHES.remove("late");
		scoring.recompute(workspace, day);
		assertThat(queries.accountHealth(workspace, "late", Locale.ENGLISH).signals())
			.noneMatch(s -> s.kind().equals(SLA_BREACHED));
		assertThat(queries.atRisk(workspace, new AtRiskQuery(null, null, null, SLA_BREACHED, null, 0, 10)).items())
			.isEmpty();
	}
}
