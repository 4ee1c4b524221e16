package io.kizuna.workspace;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Counts sign-in attempts per key in a fixed window; the increment and the read are one statement. */
@Repository
class SignInAttempts {

	private final JdbcClient jdbc;

	SignInAttempts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int register(String key, int windowSeconds) {
		return jdbc.sql("""
				insert into sign_in_attempt as s (attempt_key, window_start, attempts) values (:key, now(), 1)
				on conflict (attempt_key) do update set
				    attempts = case when s.window_start < now() - make_interval(secs => :window) then 1 else s.attempts + 1 end,
				    window_start = case when s.window_start < now() - make_interval(secs => :window) then now()
				                        else s.window_start end
				returning attempts""")
			.param("key", key)
			.param("window", windowSeconds)
			.query(Integer.class)
			.single();
	}

	/**
	 * Seconds until the fuller of the two windows that are over their limit ends (when the lock lifts), null when
	 * neither is.
	 */
	Integer secondsLocked(String account, int perAccount, String address, int perAddress, int windowSeconds) {
		return jdbc.sql("""
				select ceil(extract(epoch from max(window_start + make_interval(secs => :window) - now())))::int
				from sign_in_attempt
				where (attempt_key = :account and attempts > :perAccount) or (attempt_key = :address and attempts > :perAddress)""")
			.param("window", windowSeconds)
			.param("account", account)
			.param("perAccount", perAccount)
			.param("address", address)
			.param("perAddress", perAddress)
			.query(Integer.class)
			.optional()
			.orElse(null);
	}

	void clear(String key) {
		jdbc.sql("delete from sign_in_attempt where attempt_key = ?").param(key).update();
	}
}
