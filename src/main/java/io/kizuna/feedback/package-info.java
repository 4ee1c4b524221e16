/** Voice of the customer: NPS/CSAT/CES surveys, feature requests weighted by revenue, reviews, and closing the loop. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "accounts", "health", "imports", "messaging",
		"playbooks", "segments", "shared", "text", "workspace", "support" })
package io.kizuna.feedback;
