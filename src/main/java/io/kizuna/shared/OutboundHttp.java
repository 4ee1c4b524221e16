package io.kizuna.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
 * Calls a URL the {@link OutboundUrlGuard} accepted. The connection goes to the addresses the guard checked (a
 * resolver that knows only those), redirects are not followed (each hop would need its own check), no proxy from
 * system properties is used, and the answer is read up to a bound. TLS still verifies the certificate against the
 * host name.
 */
public final class OutboundHttp {

	static final int MAX_RESPONSE_BYTES = 64 * 1024;

	/** The status and the start of the body. */
	public record Response(int status, String body) {
	}

	private OutboundHttp() {
	}

	public static Response post(OutboundTarget target, String contentType, byte[] body, Duration timeout) {
		return post(target, contentType, body, java.util.Map.of(), timeout);
	}

	/** The same POST with request headers of the caller's (a webhook's signature and timestamp, say). */
	public static Response post(OutboundTarget target, String contentType, byte[] body,
			java.util.Map<String, String> headers, Duration timeout) {
		DnsResolver pinned = new DnsResolver() {

			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				if (!host.equalsIgnoreCase(target.host())) {
					throw new UnknownHostException(host + " was not checked");
				}
				return target.addresses().toArray(InetAddress[]::new);
			}

			@Override
			public String resolveCanonicalHostname(String host) throws UnknownHostException {
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
			post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
			return client.execute(post, response -> {
				byte[] start = new byte[0];
				if (response.getEntity() != null) {
					try (InputStream in = response.getEntity().getContent()) {
						start = in.readNBytes(MAX_RESPONSE_BYTES);
					}
				}
				return new Response(response.getCode(), new String(start, StandardCharsets.UTF_8));
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
