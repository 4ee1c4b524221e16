package io.kizuna.backup;

/** A backup that cannot be restored here (another schema version, damaged data, a database holding data). */
class BackupRefusedException extends RuntimeException {

	BackupRefusedException(String message) {
		super(message);
	}
}
