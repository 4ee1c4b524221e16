package io.kizuna.shared.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line split in two: the command and its options for picocli, and Spring properties
 * ({@code --server.port=9090}, {@code --kizuna.embedded-postgres.data-dir=…}) for the Spring context. A Spring
 * property is told by the dot in its name, which no command option has, so a mistyped option is still an error.
 *
 * @param command the command and its options; {@code serve} when none is given
 * @param spring the Spring properties, in their order
 */
record Arguments(List<String> command, List<String> spring) {

	static Arguments of(String... args) {
		List<String> command = new ArrayList<>();
		List<String> spring = new ArrayList<>();
		boolean endOfOptions = false;
		for (String arg : args) {
			endOfOptions |= arg.equals("--");
			(!endOfOptions && isSpringProperty(arg) ? spring : command).add(arg);
		}
		if (command.isEmpty()) {
			command.add("serve");
		}
		return new Arguments(List.copyOf(command), List.copyOf(spring));
	}

	static boolean isSpringProperty(String arg) {
		return arg.startsWith("--") && arg.substring(2).split("=", 2)[0].contains(".");
	}
}
