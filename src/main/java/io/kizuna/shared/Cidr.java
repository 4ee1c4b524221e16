package io.kizuna.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
record Cidr(byte[] network, int prefix) {

	static Cidr parse(String text) {
		int slash = text.indexOf('/');
		InetAddress address = OutboundUrlGuard.literal(slash < 0 ? text : text.substring(0, slash))
			.orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + text));
		int bits = address.getAddress().length * 8;
		int prefix;
		try {
			prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a prefix length: " + text);
		}
		if (prefix < 0 || prefix > bits) {
			throw new IllegalArgumentException("prefix length out of range: " + text);
		}
		return new Cidr(address.getAddress(), prefix);
	}

	static Optional<Cidr> tryParse(String text) {
		try {
			return Optional.of(parse(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	boolean contains(InetAddress address) {
		return contains(address.getAddress());
	}

	boolean contains(byte[] bytes) {
		if (bytes.length != network.length) {
			return false;
		}
		int full = prefix / 8;
		for (int i = 0; i < full; i++) {
			if (bytes[i] != network[i]) {
				return false;
			}
		}
		int rest = prefix % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (bytes[full] & mask) == (network[full] & mask);
	}

	static InetAddress v4(byte[] bytes, int offset) {
		try {
			return InetAddress.getByAddress(new byte[] { bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3] });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
