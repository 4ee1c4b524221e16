package io.kizuna.workspace;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Write keys (ingestion) and API tokens (REST): issued once, stored as digests, revoked, last use kept. */
@Service
public class AccessKeys {

	private final Credentials credentials;

	private final AuditLog audit;

	private final WriteKeyCache writeKeyCache;

	AccessKeys(Credentials credentials, AuditLog audit, WriteKeyCache writeKeyCache) {
		this.credentials = credentials;
		this.audit = audit;
		this.writeKeyCache = writeKeyCache;
	}

	@Transactional
	public IssuedSecret issueWriteKey(WorkspaceId workspace, String name) {
		return addWriteKey(workspace, name, Secrets.generate("wk_"));
	}

	@Transactional
	public IssuedSecret issueApiToken(WorkspaceId workspace, String name, TokenScope scope) {
		return addApiToken(workspace, name, scope, Secrets.generate("kzt_"));
	}

	/** Registers a secret chosen by an operator (bootstrap), unless it is registered already. */
	@Transactional
	public boolean registerWriteKey(WorkspaceId workspace, String name, String secret) {
		if (credentials.writeKeyExists(secret)) {
			return false;
		}
		addWriteKey(workspace, name, secret);
		return true;
	}

	@Transactional
	public boolean registerApiToken(WorkspaceId workspace, String name, TokenScope scope, String secret) {
		if (credentials.apiTokenExists(secret)) {
			return false;
		}
		addApiToken(workspace, name, scope, secret);
		return true;
	}

	public Optional<WorkspaceId> authenticateWriteKey(String secret) {
		return blank(secret) ? Optional.empty() : credentials.useWriteKey(secret);
	}

	public Optional<ApiClient> authenticateApiToken(String secret) {
		return blank(secret) ? Optional.empty() : credentials.useApiToken(secret);
	}

	@Transactional
	public void revokeWriteKey(WorkspaceId workspace, long keyId, String actor) {
		if (!credentials.revokeWriteKey(workspace, keyId)) {
			throw new NotFoundException("no active write key " + keyId);
		}
		writeKeyCache.forgetAll();
		audit.record(workspace, actor, "write_key.revoked", Long.toString(keyId), Map.of());
	}

	@Transactional
	public void revokeApiToken(WorkspaceId workspace, long tokenId, String actor) {
		if (!credentials.revokeApiToken(workspace, tokenId)) {
			throw new NotFoundException("no active API token " + tokenId);
		}
		audit.record(workspace, actor, "api_token.revoked", Long.toString(tokenId), Map.of());
	}

	public List<KeySummary> writeKeys(WorkspaceId workspace) {
		return credentials.writeKeys(workspace);
	}

	public List<KeySummary> apiTokens(WorkspaceId workspace) {
		return credentials.apiTokens(workspace);
	}

	private IssuedSecret addWriteKey(WorkspaceId workspace, String name, String secret) {
		long id = credentials.addWriteKey(workspace, name, secret);
		audit.record(workspace, "write_key.created", name, Map.of("id", id));
		return new IssuedSecret(id, name, secret);
	}

	private IssuedSecret addApiToken(WorkspaceId workspace, String name, TokenScope scope, String secret) {
		long id = credentials.addApiToken(workspace, name, scope, secret);
		audit.record(workspace, "api_token.created", name, Map.of("id", id, "scope", scope.code()));
		return new IssuedSecret(id, name, secret);
	}

	private static boolean blank(String secret) {
		return secret == null || secret.isBlank() || secret.length() > 200;
	}
}
