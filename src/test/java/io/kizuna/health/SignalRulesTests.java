package io.kizuna.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SignalRulesTests {

	@Test
	void kindsComeInTheRulesOrderAndAreFoundByCodeInAnyCase() {
		SignalRules rules = new SignalRules(List.of(rule("zeta", 5), rule("alpha", 20), rule("beta", 20)));
		assertThat(rules.kinds()).extracting(SignalKind::code).containsExactly("zeta", "alpha", "beta");
		assertThat(rules.kind("ALPHA")).contains(new SignalKind("alpha"));
		assertThat(rules.kind("gamma")).isEmpty();
		assertThat(rules.kind(null)).isEmpty();
		// A stored kind whose rule is gone (its module removed) sorts after the known ones instead of failing.
		assertThat(List.of(new SignalKind("gone"), new SignalKind("beta"), new SignalKind("zeta")).stream()
			.sorted(rules.order())).extracting(SignalKind::code).containsExactly("zeta", "beta", "gone");
	}

	@Test
	void twoRulesWithOneCodeFailTheStart() {
		assertThatThrownBy(() -> new SignalRules(List.of(rule("same", 1), rule("same", 2))))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("same");
	}

	@Test
	void aKindIsALowerSnakeCaseCodeAndTravelsAsItsCodeInJson() {
		assertThatThrownBy(() -> new SignalKind("Paying Idle")).isInstanceOf(IllegalArgumentException.class);
		assertThat(SignalKind.fromCode("PAYING_IDLE")).isEqualTo(new SignalKind("paying_idle"));
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.writeValueAsString(List.of(new SignalKind("paying_idle")))).isEqualTo("[\"paying_idle\"]");
		assertThat(json.readValue("\"seats_unused\"", SignalKind.class)).isEqualTo(new SignalKind("seats_unused"));
		// What the API wrote before ADR 0047 (and events persisted then) is still read.
		assertThat(json.readValue("\"SEATS_UNUSED\"", SignalKind.class)).isEqualTo(new SignalKind("seats_unused"));
		assertThat(new SignalKind("sla_breached").titleKey()).isEqualTo("signal.sla_breached.title");
		assertThat(List.of(new SignalKind("paying_idle")).toString()).isEqualTo("[paying_idle]");
	}

	@Test
	void bandsTravelByTheirCodes() {
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.writeValueAsString(HealthBand.RED)).isEqualTo("\"red\"");
		assertThat(json.readValue("\"green\"", HealthBand.class)).isEqualTo(HealthBand.GREEN);
		assertThat(HealthBand.fromCode(null)).isNull();
		assertThatThrownBy(() -> HealthBand.fromCode("blue")).hasMessage("band: red, yellow or green");
		assertThat(ScorecardDefinition.standard().band(ScorecardDefinition.standard().redBelow() - 0.01))
			.isEqualTo(HealthBand.RED);
	}

	@Test
	void healthsEventsSurviveTheJsonOfTheEventPublicationRegistry() {
		JsonMapper json = JsonMapper.builder().build();
		var workspace = new io.kizuna.shared.WorkspaceId(3);
		var account = new io.kizuna.shared.AccountId(42);
		var day = java.time.LocalDate.of(2026, 12, 1);
		var raised = new SignalsRaised(workspace, day,
				java.util.List.of(new SignalsRaised.Raised(account, new SignalKind("sla_breached"), "high")));
		assertThat(json.readValue(json.writeValueAsString(raised), SignalsRaised.class)).isEqualTo(raised);
		var changed = new HealthBandsChanged(workspace, day,
				java.util.List.of(new HealthBandsChanged.Change(account, HealthBand.GREEN, HealthBand.RED, 31.5)));
		String text = json.writeValueAsString(changed);
		assertThat(text).contains("\"previousBand\":\"green\"", "\"band\":\"red\"");
		assertThat(json.readValue(text, HealthBandsChanged.class)).isEqualTo(changed);
	}

	private static SignalRule rule(String code, int order) {
		return new SignalRule() {

			@Override
			public String code() {
				return code;
			}

			@Override
			public int order() {
				return order;
			}

			@Override
			public Map<Long, SignalFinding> detect(SignalInput input) {
				return Map.of();
			}
		};
	}
}
