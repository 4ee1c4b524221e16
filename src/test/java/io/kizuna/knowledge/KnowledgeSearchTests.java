package io.kizuna.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.kizuna.knowledge.SearchIndex.Entry;
import io.kizuna.knowledge.SearchIndex.Found;
import io.kizuna.knowledge.SearchIndex.Hit;
import io.kizuna.text.TextAnalysis;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per search case of issue 17 and ADR 0097, on a small ja/en article set. */
class KnowledgeSearchTests {

	static final long WS = 1;

	static final long OTHER = 2;

	static SearchIndex index;

	@BeforeAll
	static void articles() {
		index = new SearchIndex(new ByteBuffersDirectory());
		put(1, "ja", "プランを解約する方法", "管理画面の請求設定からいつでも解約することができます。", true, 1);
		put(2, "ja", "請求書の発行", "毎月の請求書はPDFでダウンロードできます。", true, 2);
		put(3, "ja", "関西国際空港からのアクセス", "オフィスへは関西国際空港から電車で一時間です。", true, 3);
		put(4, "ja", "CSVでデータを取り込む", "顧客データをCSVファイルで一括登録します。カタカナの列名も使えます。", true, 4);
		put(5, "ja", "サーバーの稼働状況", "サーバーの障害情報はステータスページでお知らせします。", true, 5);
		put(6, "ja", "消費税の表示", "請求金額には消費税が含まれます。", true, 6);
		put(7, "ja", "Slack連携の設定", "Slackのワークスペースと連携すると通知を受け取れます。", true, 7);
		put(8, "en", "Exporting reports", "You can export all reports as spreadsheets from the dashboard.", true, 8);
		put(9, "en", "Managing users", "Administrators invite users and configure their permissions.", true, 9);
		put(10, "ja", "社内向け：解約の引き止め手順", "解約を申し出た顧客への社内手順です。", false, 10);
		put(11, "en", "Billing overview", "Invoices are billed monthly.", true, 11);
		put(12, "en", "Billing and invoices, the details", "Billing runs monthly; every invoice is emailed.", true, 1);
		put(13, "en", "Two-factor sign-in", "Turn on two-factor sign-in for everyone.", true, 13);
		put(14, "en", "Two-factor sign-in", "Turn on two-factor sign-in for everyone.", true, 14);
		put(100, "ja", "他社の解約記事", "別のワークスペースの解約する手順。", true, 12, OTHER);
		index.commit(1);
	}

	@AfterAll
	static void close() {
		index.close();
	}

	static void put(long id, String lang, String title, String body, boolean isPublic, long updated) {
		put(id, lang, title, body, isPublic, updated, WS);
	}

	static void put(long id, String lang, String title, String body, boolean isPublic, long updated, long ws) {
		index.put(ws, id, List.of(new Entry(ws, id, lang, title, body, isPublic, updated * 1000)));
	}

	static List<Long> found(String query) {
		return index.search(WS, query, true, 10).hits().stream().map(Hit::articleId).toList();
	}

	@Test
	void inflectedFormsFindTheDictionaryForm() {
		assertThat(found("解約できない")).contains(1L);
		assertThat(found("解約した")).contains(1L);
		assertThat(TextAnalysis.terms(TextAnalysis.japanese(), "解約した")).contains("解約");
	}

	@Test
	void aCompoundFindsItsPart() {
		assertThat(found("請求")).contains(2L);
		assertThat(TextAnalysis.terms(TextAnalysis.japanese(), "請求書")).contains("請求");
	}

	@Test
	void aLongCompoundIsSplitIntoWords() {
		assertThat(found("空港")).containsExactly(3L);
		assertThat(TextAnalysis.terms(TextAnalysis.japanese(), "関西国際空港")).contains("関西", "国際", "空港");
	}

	@Test
	void fullWidthAndHalfWidthFormsAreFolded() {
		assertThat(found("ＣＳＶ")).contains(4L);
		assertThat(found("ｶﾀｶﾅ")).contains(4L);
		assertThat(TextAnalysis.normalize("ＣＳＶ ｶﾀｶﾅ")).isEqualTo("csv カタカナ");
	}

