package io.kizuna.shared;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether Kizuna may call a URL given by a user (webhooks, playbook steps): http or https only, and every
 * address the host resolves to must be on the public internet, unless the workspace's admin allow-listed the host or
 * a block containing the addresses. The accepted target carries the checked addresses; {@link OutboundHttp} connects
 * to those and does not resolve the name again. See docs/security.md, "Outbound calls".
 */
public final class OutboundUrlGuard {

	/** Name resolution, replaceable in tests. */
	@FunctionalInterface
	public interface Resolver {

		InetAddress[] resolve(String host) throws UnknownHostException;
	}

	static final int MAX_URL_LENGTH = 2048;

	// Loopback, private, link-local (with 169.254.169.254, the cloud metadata service), CGNAT, multicast,
	// unspecified, documentation, benchmarking, reserved, and the IPv6 equivalents (RFC 6890 special-purpose blocks).
	private static final List<Cidr> REFUSED = Arrays.stream(new String[] { "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
			"127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24",
			"192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
			"::/128", "::1/128", "100::/64", "2001::/23", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10",
			"ff00::/8" })
		.map(Cidr::parse)
		.toList();

	// IPv6 forms that carry an IPv4 address: the IPv4 part is what gets reached, so it is checked as well.
	private static final Cidr V4_COMPATIBLE = Cidr.parse("::/96");

	// Built from bytes: the JDK turns a parsed ::ffff:a.b.c.d into the IPv4 address itself.
	private static final Cidr V4_MAPPED = new Cidr(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
			0, 0, 0, 0 }, 96);

	private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");

	private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

	private final Resolver resolver;

	public OutboundUrlGuard() {
		this(InetAddress::getAllByName);
	}

	public OutboundUrlGuard(Resolver resolver) {
		this.resolver = resolver;
	}

	/**
	 * @param allowList host names (exact) or IP addresses and CIDR blocks an admin allowed although they are internal
	 * @throws UnsafeUrlException naming the reason
	 */
	public OutboundTarget check(String url, List<String> allowList) {
		if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
			throw new UnsafeUrlException("the URL is empty or longer than " + MAX_URL_LENGTH + " characters");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw new UnsafeUrlException("not a URL: " + ex.getReason());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new UnsafeUrlException("only http and https URLs can be called");
		}
		if (uri.getRawUserInfo() != null) {
			throw new UnsafeUrlException("credentials in the URL are not accepted");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new UnsafeUrlException("the URL has no valid host name");
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		List<InetAddress> addresses = resolve(host);
		boolean hostAllowed = allowList.stream().anyMatch(host::equalsIgnoreCase);
		for (InetAddress address : addresses) {
			if (!hostAllowed && internal(address) && !allowListed(address, allowList)) {
				throw new UnsafeUrlException(uri.getHost() + " resolves to " + address.getHostAddress()
						+ ", an internal address; an admin can allow it in the workspace's outbound allow-list");
			}
		}
		return new OutboundTarget(uri, host, addresses);
	}

	/** Checks an allow-list entry; refuses what is neither a host name nor an address or block. */
	public static String allowListEntry(String entry) {
		String value = entry == null ? "" : entry.strip().toLowerCase(Locale.ROOT);
		if (value.isEmpty() || value.length() > 253) {
			throw new UnsafeUrlException("an allow-list entry is a host name, an IP address or a CIDR block");
		}
		if (value.contains("/") || value.contains(":") || numericLastLabel(value)) {
			if (Cidr.tryParse(value).isEmpty()) {
				throw new UnsafeUrlException("not an IP address or CIDR block: " + entry.strip());
			}
			return value;
		}
		for (String label : value.split("\\.", -1)) {
			if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
					|| !label.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
				throw new UnsafeUrlException("not a host name: " + entry.strip());
			}
		}
		return value;
	}

	private List<InetAddress> resolve(String host) {
		if (host.startsWith("[")) {
			return List.of(literal(host.substring(1, host.length() - 1))
				.orElseThrow(() -> new UnsafeUrlException("not an IPv6 address: " + host)));
		}
		if (numericLastLabel(host)) {
			// 2130706433, 0x7f.1, 0177.0.0.1 and 127.1 all mean 127.0.0.1 to some HTTP client or resolver; only the
			// one unambiguous dotted-quad spelling is accepted.
			return List.of(literal(host).orElseThrow(() -> new UnsafeUrlException(
					"ambiguous IPv4 address " + host + "; write it as four decimal numbers, e.g. 203.0.113.7")));
		}
		try {
			InetAddress[] resolved = resolver.resolve(host);
			if (resolved == null || resolved.length == 0) {
				throw new UnknownHostException(host);
			}
			return List.of(resolved);
		}
		catch (UnknownHostException ex) {
			throw new UnsafeUrlException("the host " + host + " does not resolve");
		}
	}

	static boolean internal(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			if (V4_MAPPED.contains(bytes) || NAT64.contains(bytes)) {
				return internal(Cidr.v4(bytes, 12));
			}
			if (SIX_TO_FOUR.contains(bytes)) {
				return internal(Cidr.v4(bytes, 2));
			}
			if (V4_COMPATIBLE.contains(bytes)) {
				// Deprecated IPv4-compatible addresses (and :: and ::1): no public service is reached that way.
				return true;
			}
		}
		return address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()
				|| REFUSED.stream().anyMatch(block -> block.contains(bytes));
	}

	private static boolean allowListed(InetAddress address, List<String> allowList) {
		return allowList.stream()
			.map(Cidr::tryParse)
			.flatMap(Optional::stream)
			.anyMatch(block -> block.contains(address));
	}

	/** A host whose last label is a number (or 0x…) is an IPv4 spelling; no top-level domain is numeric. */
	private static boolean numericLastLabel(String host) {
		String last = host.substring(host.lastIndexOf('.') + 1);
		return !last.isEmpty() && (last.chars().allMatch(Character::isDigit) || last.startsWith("0x"));
	}

	/**
	 * Parses an IP address literal without ever asking DNS: IPv6 (with or without brackets) through the JDK, IPv4
	 * only as four decimal numbers without leading zeros.
	 */
	static Optional<InetAddress> literal(String text) {
		if (text.contains(":")) {
			try {
				// Bracketed, the JDK parses an IPv6 literal or fails; it never falls back to a DNS lookup.
				String bracketed = text.startsWith("[") ? text : "[" + text + "]";
				return text.contains("%") ? Optional.empty() : Optional.of(InetAddress.getByName(bracketed));
			}
			catch (UnknownHostException ex) {
				return Optional.empty();
			}
		}
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return Optional.empty();
		}
		byte[] bytes = new byte[4];
		for (int i = 0; i < 4; i++) {
			String part = parts[i];
			if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')
					|| !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
				return Optional.empty();
			}
			int value = Integer.parseInt(part);
			if (value > 255) {
				return Optional.empty();
			}
			bytes[i] = (byte) value;
		}
		try {
			return Optional.of(Inet4Address.getByAddress(bytes));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}
}
