package io.kizuna.shared;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the secrets Kizuna must be able to use again (SMTP and IMAP passwords, webhook signing secrets) with
 * AES-256-GCM. The key is {@code kizuna.secrets.key} (32 bytes, Base64) when set — every node of a cluster needs the
 * same one — otherwise a key generated once into {@code <data-dir>/secrets.key} (owner-only). A stored value is
 * {@code v1:} + Base64(nonce ‖ ciphertext ‖ tag); a value sealed under another key does not open.
 */
@Component
public class SecretBox {

	private static final Logger log = LoggerFactory.getLogger(SecretBox.class);

	private static final String VERSION = "v1:";

	private static final SecureRandom random = new SecureRandom();

	private final SecretKeySpec key;

	public SecretBox(@Value("${kizuna.secrets.key:}") String configured,
			@Value("${kizuna.embedded-postgres.data-dir:kizuna-data}") Path dataDirectory) {
		this.key = new SecretKeySpec(configured.isBlank() ? keyFile(dataDirectory.resolve("secrets.key"))
				: decodeKey(configured), "AES");
	}

	/** Seals a secret for storage; null stays null. */
	public String seal(String plain) {
		if (plain == null) {
			return null;
		}
		try {
			byte[] nonce = new byte[12];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
			byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			return VERSION + Base64.getEncoder()
				.encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot seal a secret", ex);
		}
	}

	/** Opens a sealed secret; a value that is not one of ours, or sealed under another key, is refused. */
	public String open(String sealed) {
		if (sealed == null) {
			return null;
		}
		if (!sealed.startsWith(VERSION)) {
			throw new IllegalArgumentException("not a sealed secret");
		}
		try {
			byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
			return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalArgumentException("the secret does not open with this key (kizuna.secrets.key changed?)");
		}
	}

	private static byte[] decodeKey(String base64) {
		byte[] bytes = Base64.getDecoder().decode(base64.trim());
		if (bytes.length != 32) {
			throw new IllegalArgumentException("kizuna.secrets.key must be 32 bytes in Base64 (openssl rand -base64 32)");
		}
		return bytes;
	}

	private static synchronized byte[] keyFile(Path file) {
		try {
			if (Files.exists(file)) {
				return decodeKey(Files.readString(file));
			}
			Files.createDirectories(file.toAbsolutePath().getParent());
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".new"),
					Base64.getEncoder().encodeToString(bytes));
			try {
				Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: the directory's own permissions protect it
			}
			Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			log.info("Generated the key that seals stored secrets: {} (set kizuna.secrets.key for a cluster)", file);
			return bytes;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read or create " + file + "; set kizuna.secrets.key", ex);
		}
	}
}
