package io.kizuna.shared;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A URL the guard accepted, with the addresses it checked. Connections go to these addresses only (see
 * {@link OutboundHttp}); the host is not resolved again, so a DNS answer that changes after the check cannot redirect
 * the call.
 */
public record OutboundTarget(URI uri, String host, List<InetAddress> addresses) {

	public OutboundTarget {
		addresses = List.copyOf(addresses);
	}
}
