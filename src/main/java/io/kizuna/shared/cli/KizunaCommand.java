package io.kizuna.shared.cli;

import java.util.List;

import org.springframework.context.ApplicationContext;

/**
 * A command of the jar ({@code java -jar kizuna.jar NAME …}), contributed by the module it belongs to (ADR 0018).
 * <p>
 * An implementation is a concrete class in a module's package under {@code io.kizuna}, annotated with picocli's
 * {@code @Command(name = …)} and with a no-argument constructor; {@link KizunaCommandLine} finds it by scanning the
 * class path before any Spring context exists, because what a command needs decides how (and whether) Spring
 * starts. Its options are picocli fields, so {@code --name value}, {@code --name=value} and {@code --help} work
 * for every command alike.
 */
public interface KizunaCommand {

	/** What has to be running before {@link #run} is called. */
	enum Needs {
		/** Pure computation: no Spring context, no database, no data directory. */
		NOTHING,
		/** A Spring context without a web server, on the database (embedded or external). */
		DATABASE,
		/** The web server: the context stays up after {@link #run} and the jar keeps serving. */
		SERVER
	}

	Needs needs();

	/**
	 * Whether the command may work through the embedded PostgreSQL of a Kizuna that is already running on the same
	 * data directory (like a second client of that server). When false, such a server makes it refuse.
	 */
	default boolean mayUseARunningServer() {
		return false;
	}

	/** Spring profiles the command's context starts with. */
	default List<String> profiles() {
		return List.of();
	}

	/** Spring properties ({@code --name=value}) that the command's options stand for. */
	default List<String> springArguments() {
		return List.of();
	}

	/**
	 * Does the work and answers the exit code: 0 done, 1 failed, 2 a usage error. Machine-readable output goes to
	 * stdout, everything else to stderr.
	 *
	 * @param context the started context; {@code null} when the command {@link Needs#NOTHING needs nothing}
	 */
	int run(ApplicationContext context) throws Exception;
}
