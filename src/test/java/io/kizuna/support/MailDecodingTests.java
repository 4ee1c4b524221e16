package io.kizuna.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.kizuna.support.mail.MailParser;
import io.kizuna.support.mail.ParsedMail;
import io.kizuna.support.mail.SafeHtml;
import org.junit.jupiter.api.Test;

/** Every charset case of issue 16 item 2 and the malformed inputs, from raw messages in test resources. */
class MailDecodingTests {

	static final String BODY_LINE = "①請求書の件、㈱キズナ様宛てです。";

	final MailParser parser = new MailParser(25L * 1024 * 1024);

	static byte[] raw(String name) {
		try (InputStream in = MailDecodingTests.class.getResourceAsStream("/support/mail/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void iso2022jpWithWindowsCharactersInSubjectFromAndBody() {
		ParsedMail mail = parser.parse(raw("iso-2022-jp-windows.eml"));
		assertThat(mail.subject()).isEqualTo("①請求書について㈱キズナ～確認");
		assertThat(mail.fromName()).isEqualTo("佐藤 花子");
		assertThat(mail.fromAddress()).isEqualTo("hanako@example.co.jp");
		assertThat(mail.text()).contains(BODY_LINE).contains("10:00～18:00").doesNotContain("\uFFFD");
		assertThat(mail.messageId()).isEqualTo("<jis-1@example.co.jp>");
		assertThat(mail.problems()).isEmpty();
		assertThat(mail.automatic()).isNull();
	}

	@Test
	void shiftJisIsReadAsWindows31j() {
		ParsedMail mail = parser.parse(raw("shift_jis.eml"));
		assertThat(mail.subject()).isEqualTo("①請求書について㈱キズナ～確認");
		assertThat(mail.fromName()).isEqualTo("鈴木 一郎");
		assertThat(mail.text()).contains(BODY_LINE).contains("～");
		assertThat(mail.problems()).isEmpty();
	}

	@Test
	void eucJp() {
		ParsedMail mail = parser.parse(raw("euc-jp.eml"));
		assertThat(mail.subject()).isEqualTo("①ログインできません");
		assertThat(mail.fromName()).isEqualTo("高橋 美咲");
		assertThat(mail.text()).contains("お世話になっております。").contains("㈱キズナ");
		assertThat(mail.problems()).isEmpty();
	}

	@Test
	void utf8QuotedPrintableBase64AndHtmlAlternative() {
		ParsedMail mail = parser.parse(raw("utf-8.eml"));
		assertThat(mail.subject()).isEqualTo("【至急】①エクスポートが失敗します🙏");
		assertThat(mail.fromName()).isEqualTo("田中 太郎");
		assertThat(mail.text()).contains(BODY_LINE);
		assertThat(mail.html()).contains("<p>").contains("㈱キズナ");
	}

	@Test
	void attachmentNamesInRfc2047AndRfc2231WithChecksums() throws Exception {
		ParsedMail mail = parser.parse(raw("attachment-names.eml"));
		assertThat(mail.subject()).isEqualTo("添付");
		assertThat(mail.text()).contains("添付します。");
		assertThat(mail.attachments()).extracting(ParsedMail.ParsedAttachment::fileName)
			.containsExactly("①見積書㈱.pdf", "契約一覧.csv");
		ParsedMail.ParsedAttachment pdf = mail.attachments().get(0);
		assertThat(pdf.contentType()).isEqualTo("application/pdf");
		assertThat(new String(pdf.content(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.4 test");
		assertThat(pdf.sha256()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(pdf.content()));
		assertThat(pdf.size()).isEqualTo(13);
	}

	@Test
	void sevenBitJisWithoutCharsetLabel() {
		ParsedMail mail = parser.parse(raw("jis-no-charset.eml"));
		assertThat(mail.text()).contains(BODY_LINE).contains("～");
	}

	@Test
	void wronglyDeclaredCharsetIsDetectedAndNoted() {
		ParsedMail mail = parser.parse(raw("wrong-charset.eml"));
		assertThat(mail.text()).contains(BODY_LINE);
		assertThat(mail.problems()).contains("charset_mislabelled");
	}

	@Test
	void undeclaredEightBitInHeaderAndBody() {
		ParsedMail mail = parser.parse(raw("undeclared-8bit.eml"));
		assertThat(mail.subject()).isEqualTo("①請求書について㈱キズナ～確認");
		assertThat(mail.text()).contains(BODY_LINE);
		assertThat(mail.problems()).contains("undeclared_8bit", "undeclared_8bit_header");
	}

	@Test
	void autoRepliesAndBouncesAreRecognised() {
		assertThat(parser.parse(raw("auto-reply.eml")).automatic()).isEqualTo("auto_reply");
		ParsedMail bounce = parser.parse(raw("bounce.eml"));
		assertThat(bounce.automatic()).isEqualTo("bounce");
		assertThat(bounce.text()).contains("could not be delivered");
		String precedence = "From: a@b.example\r\nPrecedence: bulk\r\nSubject: x\r\n\r\nbody\r\n";
		assertThat(parser.parse(precedence.getBytes(StandardCharsets.US_ASCII)).automatic()).isEqualTo("auto_reply");
		String human = "From: a@b.example\r\nAuto-Submitted: no\r\nSubject: x\r\n\r\nbody\r\n";
		assertThat(parser.parse(human.getBytes(StandardCharsets.US_ASCII)).automatic()).isNull();
	}

	@Test
	void missingBoundaryIsStoredAsTextWithTheProblem() {
		ParsedMail mail = parser.parse(raw("missing-boundary.eml"));
		assertThat(mail.problems()).contains("missing_boundary");
		assertThat(mail.text()).contains("hello");
	}

	@Test
	void nulBytesAreDroppedAndNoted() {
		ParsedMail mail = parser.parse(raw("nul-bytes.eml"));
		assertThat(mail.text()).contains("beforeafter").doesNotContain("\u0000");
		assertThat(mail.problems()).contains("nul_bytes");
	}

	@Test
	void hundredDeepNestingStopsAtTheLimit() {
		StringBuilder raw = new StringBuilder("From: deep@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
		for (int i = 0; i < 100; i++) {
			raw.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
		}
		raw.append("Content-Type: text/plain\r\n\r\nbottom\r\n");
		for (int i = 99; i >= 0; i--) {
			raw.append("--b").append(i).append("--\r\n");
		}
		ParsedMail mail = parser.parse(raw.toString().getBytes(StandardCharsets.US_ASCII));
		assertThat(mail.problems()).contains("nesting_too_deep");
		assertThat(mail.subject()).isEqualTo("deep");
	}

	@Test
	void thirtyMegabyteAttachmentOverTheLimitIsChecksummedNotKept() {
		byte[] big = new byte[30 * 1024 * 1024];
		StringBuilder head = new StringBuilder("From: big@example.com\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
				+ "Content-Type: multipart/mixed; boundary=\"q\"\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nsee file\r\n"
				+ "--q\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n");
		byte[] encoded = java.util.Base64.getMimeEncoder().encode(big);
		byte[] tail = "\r\n--q--\r\n".getBytes(StandardCharsets.US_ASCII);
		byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
		byte[] raw = new byte[headBytes.length + encoded.length + tail.length];
		System.arraycopy(headBytes, 0, raw, 0, headBytes.length);
		System.arraycopy(encoded, 0, raw, headBytes.length, encoded.length);
		System.arraycopy(tail, 0, raw, headBytes.length + encoded.length, tail.length);
		ParsedMail mail = parser.parse(raw);
		assertThat(mail.problems()).contains("attachment_too_large");
		assertThat(mail.attachments()).singleElement().satisfies(a -> {
			assertThat(a.size()).isEqualTo(big.length);
			assertThat(a.content()).isNull();
		});
		assertThat(mail.text()).contains("see file");
	}

	@Test
	void megabyteHeaderAndFiveThousandRecipients() {
		StringBuilder raw = new StringBuilder("From: many@example.com\r\nTo: ");
		for (int i = 0; i < 5000; i++) {
			raw.append(i == 0 ? "" : ",\r\n ").append("r").append(i).append("@example.com");
		}
		raw.append("\r\nSubject: ").append("x".repeat(1024 * 1024)).append("\r\n\r\nbody\r\n");
		ParsedMail mail = parser.parse(raw.toString().getBytes(StandardCharsets.US_ASCII));
		assertThat(mail.to()).hasSize(MailParser.MAX_RECIPIENTS);
		assertThat(mail.subject()).hasSize(MailParser.MAX_SUBJECT);
		assertThat(mail.problems()).contains("too_many_recipients", "text_too_long");
	}

	@Test
	void garbageNeverThrows() {
		byte[] garbage = new byte[4096];
		new java.util.Random(7).nextBytes(garbage);
		ParsedMail mail = parser.parse(garbage);
		assertThat(mail).isNotNull();
	}

	@Test
	void htmlIsSanitisedAndRemoteImagesHeldBack() {
		ParsedMail mail = parser.parse(raw("xss.eml"));
		SafeHtml.Result safe = SafeHtml.clean(mail.html(), false);
		assertThat(safe.html()).doesNotContain("<script", "onclick", "onerror", "onload", "javascript:", "data:",
				"<form", "<input", "<iframe", "tracker.example");
		assertThat(safe.html()).contains("https://ok.example/").contains("noopener");
		assertThat(safe.blockedImages()).isEqualTo(1);
		SafeHtml.Result loaded = SafeHtml.clean(mail.html(), true);
		assertThat(loaded.html()).contains("https://tracker.example/p.gif").doesNotContain("data:");
		assertThat(mail.attachments()).singleElement()
			.satisfies(a -> assertThat(a.fileName()).doesNotContain("/").contains("<script>"));
		assertThat(mail.subject()).isEqualTo("<img src=x onerror=alert(1)>");
	}
}