	@Test
	void longVowelVariantsMatch() {
		assertThat(found("サーバ")).contains(5L);
		assertThat(found("サーバー")).contains(5L);
	}

	@Test
	void kanaFindsAKanjiWordByItsReading() {
		assertThat(found("せいきゅうしょ")).contains(2L);
		assertThat(found("カイヤク")).contains(1L);
		assertThat(TextAnalysis.reading("請求書")).isEqualTo("セイキュウショ");
	}

	@Test
	void oneAndTwoCharacterQueries() {
		assertThat(found("税")).contains(6L);
		assertThat(found("請求")).contains(2L, 6L);
	}

	@Test
	void englishWordsInsideJapaneseText() {
		assertThat(found("slack")).containsExactly(7L);
		assertThat(found("csv")).contains(4L);
	}

	@Test
	void englishIsStemmed() {
		assertThat(found("exported report")).containsExactly(8L);
		assertThat(found("user permission")).containsExactly(9L);
	}

	@Test
	void englishTyposAreTolerated() {
		assertThat(found("permisions")).containsExactly(9L);
	}

	@Test
	void didYouMeanWhenNothingIsFound() {
		Found nothing = index.search(WS, "dashbord", true, 10);
		assertThat(nothing.didYouMean()).isEqualTo("dashboard");
		Found typo = index.search(WS, "spredsheetz", true, 10);
		assertThat(typo.hits()).extracting(Hit::articleId).containsExactly(8L);
		assertThat(typo.didYouMean()).isEqualTo("spreadsheets");
		Found none = index.search(WS, "qqqzzzxx", true, 10);
		assertThat(none.hits()).isEmpty();
		assertThat(none.didYouMean()).isNull();
		assertThat(index.search(WS, "spreadsheets", true, 10).didYouMean()).isNull();
	}

	@Test
	void titlesWeighMoreAndTheNewerWinsATie() {
		assertThat(found("invoices").get(0)).isEqualTo(12L);
		assertThat(found("解約").get(0)).isEqualTo(1L);
		assertThat(found("two-factor sign-in")).containsExactly(14L, 13L);
	}

	@Test
	void snippetsHighlightTheMatch() {
		Hit hit = index.search(WS, "請求書", true, 10).hits().get(0);
		assertThat(hit.articleId()).isEqualTo(2L);
		assertThat(hit.snippet()).filteredOn(SnippetPiece::highlighted)
			.extracting(SnippetPiece::text)
			.anyMatch(text -> text.contains("請求"));
	}

	@Test
	void theAudienceAndTheWorkspaceFilter() {
		assertThat(found("解約")).doesNotContain(10L, 100L);
		assertThat(index.search(WS, "引き止め", false, 10).hits()).extracting(Hit::articleId).containsExactly(10L);
		assertThat(index.search(OTHER, "解約", true, 10).hits()).extracting(Hit::articleId).containsExactly(100L);
		assertThat(index.search(WS, "引き止め", true, 10).didYouMean()).isNull();
	}

	@Test
	void luceneSyntaxIsText() {
		for (String query : List.of("title:*", "AND (", "\"unpaired", "*:*", "a~2 OR b^3", "[a TO z]", "\\", "/re.*/",
				"x".repeat(10_000), "解約 AND (", "\u0000\u0001")) {
			Found found = index.search(WS, query, true, 10);
			assertThat(found).as(query).isNotNull();
		}
		assertThat(found("*:*")).isEmpty();
		assertThat(found("title:解約")).contains(1L);
	}

	/** A long compound with an inflection made Lucene's 1,024-clause limit fail the search (a 500) before ADR 0122. */
	@Test
	void aLongCompoundWithAnInflectionIsSearchedNotRefused() {
		put(15, "ja", "二段階認証を設定する", "二段階認証ができない時は、管理者が二段階認証を解除できます。", true, 15);
		index.commit(2);
		assertThat(found("二段階認証できない")).contains(15L);
		assertThat(found("二段階認証の設定ができないサーバーのCSVの請求書")).contains(15L);
	}
}
