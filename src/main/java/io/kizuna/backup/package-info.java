/** Backup and restore: every Kizuna table from one consistent snapshot into a compressed archive, and back. */
package io.kizuna.backup;
