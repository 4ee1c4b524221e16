package io.kizuna.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.segments.filter.CompiledFilter;
import io.kizuna.segments.filter.FilterContext;
import io.kizuna.segments.filter.FilterException;
import io.kizuna.segments.filter.FilterNode;
import io.kizuna.segments.filter.FilterNode.Condition;
import io.kizuna.segments.filter.FilterNode.Operator;
import io.kizuna.segments.filter.FilterParser;
import io.kizuna.segments.filter.FilterText;
import io.kizuna.segments.filter.SqlCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The filter language: parsing, its canonical text, its bounds and its compilation to parameterised SQL. */
class SegmentFilterTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

	static final Map<String, SegmentField> FIELDS = new BuiltInFields().fields().stream()
		.collect(Collectors.toMap(SegmentField::key, Function.identity()));

	static final FilterContext CONTEXT = new FilterContext(42, TODAY, "Asia/Tokyo", FIELDS,
			Set.of("region", "employees", "beta")::contains,
			key -> key.equals("vip") ? Optional.of(7L) : Optional.empty());

	static CompiledFilter compile(String text) {
		return SqlCompiler.compile(FilterParser.parse(text), CONTEXT);
	}

	static FilterException error(String text) {
		try {
			compile(text);
		}
		catch (FilterException ex) {
			return ex;
		}
		throw new AssertionError("no error for " + text);
	}

	@Test
	void theIssuesExampleParsesIntoThreeConditions() {
		FilterNode node = FilterParser.parse(
				"tier = \"enterprise\" and health.band in (\"red\", \"yellow\") and usage.active_users_30d < 3");
		assertThat(node).isInstanceOf(FilterNode.All.class);
		List<FilterNode> parts = ((FilterNode.All) node).parts();
		assertThat(parts).hasSize(3);
		Condition band = (Condition) parts.get(1);
		assertThat(band.field()).isEqualTo("health.band");
		assertThat(band.operator()).isEqualTo(Operator.IN);
		assertThat(band.values()).extracting(FilterNode.Literal::value).containsExactly("red", "yellow");
		assertThat(band.position()).isEqualTo(25);
	}

	@Test
	void andBindsTighterThanOrAndNotTighterThanAnd() {
		FilterNode node = FilterParser.parse("tier = \"a\" or tier = \"b\" and not industry = \"c\"");
		assertThat(node).isInstanceOf(FilterNode.Any.class);
		FilterNode.All right = (FilterNode.All) ((FilterNode.Any) node).parts().get(1);
		assertThat(right.parts().get(1)).isInstanceOf(FilterNode.Not.class);
		assertThat(FilterText.render(node)).isEqualTo("tier = \"a\" or tier = \"b\" and not industry = \"c\"");
	}

	@Test
	void parenthesesGroupAndAreKeptInTheText() {
		FilterNode node = FilterParser.parse("(tier = \"a\" OR tier = \"b\") AND industry contains 'soft'");
		assertThat(FilterText.render(node)).isEqualTo("(tier = \"a\" or tier = \"b\") and industry contains \"soft\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "tier = \"enterprise\"", "health.score >= 40.5", "subscription.mrr != -3",
			"created_on < 2026-01-31", "usage.feature_used_30d(\"export\") = true", "industry is empty",
			"industry is not empty", "tier not in (\"a\", \"b\")", "name not contains \"株式会社\"",
			"not (tier = \"a\" or health.band = \"red\")", "health.signals contains \"usage_drop\"",
			"usage.event_count_7d(\"Report \\\"Exported\\\"\") > 2", "segment = \"vip\"",
			"attributes.region = \"kanto\" and attributes.employees > 100" })
	void theCanonicalTextParsesBackToTheSameNodes(String text) {
		FilterNode node = FilterParser.parse(text);
		String rendered = FilterText.render(node);
		assertThat(FilterParser.parse(rendered)).isEqualTo(withoutPositions(node, rendered));
		assertThat(FilterText.render(FilterParser.parse(rendered))).isEqualTo(rendered);
	}

	private static FilterNode withoutPositions(FilterNode node, String rendered) {
		return FilterParser.parse(rendered);
	}

	@Test
	void everyValueIsABindParameterNeverSQLText() {
		CompiledFilter compiled = compile("name = \"'; drop table account; --\" or name contains \"%\" or domain contains \"_\"");
		assertThat(compiled.sql()).doesNotContain("drop table").doesNotContain("%").doesNotContain("'_'");
		assertThat(compiled.parameters()).containsExactly(42L, "'; drop table account; --", "%", "_");
		assertThat(compiled.sql()).contains("strpos(lower(");
	}

	@Test
	void theExampleCompilesToJoinsOfPublishedViewsWithItsValuesBound() {
		CompiledFilter compiled = compile(
				"tier = \"enterprise\" and health.band in (\"red\", \"yellow\") and usage.active_users_30d < 3");
		assertThat(compiled.sql()).contains("from accounts_v_account a", "health_v_account_status",
				"usage_v_daily_user", "a.workspace_id = ?").doesNotContain("enterprise");
		// the account and health conditions first (health's workspace, the account's, their values), then the usage
		// window for the accounts they leave (usage's workspace and today twice, the account's workspace, its value)
		assertThat(compiled.parameters()).containsExactly(42L, 42L, "enterprise", "red", "yellow", 42L, TODAY, TODAY,
				42L, new BigDecimal("3"));
		assertThat(compiled.sql()).startsWith("with pre as materialized (");
		assertThat(compiled.sql().indexOf("usage_v_daily_user")).isGreaterThan(compiled.sql().indexOf("join pre"));
		assertThat(compiled.warnings()).isEmpty();
	}

	@Test
	void aSourceUsedByTwoConditionsIsJoinedOnce() {
		CompiledFilter compiled = compile("health.band = \"red\" and health.score < 40 and health.open_signals > 0");
		assertThat(compiled.sql().split("health_v_account_status", -1)).hasSize(2);
	}

	@Test
	void anEventFieldJoinsOncePerEventName() {
		CompiledFilter compiled = compile("usage.event_count_30d(\"a\") > 1 and usage.event_count_30d(\"b\") > 1"
				+ " and usage.feature_used_30d(\"a\") = true");
		assertThat(compiled.sql().split("usage_v_daily_event", -1)).hasSize(3);
		assertThat(compiled.parameters()).contains("a", "b");
	}

	@Test
	void syntaxErrorsGiveTheColumnAndWhatWasFound() {
		FilterException ex = error("tier = \"a\" and and");
		assertThat(ex.code()).isEqualTo("unexpected");
		assertThat(ex.position()).isEqualTo(16);
		assertThat(ex.arguments()).containsExactly("and");
		assertThat(error("tier = ").code()).isEqualTo("unexpectedEnd");
		assertThat(error("tier = \"open").code()).isEqualTo("unclosedString");
		assertThat(error("tier = \"a\")").code()).isEqualTo("unexpected");
		assertThat(error("tier == \"a\"").position()).isEqualTo(7);
		assertThat(error("tier = \"a\" ; drop").code()).isEqualTo("unexpected");
	}

	@Test
	void unknownFieldsAreNamed() {
		FilterException ex = error("tier = \"a\" and helth.band = \"red\"");
		assertThat(ex.code()).isEqualTo("unknownField");
		assertThat(ex.arguments()).containsExactly("helth.band");
		assertThat(ex.position()).isEqualTo(16);
	}

	@Test
	void typeErrorsAreExplained() {
		FilterException ordered = error("tier > 3");
		assertThat(ordered.code()).isEqualTo("notOrdered");
		assertThat(ordered.arguments()).containsExactly("tier", ">", FieldType.TEXT);
		FilterException value = error("health.score = \"high\"");
		assertThat(value.code()).isEqualTo("wrongValue");
		assertThat(value.arguments()).containsExactly("health.score", FieldType.NUMBER, "\"high\"");
		assertThat(error("health.band = \"purple\"").code()).isEqualTo("unknownChoice");
		assertThat(error("health.score contains \"1\"").code()).isEqualTo("wrongOperator");
		assertThat(error("health.signals = \"x\"").code()).isEqualTo("wrongOperator");
		assertThat(error("created_on > 2026-02-30").code()).isEqualTo("badDate");
		assertThat(error("usage.event_count_30d > 1").code()).isEqualTo("argumentMissing");
		assertThat(error("tier(\"x\") = \"a\"").code()).isEqualTo("argumentUnexpected");
		assertThat(error("segment = \"nope\"").code()).isEqualTo("unknownSegment");
		assertThat(error("attributes.region in (\"a\", 3)").code()).isEqualTo("mixedValues");
		assertThat(error("attributes.beta > true").code()).isEqualTo("notOrdered");
	}

	@Test
	void aCustomAttributeNoAccountHasMatchesNothingAndSaysSo() {
		CompiledFilter compiled = compile("attributes.colour = \"blue\" or tier = \"a\"");
		assertThat(compiled.sql()).contains("(null::boolean)");
		assertThat(compiled.warnings()).singleElement()
			.satisfies(w -> assertThat(w.code()).isEqualTo("unknownAttribute"))
			.satisfies(w -> assertThat(w.arguments()).containsExactly("colour"));
	}

	@Test
	void customAttributesAreTypedByTheirValues() {
		CompiledFilter number = compile("attributes.employees >= 100");
		assertThat(number.sql()).contains("jsonb_typeof(a.attributes -> ?) = 'number'");
		assertThat(number.parameters()).containsExactly(42L, "employees", "employees", new BigDecimal("100"));
		assertThat(compile("attributes.region = \"kanto\"").parameters()).containsExactly(42L, "region", "kanto");
	}

	@Test
	void segmentsAreReferredToByKeyAndListed() {
		CompiledFilter compiled = compile("segment = \"vip\" and tier = \"a\"");
		assertThat(compiled.sql()).contains("segment_member");
		assertThat(compiled.parameters()).containsExactly(42L, 7L, "a");
		assertThat(SqlCompiler.referencedSegments(FilterParser.parse("not (segment in (\"x\", \"y\")) or segment != \"z\"")))
			.containsExactly("x", "y", "z");
	}

	@Test
	void inputIsBounded() {
		assertThat(error("").code()).isEqualTo("blank");
		assertThat(error("tier = \"" + "x".repeat(4000) + "\"").code()).isEqualTo("tooLong");
		assertThat(error("(".repeat(9) + "tier = \"a\"" + ")".repeat(9)).code()).isEqualTo("tooDeep");
		assertThat(error("not ".repeat(9) + "tier = \"a\"").code()).isEqualTo("tooDeep");
		assertThat(FilterParser.parse("(".repeat(8) + "tier = \"a\"" + ")".repeat(8))).isInstanceOf(Condition.class);
		assertThat(error(String.join(" or ", java.util.Collections.nCopies(41, "tier = \"a\""))).code())
			.isEqualTo("tooManyConditions");
		assertThat(error("tier in (" + String.join(", ", java.util.Collections.nCopies(101, "\"a\"")) + ")").code())
			.isEqualTo("tooManyValues");
		assertThat(error("tier = \"" + "x".repeat(201) + "\"").code()).isEqualTo("valueTooLong");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "tier != \"a\"|is distinct from ?", "industry is empty|coalesce((a.industry) = '', true)",
			"health.signals contains \"x\"|coalesce(? = any(", "subscription.days_to_renewal <= 30|renewal_on - cast(? as date)",
			"tier not in (\"a\")|is null or" })
	void operatorsCompileToNullSafeSql(String text, String fragment) {
		assertThat(compile(text).sql()).contains(fragment);
	}

	@Test
	void moneyIsComparedInTheCurrencysMajorUnit() {
		String sql = compile("subscription.arr >= 1000000").sql();
		assertThat(sql).contains("'JPY'").contains("'KWD'").contains("* 12 /");
	}
}
