package io.kizuna.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The browser origins each write key may be used from (CORS for /v1/**, ADR 0042). A write key in a web page is
 * public by design; the list only says which sites' pages may send with it.
 */
@Service
public class WriteKeyOrigins {

	static final int MAX_ORIGINS = 50;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final WriteKeyCache cache;

	WriteKeyOrigins(JdbcClient jdbc, AuditLog audit, WriteKeyCache cache) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.cache = cache;
	}

	/**
	 * The key behind a secret, with its origins, and its use recorded (as authenticateWriteKey does, at most once a
	 * minute). From memory for up to a few seconds (WriteKeyCache): a key revoked on another node is refused at most
	 * {@code WriteKeyCache.BOUND} later.
	 */
	public Optional<IngestionKey> authenticate(String secret) {
		if (secret == null || secret.isBlank() || secret.length() > 200) {
			return Optional.empty();
		}
		return cache.key(Secrets.digest(secret), this::load);
	}

	private Optional<IngestionKey> load(byte[] digest) {
		return jdbc.sql("""
				with found as (
				    select workspace_id, key_id, allowed_origins, last_used_at from write_key
				    where key_hash = ? and revoked_at is null),
				touched as (
				    update write_key k set last_used_at = now() from found f
				    where k.workspace_id = f.workspace_id and k.key_id = f.key_id
				      and (f.last_used_at is null or f.last_used_at < now() - interval '1 minute'))
				select workspace_id, key_id, allowed_origins from found""")
			.param(digest)
			.query((rs, row) -> new IngestionKey(new WorkspaceId(rs.getLong(1)), rs.getLong(2),
					List.of((String[]) rs.getArray(3).getArray())))
			.optional();
	}

	/** Whether any active key allows the origin: what a preflight, which carries no key, is answered by. */
	public boolean anyKeyAllows(String origin) {
		String normalised = normalise(origin);
		if (normalised == null) {
			return false;
		}
		return cache.anyKeyAllows(normalised, allowed -> jdbc.sql("""
				select exists (select 1 from write_key
				               where revoked_at is null and allowed_origins && array[?, '*']::text[])""")
			.param(allowed)
			.query(Boolean.class)
			.single());
	}

	@Transactional
	public List<String> replace(WorkspaceId workspace, long keyId, List<String> origins, String actor) {
		List<String> valid = validate(origins);
		int updated = jdbc.sql("""
				update write_key set allowed_origins = ?::text[]
				where workspace_id = ? and key_id = ? and revoked_at is null""")
			.params(valid.toArray(String[]::new), workspace.value(), keyId)
			.update();
		if (updated != 1) {
			throw new NotFoundException("no active write key " + keyId);
		}
		cache.forgetAll();
		audit.record(workspace, actor, "write_key.origins_changed", Long.toString(keyId), Map.of("origins", valid));
		return valid;
	}

	/** Each entry as browsers send it ({@code https://app.example.jp}, {@code http://localhost:3000}) or "*". */
	static List<String> validate(List<String> origins) {
		List<String> errors = new ArrayList<>();
		Set<String> valid = new LinkedHashSet<>();
		for (String origin : origins == null ? List.<String>of() : origins) {
			String entry = origin == null ? "" : origin.strip();
			if (entry.isEmpty()) {
				continue;
			}
			String normalised = "*".equals(entry) ? "*" : normalise(entry);
			if (normalised == null) {
				errors.add("allowedOrigins: \"" + (entry.length() > 80 ? entry.substring(0, 80) + "…" : entry)
						+ "\" is not an origin like https://app.example.jp");
			}
			else {
				valid.add(normalised);
			}
		}
		if (valid.size() > MAX_ORIGINS) {
			errors.add("allowedOrigins: at most " + MAX_ORIGINS);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(String.join("; ", errors), errors);
		}
		return List.copyOf(valid);
	}

	/** scheme://host[:port] in lower case, default ports dropped, as the Origin header has it; null if not one. */
	static String normalise(String origin) {
		if (origin == null || origin.length() > 300) {
			return null;
		}
		try {
			URI uri = new URI(origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin);
			String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null
					|| uri.getRawUserInfo() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
					|| uri.getRawQuery() != null || uri.getRawFragment() != null) {
				return null;
			}
			int port = uri.getPort();
			boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
			return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}
}
