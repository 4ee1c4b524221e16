package io.kizuna.health;

import java.time.LocalDate;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.cli.KizunaCommand;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar kizuna.jar backtest [--from=DATE] [--to=DATE] [--step=14] [--horizon=90] [--workspace=default]}:
 * prints the back-test report as JSON. Defaults: cut-offs every 14 days over the 180 days that have a full horizon.
 * It only reads, so beside a running Kizuna it reads through that server's PostgreSQL.
 */
@Command(name = "backtest", description = "Replay history and report how well health scores predicted churn, as "
		+ "JSON (docs/health.md).")
class BacktestCommand implements KizunaCommand {

	@Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First cut-off (default: 180 days before --to).")
	LocalDate from;

	@Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last cut-off (default: the last day with a full horizon).")
	LocalDate to;

	@Option(names = "--step", paramLabel = "DAYS", defaultValue = "14", description = "Days between cut-offs (default ${DEFAULT-VALUE}).")
	int step;

	@Option(names = "--horizon", paramLabel = "DAYS", defaultValue = "90", description = "Churn within this many days counts (default ${DEFAULT-VALUE}).")
	int horizon;

	@Option(names = "--workspace", paramLabel = "SLUG", defaultValue = "default", description = "Default: ${DEFAULT-VALUE}.")
	String slug;

	@Override
	public Needs needs() {
		return Needs.DATABASE;
	}

	@Override
	public boolean mayUseARunningServer() {
		return true;
	}

	@Override
	public int run(ApplicationContext context) {
		try {
			Workspace workspace = context.getBean(WorkspaceManagement.class).findBySlug(slug)
				.orElseThrow(() -> new InvalidInputException("no workspace '" + slug + "'"));
			LocalDate last = to != null ? to : context.getBean(HealthScoring.class).today(workspace.id()).minusDays(horizon);
			LocalDate first = from != null ? from : last.minusDays(180);
			BacktestReport report = context.getBean(HealthBacktest.class).run(workspace.id(), first, last, step, horizon);
			JsonMapper json = context.getBean(JsonMapper.class).rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
			System.out.println(json.writeValueAsString(report));
			return 0;
		}
		catch (InvalidInputException ex) {
			System.err.println("kizuna backtest: " + ex.getMessage() + (ex.errors().isEmpty() ? "" : " " + ex.errors()));
			return 2;
		}
	}
}
