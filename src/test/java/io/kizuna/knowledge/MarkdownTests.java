package io.kizuna.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An article inserted into a mail reply: readable as text, nothing of its raw HTML. */
class MarkdownTests {

	@Test
	void replyTextKeepsListsAndLinkAddressesAndDropsRawHtml() {
		String text = Markdown.replyText("""
				## 解約の手順

				管理画面から**いつでも**解約できます。

				- 設定を開く
				- 「解約する」を押す

				詳しくは[料金ページ](https://example.com/pricing)をご覧ください。<img src=x onerror=alert(1)>

				<script>alert(1)</script>

				| 項目 | 内容 |
				|---|---|
				| 対象 | すべてのプラン |
				""");
		assertThat(text).startsWith("解約の手順\n管理画面からいつでも解約できます。")
			.contains("- 設定を開く\n- 「解約する」を押す")
			.contains("料金ページ").contains("(https://example.com/pricing)")
			.contains("対象").contains("すべてのプラン")
			.doesNotContain("<script", "alert", "<img", "onerror", "##", "**");
	}

	@Test
	void anEmptyBodyIsEmptyText() {
		assertThat(Markdown.replyText(null)).isEmpty();
		assertThat(Markdown.replyText("<div>only html</div>")).isEmpty();
	}
}
