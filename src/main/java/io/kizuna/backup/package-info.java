/** Backup and restore: every Kizuna table from one consistent snapshot into a compressed archive, and back. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package io.kizuna.backup;
