package io.kizuna.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutboundUrlGuardTests {

	// A fake DNS: the tests never depend on the machine's resolver.
	static final Map<String, String> DNS = Map.of("hooks.example.com", "93.184.216.34", "localhost", "127.0.0.1",
			"metadata.google.internal", "169.254.169.254", "internal.example.com", "10.1.2.3",
			"mixed.example.com", "93.184.216.34,192.168.1.1", "v6.example.com", "2606:4700::1111",
			"v6-private.example.com", "fd12:3456::1", "nip.example.com", "127.0.0.1");

	final OutboundUrlGuard guard = new OutboundUrlGuard(host -> {
		String answer = DNS.get(host);
		if (answer == null) {
			throw new UnknownHostException(host);
		}
		String[] parts = answer.split(",");
		InetAddress[] addresses = new InetAddress[parts.length];
		for (int i = 0; i < parts.length; i++) {
			addresses[i] = OutboundUrlGuard.literal(parts[i]).orElseThrow();
		}
		return addresses;
	});

	@ParameterizedTest
	@ValueSource(strings = {
			// schemes other than http(s)
			"file:///etc/passwd", "gopher://hooks.example.com/", "ftp://hooks.example.com/", "jar:http://x/!/",
			"dict://hooks.example.com:11211/", "javascript:alert(1)", "//hooks.example.com/", "hooks.example.com",
			// loopback in every spelling
			"http://127.0.0.1/", "http://127.1.2.3:8080/", "http://localhost/", "http://LOCALHOST./admin",
			"http://[::1]/", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
			"http://[::127.0.0.1]/", "http://0.0.0.0/", "http://[::]/",
			// decimal, octal, hex and short IPv4 spellings
			"http://2130706433/", "http://0x7f000001/", "http://0x7f.0x0.0x0.0x1/", "http://0177.0.0.1/",
			"http://017700000001/", "http://127.1/", "http://127.0.1/", "http://3232235777/", "http://0xA9FEA9FE/",
			"http://169.254.169.254.", "http://1.2.3.04/",
			// link-local and the cloud metadata service
			"http://169.254.169.254/latest/meta-data/", "http://metadata.google.internal/computeMetadata/v1/",
			"http://[fe80::1]/", "http://[::ffff:169.254.169.254]/", "http://[fe80::1%25eth0]/",
			// private, CGNAT, multicast, reserved, broadcast
			"http://10.0.0.1/", "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.0.1/",
			"http://100.64.0.1/", "http://100.127.255.254/", "http://224.0.0.1/", "http://239.255.255.250/",
			"http://240.0.0.1/", "http://255.255.255.255/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
			"http://[ff02::1]/", "http://[fec0::1]/", "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a00:1]/",
			"http://[2002:7f00:1::]/", "http://[2002:a9fe:a9fe::]/",
			// names resolving inside, or partly inside
			"http://internal.example.com/", "http://mixed.example.com/", "http://v6-private.example.com/",
			"http://nip.example.com/",
			// parser confusion
			"http://hooks.example.com@127.0.0.1/", "http://user:pass@hooks.example.com/", "http://127.0.0.1\\@hooks.example.com/",
			"http://no-such-host.example/", "http:///path", "http://[::1/", "", " " })
	void refusesHostileUrls(String url) {
		assertThatThrownBy(() -> guard.check(url, List.of())).isInstanceOf(UnsafeUrlException.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://hooks.example.com/kizuna", "http://hooks.example.com:8080/x?y=1",
			"HTTPS://HOOKS.EXAMPLE.COM/", "https://93.184.216.34/", "https://[2606:4700::1111]/",
			"https://v6.example.com/", "http://8.8.8.8/", "http://100.63.255.255/", "http://172.32.0.1/" })
	void acceptsPublicUrls(String url) {
		assertThat(guard.check(url, List.of()).addresses()).isNotEmpty()
			.noneMatch(address -> OutboundUrlGuard.internal(address));
	}

	@Test
	void anAdminAllowListAdmitsNamedHostsAndBlocksOnly() {
		assertThat(guard.check("http://internal.example.com/", List.of("internal.example.com")).addresses())
			.extracting(InetAddress::getHostAddress)
			.containsExactly("10.1.2.3");
		assertThat(guard.check("http://10.1.2.3/", List.of("10.0.0.0/8")).host()).isEqualTo("10.1.2.3");
		assertThat(guard.check("http://[fd12:3456::1]/", List.of("fd00::/8")).host()).isEqualTo("[fd12:3456::1]");
		assertThatThrownBy(() -> guard.check("http://10.1.2.3/", List.of("10.1.3.0/24")))
			.isInstanceOf(UnsafeUrlException.class);
		assertThatThrownBy(() -> guard.check("http://169.254.169.254/", List.of("internal.example.com", "10.0.0.0/8")))
			.isInstanceOf(UnsafeUrlException.class);
		// Every address must be allowed, not just one of them.
		assertThatThrownBy(() -> guard.check("http://mixed.example.com/", List.of("10.0.0.0/8")))
			.isInstanceOf(UnsafeUrlException.class);
	}

	@Test
	void allowListEntriesAreValidated() {
		assertThat(OutboundUrlGuard.allowListEntry(" Hooks.Internal.Example ")).isEqualTo("hooks.internal.example");
		assertThat(OutboundUrlGuard.allowListEntry("10.0.0.0/8")).isEqualTo("10.0.0.0/8");
		assertThat(OutboundUrlGuard.allowListEntry("fd00::/8")).isEqualTo("fd00::/8");
		for (String bad : List.of("", "10.0.0.0/33", "0x7f000001", "10.0.0.0/x", "a..b", "-a.example", "ex ample.com",
				"http://x/", "1.2.3.04")) {
			assertThatThrownBy(() -> OutboundUrlGuard.allowListEntry(bad)).as(bad).isInstanceOf(UnsafeUrlException.class);
		}
	}

	@Test
	void theConnectionGoesToTheCheckedAddressAndRedirectsAreNotFollowed() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/hook", exchange -> {
			byte[] answer = ("got " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.createContext("/redirect", exchange -> {
			exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		server.start();
		try {
			// A rebinding name: the first answer is the one that was checked, every later answer points elsewhere.
			AtomicInteger lookups = new AtomicInteger();
			OutboundUrlGuard rebinding = new OutboundUrlGuard(host -> new InetAddress[] {
					lookups.getAndIncrement() == 0 ? InetAddress.getLoopbackAddress()
							: OutboundUrlGuard.literal("192.0.2.1").orElseThrow() });
			int port = server.getAddress().getPort();
			OutboundTarget target = rebinding.check("http://rebind.example.com:" + port + "/hook", List.of("127.0.0.1"));
			OutboundHttp.Response response = OutboundHttp.post(target, "application/json", "{}".getBytes(),
					Duration.ofSeconds(5));
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("got {}");
			assertThat(lookups).as("the name was resolved once, by the guard").hasValue(1);

			OutboundTarget redirecting = rebinding.check("http://127.0.0.1:" + port + "/redirect", List.of("127.0.0.1"));
			assertThat(OutboundHttp.post(redirecting, "application/json", new byte[0], Duration.ofSeconds(5)).status())
				.isEqualTo(302);
		}
		finally {
			server.stop(0);
		}
	}
}
