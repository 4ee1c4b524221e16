package io.kizuna.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.kizuna.shared.OutboundHttp;
import io.kizuna.shared.OutboundTarget;

/**
 * POSTs a webhook delivery through shared.OutboundHttp (pinned to the checked addresses, no redirects) with its
 * signature headers, the answer kept up to 8 KB. Also the HMAC-SHA256 signature of
 * docs/webhooks.md.
 */
final class SignedHttp {

	record Answer(int status, String body) {
	}

	private SignedHttp() {
	}

	/** {@code v1=} + hex HMAC-SHA256(secret, timestamp + "." + body). */
	static String signature(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Answer post(OutboundTarget target, byte[] body, Map<String, String> headers, Duration timeout)
			throws IOException {
		Map<String, String> all = new java.util.LinkedHashMap<>(headers);
		all.put("User-Agent", "Kizuna-Webhooks/1");
		try {
			OutboundHttp.Response response = OutboundHttp.post(target, "application/json", body, all, timeout);
			String start = response.body();
			return new Answer(response.status(), start.length() > 8 * 1024 ? start.substring(0, 8 * 1024) : start);
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex.getCause();
		}
	}
}
