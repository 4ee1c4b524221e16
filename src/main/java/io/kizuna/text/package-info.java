/**
 * Text analytics in Japanese and English (issue 19): the one analysis chain of the product (Lucene Kuromoji + ICU,
 * shared with the knowledge base's search), and on it terms and phrases, topics, sentiment, rising issues and search
 * over all customer text, fed by other modules through {@link io.kizuna.text.CustomerTextSource} and
 * {@link io.kizuna.text.CustomerTextsWritten}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "accounts", "health", "segments",
		"playbooks", "messaging", "workspace", "portfolio" })
package io.kizuna.text;
