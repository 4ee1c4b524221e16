package io.kizuna.backup;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.kizuna.shared.cli.KizunaCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar kizuna.jar restore FILE [--replace]}. Exit 0 on success, 1 when the restore failed (a failed
 * restore changes nothing). Refused while a Kizuna runs on the data directory: it would replace data under it.
 */
@Command(name = "restore", description = "Restore a backup into an empty database, or over the current one with --replace.")
class RestoreCommand implements KizunaCommand {

	@Parameters(index = "0", paramLabel = "FILE", description = "An archive written by backup.")
	Path file;

	@Option(names = "--replace", description = "Replace the data of a database that is not empty.")
	boolean replace;

	@Override
	public Needs needs() {
		return Needs.DATABASE;
	}

	@Override
	public int run(ApplicationContext context) {
		Path archive = file.toAbsolutePath();
		long started = System.nanoTime();
		try {
			if (!Files.isRegularFile(archive)) {
				throw new BackupRefusedException("no such file: " + archive);
			}
			BackupSummary summary = new DatabaseBackup(context.getBean(DataSource.class)).restore(archive, replace);
			BackupReport.print("Restored from", archive, summary, started);
			return 0;
		}
		catch (RuntimeException ex) {
			System.err.println("kizuna restore: " + ex.getMessage());
			return 1;
		}
	}
}
