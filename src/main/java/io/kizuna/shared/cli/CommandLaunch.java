package io.kizuna.shared.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.kizuna.shared.internal.RunningKizuna;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Starts what a parsed command needs and runs it: nothing, a context on the database, or the web server. Before a
 * context would start an embedded PostgreSQL in a data directory that a live Kizuna owns, the command either works
 * through that server's PostgreSQL or refuses — it never stops it.
 */
final class CommandLaunch {

	private final Class<?> application;

	private final PrintWriter err;

	CommandLaunch(Class<?> application, PrintWriter err) {
		this.application = application;
		this.err = err;
	}

	int run(KizunaCommand command, String name, List<String> springArguments) throws Exception {
		if (command.needs() == KizunaCommand.Needs.NOTHING) {
			return command.run(null);
		}
		List<String> arguments = new ArrayList<>(springArguments);
		arguments.addAll(command.springArguments());
		Optional<String> refusal = besideARunningServer(command, arguments);
		if (refusal.isPresent()) {
			err.println("kizuna " + name + ": " + refusal.get() + ".");
			return 1;
		}
		if (command.needs() == KizunaCommand.Needs.DATABASE) {
			// A tool's own output is what matters; the server's start-up log and its background jobs are not.
			defaultTo(arguments, "kizuna.scheduling.enabled", "false");
			// Outstanding event publications are the server's work: a backup must not change what it copies.
			defaultTo(arguments, "spring.modulith.events.republish-outstanding-events-on-restart", "false");
			defaultTo(arguments, "logging.level.root", "WARN");
		}
		SpringApplication spring = new SpringApplication(application);
		spring.setWebApplicationType(command.needs() == KizunaCommand.Needs.SERVER ? WebApplicationType.SERVLET
				: WebApplicationType.NONE);
		spring.setAdditionalProfiles(command.profiles().toArray(String[]::new));
		ConfigurableApplicationContext context;
		PrintStream stdout = System.out;
		if (command.needs() == KizunaCommand.Needs.DATABASE) {
			// What start-up prints (the secrets of a workspace created on the first start) is for a person: stdout
			// carries only the tool's own output, which a script may parse.
			System.setOut(System.err);
		}
		try {
			context = spring.run(arguments.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Spring has logged the failure on stderr already; this is the sentence to read.
			err.println("kizuna " + name + ": could not start: " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			return 1;
		}
		finally {
			System.setOut(stdout);
		}
		if (command.needs() == KizunaCommand.Needs.SERVER) {
			int code = command.run(context);
			return code == 0 ? KizunaCommandLine.SERVING : code;
		}
		try (context) {
			return command.run(context);
		}
	}

	/** Adds the datasource of a running Kizuna the command may use, or answers why the command must not start. */
	private Optional<String> besideARunningServer(KizunaCommand command, List<String> arguments) {
		Binder binder = Binder.get(environment(arguments));
		if (!binder.bind("spring.datasource.url", String.class).orElse("").isBlank()) {
			return Optional.empty(); // an external PostgreSQL: many processes may use it at once
		}
		Path dataDirectory = binder.bind("kizuna.embedded-postgres.data-dir", Path.class).orElse(Path.of("kizuna-data"));
		Optional<RunningKizuna> running = RunningKizuna.on(dataDirectory);
		if (running.isEmpty()) {
			return Optional.empty();
		}
		RunningKizuna live = running.get();
		if (!command.mayUseARunningServer()) {
			return Optional.of(live.describe() + "; stop it first, or give this command another data directory");
		}
		if (!live.answers()) {
			return Optional.of(live.describe() + " but its PostgreSQL does not accept connections; try again once it is up");
		}
		arguments.add("--spring.datasource.url=" + live.jdbcUrl());
		arguments.add("--spring.datasource.username=postgres");
		err.println(live.describe() + "; working through its PostgreSQL on port " + live.postgresPort().getAsInt() + ".");
		return Optional.empty();
	}

	/** The properties as Spring will see them, from these arguments, system properties and the environment. */
	private static StandardEnvironment environment(List<String> arguments) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(arguments.toArray(String[]::new)));
		return environment;
	}

	private static void defaultTo(List<String> arguments, String name, String value) {
		if (arguments.stream().noneMatch(arg -> arg.startsWith("--" + name + "="))) {
			arguments.add("--" + name + "=" + value);
		}
	}
}
