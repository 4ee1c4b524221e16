package io.kizuna.workspace;

/** What it takes to create a workspace. */
public record NewWorkspace(String slug, String name, String currency, String timeZone, String locale) {
}
