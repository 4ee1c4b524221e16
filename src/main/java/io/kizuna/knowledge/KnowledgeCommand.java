package io.kizuna.knowledge;

import io.kizuna.shared.cli.KizunaCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar kizuna.jar knowledge reindex}: rebuilds this node's knowledge-base search index (in the data
 * directory) from PostgreSQL, printing its progress on stderr and the number of language versions indexed on stdout.
 */
@Command(name = "knowledge", description = "Knowledge base: reindex rebuilds the search index from the database.")
class KnowledgeCommand implements KizunaCommand {

	enum Action {
		reindex
	}

	@Parameters(index = "0", paramLabel = "reindex", description = "What to do; reindex is the only action.")
	Action action;

	@Override
	public Needs needs() {
		return Needs.DATABASE;
	}

	@Override
	public int run(ApplicationContext context) {
		KnowledgeManagement knowledge = context.getBean(KnowledgeManagement.class);
		long started = System.nanoTime();
		long total = knowledge.reindex(done -> System.err.printf("kizuna knowledge: %,d language versions indexed%n", done));
		System.err.printf("kizuna knowledge: reindex done in %.1f s%n", (System.nanoTime() - started) / 1e9);
		System.out.println(total);
		return 0;
	}
}
