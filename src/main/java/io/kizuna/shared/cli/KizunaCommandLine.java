package io.kizuna.shared.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.NestedExceptionUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code java -jar kizuna.jar [COMMAND] [OPTIONS]}: the commands the modules contribute ({@link KizunaCommand}),
 * parsed by picocli. Usage errors are one sentence on stderr and exit code 2; {@code --help} works for the jar and
 * for every command.
 */
public final class KizunaCommandLine {

	/** What {@link #execute} answers when it started the web server: the JVM keeps running. */
	public static final int SERVING = -1;

	static final String JAR = "java -jar kizuna.jar";

	private final Class<?> application;

	private final List<KizunaCommand> commands;

	private final PrintWriter out;

	private final PrintWriter err;

	KizunaCommandLine(Class<?> application, List<KizunaCommand> commands, PrintWriter out, PrintWriter err) {
		this.application = application;
		this.commands = commands;
		this.out = out;
		this.err = err;
	}

	/** The commands found under the application's package, on the process's stdout and stderr. */
	public static KizunaCommandLine of(Class<?> application) {
		return new KizunaCommandLine(application, CommandScan.commands(application.getPackageName()),
				new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8));
	}

	/** Runs the command and exits with its code, unless it started the server. */
	public static void main(Class<?> application, String... args) {
		int code = of(application).execute(args);
		if (code != SERVING) {
			System.exit(code);
		}
	}

	public int execute(String... args) {
		Arguments arguments = Arguments.of(args);
		CommandLine root = new CommandLine(new Root());
		commands.forEach(root::addSubcommand);
		root.setOut(out);
		root.setErr(err);
		root.setParameterExceptionHandler((ex, ignored) -> usageError(root, ex));
		root.setExecutionStrategy(parsed -> launch(parsed, arguments.spring()));
		try {
			return root.execute(arguments.command().toArray(String[]::new));
		}
		finally {
			out.flush();
			err.flush();
		}
	}

	private int launch(ParseResult parsed, List<String> springArguments) {
		Integer help = CommandLine.executeHelpRequest(parsed);
		if (help != null) {
			return help;
		}
		List<CommandLine> path = parsed.asCommandLineList();
		CommandLine last = path.get(path.size() - 1);
		if (!(last.getCommand() instanceof KizunaCommand command)) {
			throw new ParameterException(last, "Missing command");
		}
		try {
			return new CommandLaunch(application, err).run(command, last.getCommandName(), springArguments);
		}
		catch (Exception ex) {
			// What went wrong, in one line: a command line tool's user has no use for a stack trace.
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			err.println("kizuna " + last.getCommandName() + ": "
					+ (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()));
			return 1;
		}
	}

	private int usageError(CommandLine root, ParameterException ex) {
		CommandLine where = ex.getCommandLine();
		String sentence = ex.getMessage();
		// picocli checks required options before it complains about unknown ones, and counts the value after an
		// unknown option as a second unknown one: the first unknown option is the error to report.
		var unknownOption = where.getUnmatchedArguments().stream().filter(arg -> arg.startsWith("-")).findFirst();
		if (unknownOption.isPresent()) {
			sentence = "Unknown option: '" + unknownOption.get() + "'";
		}
		if (where == root && ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
				&& !unmatched.getUnmatched().get(0).startsWith("-")) {
			sentence = "Unknown command '" + unmatched.getUnmatched().get(0) + "'; the commands are "
					+ String.join(", ", root.getSubcommands().keySet());
		}
		err.println("kizuna" + (where == root ? "" : " " + where.getCommandName()) + ": " + sentence + " (see '"
				+ where.getCommandSpec().qualifiedName() + " --help')");
		return 2;
	}

	@Command(name = JAR, synopsisSubcommandLabel = "[COMMAND]",
			description = "Kizuna, the customer success platform. Without a command it serves.",
			footer = { "", "Spring properties pass through as --name=value, e.g. --server.port=9090 or "
					+ "--kizuna.embedded-postgres.data-dir=/srv/kizuna-data." })
	static final class Root {

		@Option(names = { "-h", "--help" }, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
		boolean help;
	}
}
