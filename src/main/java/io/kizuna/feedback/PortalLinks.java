package io.kizuna.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Contact;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.SecretBox;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Signed links to the public feature-request portal (ADR 0107): the token seals the workspace, the contact and an
 * expiry with the instance's AES-GCM key, so it cannot be forged or moved to another contact or workspace. CSMs
 * copy a link from the request page; the host app asks for one over REST for its signed-in user.
 */
@Service
public class PortalLinks {

	public static final Duration LIFETIME = Duration.ofDays(30);

	private final SecretBox box;

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	private final String publicUrl;

	PortalLinks(SecretBox box, AccountManagement accounts, WorkspaceManagement workspaces,
			@Value("${kizuna.messaging.public-url:http://localhost:8080}") String publicUrl) {
		this.box = box;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/** Who a portal link stands for. */
	public record Voter(WorkspaceId workspace, Contact contact) {
	}

	/** The portal's address for a contact, signed, valid for {@link #LIFETIME}. */
	public String link(WorkspaceId ws, String contactExternalId, String language) {
		Contact contact = accounts.findContact(ws, contactExternalId)
			.orElseThrow(() -> new NotFoundException("No contact " + contactExternalId));
		if (contact.accountExternalId() == null) {
			throw new io.kizuna.shared.InvalidInputException("invalid link",
					java.util.List.of("contact: belongs to no account, so their vote would count for nobody"));
		}
		String slug = workspaces.get(ws).slug();
		String lang = "en".equals(language) ? "en" : "ja";
		return publicUrl + "/ideas/" + slug + "?lang=" + lang + "&t=" + token(ws, contact.externalId(), Instant.now().plus(LIFETIME));
	}

	String token(WorkspaceId ws, String contactExternalId, Instant expires) {
		String sealed = box.seal(ws.value() + "\n" + expires.getEpochSecond() + "\n" + contactExternalId);
		return sealed.substring(3).replace('+', '-').replace('/', '_').replace("=", "");
	}

	/** The contact a token stands for in the workspace of the portal visited; empty when forged, expired or foreign. */
	public Optional<Voter> voter(WorkspaceId ws, String token) {
		if (token == null || token.isBlank() || token.length() > 1000) {
			return Optional.empty();
		}
		try {
			String base64 = token.replace('-', '+').replace('_', '/');
			base64 = base64 + "=".repeat((4 - base64.length() % 4) % 4);
			String[] parts = box.open("v1:" + base64).split("\n", 3);
			if (parts.length != 3 || Long.parseLong(parts[0]) != ws.value()
					|| Instant.ofEpochSecond(Long.parseLong(parts[1])).isBefore(Instant.now())) {
				return Optional.empty();
			}
			return accounts.findContact(ws, parts[2]).filter(c -> c.accountExternalId() != null)
				.map(c -> new Voter(ws, c));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
