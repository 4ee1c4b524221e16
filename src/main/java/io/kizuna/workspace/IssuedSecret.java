package io.kizuna.workspace;

/** A new write key or API token: the secret is shown once and only its digest is kept. */
public record IssuedSecret(long id, String name, String secret) {
}
