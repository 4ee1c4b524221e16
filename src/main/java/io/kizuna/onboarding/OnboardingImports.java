package io.kizuna.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.kizuna.imports.ImportColumns;
import io.kizuna.imports.ImportRow;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.RowHandler;
import io.kizuna.imports.RowRejectedException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Milestone history from a CSV ({@code import onboarding-milestones FILE}): account external id, milestone key and
 * the day (or time, read in the workspace zone) it was reached. A milestone already reached stays as it is.
 */
@Configuration(proxyBeanMethods = false)
class OnboardingImports {

	static final ImportColumns MILESTONES = new ImportColumns(
			List.of("account_external_id", "milestone_key", "completed_at"), Set.of(), false);

	static final int CHUNK = 1_000;

	@Bean
	ImportTarget onboardingMilestonesImport(OnboardingManagement onboarding) {
		return ImportTarget.of("onboarding-milestones", 70, MILESTONES,
				List.of("acme", "first-import", "2026-11-20"), file -> new RowHandler() {

					final List<OnboardingManagement.ImportedMilestone> rows = new ArrayList<>();

					@Override
					public void accept(ImportRow row) {
						String external = row.required("account_external_id");
						String key = row.required("milestone_key");
						java.time.LocalDate on = day(row, file.timeZone());
						long account = onboarding.accountId(file.workspaceId(), external);
						var plan = onboarding.planOf(file.workspaceId(), account).orElseThrow(() -> new RowRejectedException(
								"account_external_id: " + external + " follows no onboarding plan",
								"import.reason.onboardingNoPlan", external));
						if (plan.milestones().stream().noneMatch(m -> m.key().equals(key))) {
							throw new RowRejectedException("milestone_key: no milestone " + key + " in plan " + plan.key(),
									"import.reason.onboardingNoMilestone", key, plan.key());
						}
						rows.add(new OnboardingManagement.ImportedMilestone(account, key, on));
						if (rows.size() >= CHUNK) {
							flush();
						}
					}

					@Override
					public void flush() {
						if (rows.isEmpty()) {
							return;
						}
						int stored = onboarding.importHistory(file.workspaceId(), rows);
						file.stored(stored, rows.size() - stored);
						rows.clear();
					}
				});
	}

	/** A date, or a date-time (with an offset, or else in the workspace zone) whose day in the workspace zone counts. */
	static java.time.LocalDate day(ImportRow row, java.time.ZoneId zone) {
		String value = row.required("completed_at");
		if (value.length() <= 10) {
			return row.date("completed_at");
		}
		try {
			return java.time.LocalDateTime.parse(value.replace(' ', 'T')).atZone(zone).toLocalDate();
		}
		catch (java.time.format.DateTimeParseException ex) {
			return row.instant("completed_at").atZone(zone).toLocalDate();
		}
	}
}
