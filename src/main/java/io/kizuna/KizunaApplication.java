package io.kizuna;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One jar, several commands: {@code serve} (the default), {@code demo} (serve with a generated demo workspace) and
 * the command-line tools ({@code import}, {@code ltv}, {@code backtest}, {@code backup}, {@code restore}) which run
 * without a web server and exit.
 */
@SpringBootApplication
public class KizunaApplication {

	/** {@code --accounts 100000}, {@code --accounts=100000}, likewise seed and days, become kizuna.demo.* settings. */
	static List<String> demoOptions(List<String> args) {
		List<String> result = new ArrayList<>();
		for (int i = 0; i < args.size(); i++) {
			String arg = args.get(i);
			String name = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
			if (List.of("accounts", "seed", "days").contains(name)) {
				String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : "";
				result.add("--kizuna.demo." + name + "=" + value);
			}
			else {
				result.add(arg);
			}
		}
		return result;
	}

	public static void main(String[] args) {
		String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "serve";
		List<String> rest = new ArrayList<>(Arrays.asList(args).subList(args.length > 0 && !args[0].startsWith("-") ? 1 : 0, args.length));
		SpringApplication application = new SpringApplication(KizunaApplication.class);
		switch (command) {
			case "serve" -> {
			}
			case "demo" -> {
				application.setAdditionalProfiles("demo");
				rest = demoOptions(rest);
			}
			case "import", "ltv", "backtest", "backup", "restore" -> {
				application.setWebApplicationType(WebApplicationType.NONE);
				rest.add(0, "--kizuna.cli.command=" + command);
				rest.add("--kizuna.scheduling.enabled=false");
				// A command's own output is what matters; the server's start-up log is noise here.
				rest.add(0, "--logging.level.root=WARN");
				if (command.equals("backup") || command.equals("restore")) {
					try {
						rest = io.kizuna.backup.RunningServer.options(command, rest);
					}
					catch (io.kizuna.backup.BackupRefusedException ex) {
						System.err.println(command + " failed: " + ex.getMessage());
						System.exit(1);
					}
				}
			}
			default -> {
				System.err.println("Unknown command '" + command + "'. Usage: java -jar kizuna.jar [serve|demo|import|ltv|backtest|backup|restore] [options]");
				System.exit(2);
			}
		}
		var context = application.run(rest.toArray(String[]::new));
		if (application.getWebApplicationType() == WebApplicationType.NONE) {
			System.exit(SpringApplication.exit(context));
		}
	}
}
