package io.kizuna.workspace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

import io.kizuna.shared.WorkspaceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Workspaces {

	private static final String COLUMNS = "workspace_id, slug, name, currency, time_zone, locale";

	private final JdbcClient jdbc;

	Workspaces(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Workspace> find(WorkspaceId id) {
		return jdbc.sql("select " + COLUMNS + " from workspace where workspace_id = ?")
			.param(id.value())
			.query(Workspaces::map)
			.optional();
	}

	Optional<Workspace> findBySlug(String slug) {
		return jdbc.sql("select " + COLUMNS + " from workspace where slug = ?").param(slug).query(Workspaces::map).optional();
	}

	java.util.List<WorkspaceId> ids() {
		return jdbc.sql("select workspace_id from workspace order by workspace_id")
			.query((rs, row) -> new WorkspaceId(rs.getLong(1)))
			.list();
	}

	Workspace add(NewWorkspace w) {
		return jdbc.sql("insert into workspace (slug, name, currency, time_zone, locale) values (?, ?, ?, ?, ?) returning "
				+ COLUMNS)
			.params(w.slug(), w.name(), w.currency(), w.timeZone(), w.locale())
			.query(Workspaces::map)
			.single();
	}

	Workspace updateSettings(WorkspaceId id, String currency, String timeZone, String locale) {
		return jdbc.sql("update workspace set currency = ?, time_zone = ?, locale = ? where workspace_id = ? returning "
				+ COLUMNS)
			.params(currency, timeZone, locale, id.value())
			.query(Workspaces::map)
			.single();
	}

	private static Workspace map(ResultSet rs, int row) throws SQLException {
		return new Workspace(new WorkspaceId(rs.getLong(1)), rs.getString(2), rs.getString(3),
				Currency.getInstance(rs.getString(4)), ZoneId.of(rs.getString(5)), Locale.forLanguageTag(rs.getString(6)));
	}
}
