package io.kizuna.health;

import java.time.LocalDate;
import java.util.List;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar kizuna.jar backtest [--from=DATE] [--to=DATE] [--step=14] [--horizon=90] [--workspace=default]}:
 * prints the back-test report as JSON. Defaults: cut-offs every 14 days over the 180 days that have a full horizon.
 */
@Component
@ConditionalOnProperty(name = "kizuna.cli.command", havingValue = "backtest")
class BacktestCommand implements ApplicationRunner, ExitCodeGenerator {

	private final HealthBacktest backtest;

	private final WorkspaceManagement workspaces;

	private final HealthScoring scoring;

	private final JsonMapper json;

	private int exitCode;

	BacktestCommand(HealthBacktest backtest, WorkspaceManagement workspaces, HealthScoring scoring, JsonMapper json) {
		this.backtest = backtest;
		this.workspaces = workspaces;
		this.scoring = scoring;
		this.json = json;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			String slug = option(args, "workspace", "default");
			Workspace workspace = workspaces.findBySlug(slug)
				.orElseThrow(() -> new InvalidInputException("no workspace '" + slug + "'"));
			int horizon = Integer.parseInt(option(args, "horizon", "90"));
			LocalDate lastFull = scoring.today(workspace.id()).minusDays(horizon);
			LocalDate to = LocalDate.parse(option(args, "to", lastFull.toString()));
			LocalDate from = LocalDate.parse(option(args, "from", to.minusDays(180).toString()));
			BacktestReport report = backtest.run(workspace.id(), from, to,
					Integer.parseInt(option(args, "step", "14")), horizon);
			System.out.println(json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(report));
		}
		catch (InvalidInputException | java.time.format.DateTimeParseException | NumberFormatException ex) {
			System.err.println("backtest: " + ex.getMessage()
					+ (ex instanceof InvalidInputException invalid && !invalid.errors().isEmpty() ? " " + invalid.errors() : ""));
			System.err.println("usage: java -jar kizuna.jar backtest [--from=YYYY-MM-DD] [--to=YYYY-MM-DD] [--step=14] "
					+ "[--horizon=90] [--workspace=default]");
			exitCode = 2;
		}
	}

	@Override
	public int getExitCode() {
		return exitCode;
	}

	private static String option(ApplicationArguments args, String name, String fallback) {
		List<String> values = args.getOptionValues(name);
		return values == null || values.isEmpty() ? fallback : values.get(0);
	}
}
