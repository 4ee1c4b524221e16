package io.kizuna.demo;

import java.util.ArrayList;
import java.util.List;

import io.kizuna.shared.cli.KizunaCommand;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar kizuna.jar demo [--accounts 500] [--seed 42] [--days 210]}: the server with the demo profile;
 * {@link DemoRunner} loads the workspace on the first start. The options stand for {@code kizuna.demo.*}.
 */
@Command(name = "demo", description = "Start the server with a generated demo workspace (loaded on the first start "
		+ "only) and fixed demo credentials.")
class DemoCommand implements KizunaCommand {

	@Option(names = "--accounts", paramLabel = "N", description = "How many accounts to generate (default 500).")
	Integer accounts;

	@Option(names = "--seed", paramLabel = "N", description = "The same seed gives the same workspace (default 42).")
	Long seed;

	@Option(names = "--days", paramLabel = "N", description = "Days of usage history, ending today (default 210).")
	Integer days;

	@Override
	public Needs needs() {
		return Needs.SERVER;
	}

	@Override
	public List<String> profiles() {
		return List.of("demo");
	}

	@Override
	public List<String> springArguments() {
		List<String> arguments = new ArrayList<>();
		if (accounts != null) {
			arguments.add("--kizuna.demo.accounts=" + accounts);
		}
		if (seed != null) {
			arguments.add("--kizuna.demo.seed=" + seed);
		}
		if (days != null) {
			arguments.add("--kizuna.demo.days=" + days);
		}
		return arguments;
	}

	@Override
	public int run(ApplicationContext context) {
		return 0; // DemoRunner has loaded the workspace and printed where to go during start-up
	}
}
