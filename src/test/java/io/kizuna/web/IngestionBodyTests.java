package io.kizuna.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Finding the body's write keys: the quick scan for {@code "writeKey"} must miss none and invent none. */
class IngestionBodyTests {

	@Test
	void findsTheKeyWhereverTheBodyNamesIt() {
		assertThat(IngestionBody.writeKeys(bytes("{\"writeKey\":\"wk_a\",\"type\":\"track\"}"))).containsExactly("wk_a");
		assertThat(IngestionBody.writeKeys(bytes("{\"type\":\"track\",\"writeKey\":\"wk_b\"}"))).containsExactly("wk_b");
		assertThat(IngestionBody.writeKeys(bytes("{\"batch\":[{\"type\":\"track\",\"writeKey\":\"wk_c\"}]}")))
			.containsExactly("wk_c");
	}

	@Test
	void namesNoneWhenTheBodyHasNoWriteKeyMember() {
		assertThat(IngestionBody.writeKeys(bytes("{\"type\":\"track\",\"event\":\"Key Kept\"}"))).isEmpty();
		assertThat(IngestionBody.writeKeys(bytes("{\"writekey\":\"wk_lower\"}"))).isEmpty();
		assertThat(IngestionBody.writeKeys(bytes("{\"properties\":{\"writeKey\":\"nested\"}}"))).isEmpty();
		assertThat(IngestionBody.writeKeys(bytes("\"writeKe"))).isEmpty();
		assertThat(IngestionBody.writeKeys(bytes(""))).isEmpty();
		assertThat(IngestionBody.writeKeys(bytes("\"writeKey\""))).isEmpty();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
