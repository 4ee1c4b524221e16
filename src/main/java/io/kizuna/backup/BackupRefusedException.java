package io.kizuna.backup;

/** A backup that cannot be restored here (another schema version, damaged data, a database holding data). */
public class BackupRefusedException extends RuntimeException {

	public BackupRefusedException(String message) {
		super(message);
	}
}
