package io.kizuna.usage;

import java.nio.charset.StandardCharsets;

/**
 * A JSON object as UTF-8 text, often a slice of the request body itself: ingestion copies it to the database as it
 * came (PostgreSQL's jsonb normalises it) instead of building a tree and writing it back out.
 */
record JsonText(byte[] bytes, int offset, int length) {

	static JsonText of(String text) {
		// Lone surrogates become '?', as they always did on the way to the database.
		return text == null ? null : wrap(text.getBytes(StandardCharsets.UTF_8));
	}

	static JsonText wrap(byte[] bytes) {
		return new JsonText(bytes, 0, bytes.length);
	}

	@Override
	public String toString() {
		return new String(bytes, offset, length, StandardCharsets.UTF_8);
	}
}
