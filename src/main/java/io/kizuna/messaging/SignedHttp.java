package io.kizuna.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.kizuna.shared.OutboundTarget;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs to a target the outbound URL guard accepted, with headers (shared.OutboundHttp sends none): pinned to the
 * checked addresses, no redirects, no proxy, the answer read up to 8 KB. Also the HMAC-SHA256 signature of
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
		DnsResolver pinned = new DnsResolver() {

			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				if (!host.equalsIgnoreCase(target.host())) {
					throw new UnknownHostException(host + " was not checked");
				}
				return target.addresses().toArray(InetAddress[]::new);
			}

			@Override
			public String resolveCanonicalHostname(String host) {
				return host;
			}
		};
		Timeout limit = Timeout.of(timeout);
		try (CloseableHttpClient client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(pinned)
				.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.build()) {
			HttpPost post = new HttpPost(target.uri());
			headers.forEach(post::setHeader);
			post.setHeader("User-Agent", "Kizuna-Webhooks/1");
			post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
			return client.execute(post, response -> {
				byte[] start = new byte[0];
				if (response.getEntity() != null) {
					try (InputStream in = response.getEntity().getContent()) {
						start = in.readNBytes(8 * 1024);
					}
				}
				return new Answer(response.getCode(), new String(start, StandardCharsets.UTF_8));
			});
		}
	}
}
