package io.kizuna.text;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.shared.cli.KizunaCommand;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar kizuna.jar text reanalyze --workspace SLUG}: analyses every customer text of the workspace again
 * (after its vocabulary changed), printing progress on stderr and the number of texts on stdout.
 */
@Command(name = "text", description = "Text analytics: reanalyze runs the analysis of a workspace's texts again.")
class TextCommand implements KizunaCommand {

	enum Action {
		reanalyze
	}

	@Parameters(index = "0", paramLabel = "reanalyze", description = "What to do; reanalyze is the only action.")
	Action action;

	@Option(names = "--workspace", required = true, description = "The workspace's slug.")
	String workspace;

	@Override
	public Needs needs() {
		return Needs.DATABASE;
	}

	@Override
	public int run(ApplicationContext context) {
		WorkspaceId id = context.getBean(WorkspaceManagement.class).findBySlug(workspace)
			.orElseThrow(() -> new IllegalArgumentException("no workspace " + workspace)).id();
		long started = System.nanoTime();
		long total = context.getBean(TextAnalytics.class)
			.reanalyze(id, done -> System.err.printf("kizuna text: %,d texts analysed%n", done));
		System.err.printf("kizuna text: reanalyze done in %.1f s%n", (System.nanoTime() - started) / 1e9);
		System.out.println(total);
		return 0;
	}
}
