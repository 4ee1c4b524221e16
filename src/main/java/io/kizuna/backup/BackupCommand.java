package io.kizuna.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar kizuna.jar backup FILE} and {@code java -jar kizuna.jar restore FILE [--replace]}. Exit 0 on
 * success, 1 when the backup or restore failed (a failed restore changes nothing), 2 on a usage error.
 */
@Component
@ConditionalOnExpression("'${kizuna.cli.command:}' == 'backup' or '${kizuna.cli.command:}' == 'restore'")
class BackupCommand implements ApplicationRunner, ExitCodeGenerator {

	private final DatabaseBackup backups;

	private final String command;

	private int exitCode;

	BackupCommand(DataSource dataSource, Environment environment) {
		this.backups = new DatabaseBackup(dataSource);
		this.command = environment.getProperty("kizuna.cli.command");
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> files = args.getNonOptionArgs();
		if (files.size() != 1) {
			exitCode = 2;
			System.err.println("usage: java -jar kizuna.jar backup FILE | restore FILE [--replace]");
			return;
		}
		Path file = Path.of(files.get(0)).toAbsolutePath();
		long started = System.nanoTime();
		try {
			BackupSummary summary;
			if ("backup".equals(command)) {
				summary = backups.backup(file);
			}
			else {
				if (!Files.isRegularFile(file)) {
					throw new BackupRefusedException("no such file: " + file);
				}
				summary = backups.restore(file, args.containsOption("replace"));
			}
			System.out.printf("%s %s: %d tables, %,d rows, schema version %s, taken %s (%.1f s)%n",
					"backup".equals(command) ? "Backed up to" : "Restored from", file, summary.rows().size(),
					summary.totalRows(), summary.schemaVersion(), summary.createdAt(), (System.nanoTime() - started) / 1e9);
		}
		catch (RuntimeException ex) {
			exitCode = 1;
			System.err.println(command + " failed: " + ex.getMessage());
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}
}
