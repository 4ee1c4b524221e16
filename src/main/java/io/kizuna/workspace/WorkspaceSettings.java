package io.kizuna.workspace;

/**
 * A workspace's currency (ISO 4217), time zone (a region id such as Asia/Tokyo) and default language (ja or en).
 */
public record WorkspaceSettings(String currency, String timeZone, String locale) {

	public static WorkspaceSettings of(Workspace workspace) {
		return new WorkspaceSettings(workspace.currency().getCurrencyCode(), workspace.timeZone().getId(),
				workspace.locale().getLanguage());
	}
}
