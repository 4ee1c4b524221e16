package io.kizuna.workspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The audit log's addresses in their short form (RFC 5952), as a person writes them. */
class AuditAddressTests {

	@Test
	void ipv6IsShortenedAndIpv4KeptAsItIs() {
		assertThat(AuditEntries.normalised("0:0:0:0:0:0:0:1")).isEqualTo("::1");
		assertThat(AuditEntries.normalised("2001:0db8:0000:0000:0000:ff00:0042:8329")).isEqualTo("2001:db8::ff00:42:8329");
		assertThat(AuditEntries.normalised("203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(AuditEntries.normalised("null")).isNull();
		assertThat(AuditEntries.normalised(null)).isNull();
	}
}
