package io.kizuna.backup;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.kizuna.shared.cli.KizunaCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar kizuna.jar backup FILE}. Exit 0 on success, 1 when the backup failed. Beside a running Kizuna
 * it is a hot backup through that server's PostgreSQL: one snapshot, and Kizuna keeps serving.
 */
@Command(name = "backup", description = "Write a consistent backup of the database to FILE (also while Kizuna runs).")
class BackupCommand implements KizunaCommand {

	@Parameters(index = "0", paramLabel = "FILE", description = "The archive to write.")
	Path file;

	@Override
	public Needs needs() {
		return Needs.DATABASE;
	}

	@Override
	public boolean mayUseARunningServer() {
		return true;
	}

	@Override
	public int run(ApplicationContext context) {
		Path archive = file.toAbsolutePath();
		long started = System.nanoTime();
		try {
			BackupSummary summary = new DatabaseBackup(context.getBean(DataSource.class)).backup(archive);
			BackupReport.print("Backed up to", archive, summary, started);
			return 0;
		}
		catch (RuntimeException ex) {
			System.err.println("kizuna backup: " + ex.getMessage());
			return 1;
		}
	}
}
