package io.kizuna.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import org.junit.jupiter.api.Test;

class WriteKeyOriginsTests {

	@Test
	void originsAreStoredAsBrowsersSendThem() {
		assertThat(WriteKeyOrigins.normalise("HTTPS://App.Example.JP/")).isEqualTo("https://app.example.jp");
		assertThat(WriteKeyOrigins.normalise("https://app.example.jp:443")).isEqualTo("https://app.example.jp");
		assertThat(WriteKeyOrigins.normalise("http://localhost:3000")).isEqualTo("http://localhost:3000");
		assertThat(WriteKeyOrigins.normalise("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
	}

	@Test
	void whatIsNotAnOriginIsRefusedByName() {
		for (String bad : List.of("javascript:alert(1)", "https://app.example.jp/path", "https://app.example.jp?q=1",
				"ftp://files.example.jp", "app.example.jp", "https://user@app.example.jp", "null", "https://")) {
			assertThat(WriteKeyOrigins.normalise(bad)).as(bad).isNull();
		}
		assertThatThrownBy(() -> WriteKeyOrigins.validate(List.of("https://ok.example.jp", "javascript:alert(1)")))
			.isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("javascript:alert(1)");
	}

	@Test
	void blanksAndDuplicatesAreDroppedAndStarMeansAny() {
		assertThat(WriteKeyOrigins.validate(List.of(" ", "https://a.example.jp", "HTTPS://A.example.jp", "*")))
			.containsExactly("https://a.example.jp", "*");
		IngestionKey any = new IngestionKey(new WorkspaceId(1), 1, List.of("*"));
		assertThat(any.allows("https://whatever.example")).isTrue();
		IngestionKey one = new IngestionKey(new WorkspaceId(1), 1, List.of("https://a.example.jp"));
		assertThat(one.allows("https://A.example.jp")).isTrue();
		assertThat(one.allows("https://a.example.jp.evil.example")).isFalse();
		assertThat(one.allows("http://a.example.jp")).isFalse();
		assertThat(one.allows("null")).isFalse();
	}
}
