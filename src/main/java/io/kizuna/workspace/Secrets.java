package io.kizuna.workspace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets and their digests. Secrets have 256 bits of entropy, so a plain SHA-256 is a safe digest. */
final class Secrets {

	private static final SecureRandom random = new SecureRandom();

	private Secrets() {
	}

	static String generate(String prefix) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] digest(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What lists show so people can tell keys apart without seeing them. */
	static String hint(String secret) {
		return secret.length() <= 8 ? "…" : secret.substring(0, 6) + "…" + secret.substring(secret.length() - 4);
	}
}
