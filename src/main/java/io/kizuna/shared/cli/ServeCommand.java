package io.kizuna.shared.cli;

import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;

/** {@code java -jar kizuna.jar [serve]}: the web server; what the jar does when no command is given. */
@Command(name = "serve", description = "Start the server (port 8080; --server.port=…). The default command.")
class ServeCommand implements KizunaCommand {

	@Override
	public Needs needs() {
		return Needs.SERVER;
	}

	@Override
	public int run(ApplicationContext context) {
		return 0;
	}
}
