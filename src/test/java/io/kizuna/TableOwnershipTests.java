package io.kizuna;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * One owner per table (ARCHITECTURE §3, ADR 0020): every table belongs to the module whose migration creates it
 * ({@code db/migration/<module>/}), and no other module's SQL — in its Java sources or its migrations — names it:
 * no reads, writes, joins, indexes or triggers on another module's tables. What others may read, the owner publishes
 * as views ({@code <module>_v_…}) and functions ({@code <module>_…}) created by its own migrations, or through its
 * facade. Read as text: SQL is taken from the string literals and text blocks of the Java sources.
 */
class TableOwnershipTests {

	static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	static final Path SOURCES = Path.of("src/main/java/io/kizuna");

	/**
	 * Foreign keys may name these tables of other modules: every row of a workspace, and the rows about one account
	 * or its people, keep {@code workspace_id}-first keys to them, which is what lets Citus co-locate the tables by
	 * workspace (ARCHITECTURE §1). A foreign key reads nothing and cannot drift with the other module's columns.
	 */
	static final Set<String> REFERENCEABLE = Set.of("workspace", "app_user", "account", "contact");

	/**
	 * Modules whose work is the whole schema: a backup copies every table, found from the catalog, and restore checks
	 * the target holds no data yet. They write no SQL of any one module's logic; no other module may join them here.
	 */
	static final Set<String> SCHEMA_WIDE = Set.of("backup");

	/**
	 * Applied migrations cannot change (their checksums are history on users' databases), so the statements that
	 * named another module's table before this rule existed stay in them. Each is listed here with the migration of
	 * the table's owner that took it over; the test checks that migration exists in the owner's folder and names
	 * every index or trigger the old one created on that table. Nothing else may be added here: a new statement on
	 * another module's table is a new migration in the owner's folder instead.
	 */
	static final List<TakenOver> HISTORIC = List.of(
			// Health created the accounts list's indexes on account; accounts renamed them as its own.
			new TakenOver("health/V11__health_account_status_and_list_indexes.sql", "account",
					"accounts/V202612011600__accounts_take_over_list_indexes.sql"),
			new TakenOver("health/V11_1__health_status_run_and_search.sql", "account",
					"accounts/V202612011600__accounts_take_over_list_indexes.sql"),
			new TakenOver("health/V11_2__health_list_filter_indexes.sql", "account",
					"accounts/V202612011600__accounts_take_over_list_indexes.sql"),
			// Revenue put triggers on subscription_change (and read it to seed its pending rows); accounts dropped
			// them and publishes its subscription change feed instead.
			new TakenOver("revenue/V13__revenue_month_end_steps.sql", "subscription_change",
					"accounts/V202612011602__accounts_subscription_change_feed.sql"));

	record TakenOver(String migration, String table, String by) {
	}

	private static final Pattern CREATE_TABLE = Pattern
		.compile("(?i)\\bcreate\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");

	private static final Pattern CREATE_VIEW = Pattern
		.compile("(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?view\\s+(\\w+)");

	private static final Pattern CREATE_ON = Pattern.compile(
			"(?is)\\bcreate\\s+(?:unique\\s+)?(index|trigger)\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)\\s.*?\\bon\\s+(\\w+)");

	private static final Pattern LITERAL = Pattern.compile("(?s)\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"");

	@Test
	void everyTableHasOneOwnerAndNoOtherModuleNamesIt() {
		Map<String, String> owners = owners();
		assertThat(owners).as("tables found in the migrations").containsKeys("account", "health_account_status",
				"revenue_step", "workspace", "event");
		List<String> violations = new ArrayList<>();
		for (Path file : files(MIGRATIONS, ".sql")) {
			String module = MIGRATIONS.relativize(file).getName(0).toString();
			String relative = MIGRATIONS.relativize(file).toString();
			String sql = withoutSqlComments(read(file));
			for (Naming naming : namings(sql, owners, true)) {
				if (owners.get(naming.table()).equals(module) || historic(relative, naming.table())) {
					continue;
				}
				violations.add("migration " + relative + " of module " + module + " names table " + naming.table()
						+ " owned by " + owners.get(naming.table()) + ": \"" + naming.text() + "\"");
			}
		}
		for (Path file : files(SOURCES, ".java")) {
			Path relative = SOURCES.relativize(file);
			if (relative.getNameCount() < 2) {
				continue;
			}
			String module = relative.getName(0).toString();
			if (SCHEMA_WIDE.contains(module)) {
				continue;
			}
			for (String literal : literals(read(file))) {
				for (Naming naming : namings(literal, owners, false)) {
					if (!owners.get(naming.table()).equals(module)) {
						violations.add(relative + " of module " + module + " names table " + naming.table()
								+ " owned by " + owners.get(naming.table()) + ": \"" + naming.text()
								+ "\" (read what " + owners.get(naming.table()) + " publishes: its views, functions"
								+ " or facade)");
					}
				}
			}
		}
		assertThat(violations).as("SQL naming another module's table").isEmpty();
	}

	@Test
	void publishedViewsCarryTheirModulesName() {
		for (Path file : files(MIGRATIONS, ".sql")) {
			String module = MIGRATIONS.relativize(file).getName(0).toString();
			Matcher view = CREATE_VIEW.matcher(withoutSqlComments(read(file)));
			while (view.find()) {
				assertThat(view.group(1)).as("a view of " + file).startsWith(module + "_v_");
			}
		}
	}

	@Test
	void historicStatementsWereTakenOverByTheTablesOwner() {
		Map<String, String> owners = owners();
		for (TakenOver old : HISTORIC) {
			String sql = withoutSqlComments(read(MIGRATIONS.resolve(old.migration())));
			assertThat(namings(sql, owners, true)).as(old.migration() + " names " + old.table())
				.anyMatch(n -> n.table().equals(old.table()));
			Path by = MIGRATIONS.resolve(old.by());
			assertThat(by).as("the migration that took " + old.migration() + " over").exists();
			assertThat(by.getName(by.getNameCount() - 2).toString()).as("folder of " + old.by())
				.isEqualTo(owners.get(old.table()));
			String takeover = withoutSqlComments(read(by)).toLowerCase();
			Matcher created = CREATE_ON.matcher(sql);
			while (created.find()) {
				if (created.group(3).equalsIgnoreCase(old.table())) {
					assertThat(takeover).as(old.by() + " takes over " + created.group(1) + " " + created.group(2))
						.containsPattern("\\b(alter|drop)\\s+" + created.group(1).toLowerCase() + "\\s+(if\\s+exists\\s+)?"
								+ created.group(2).toLowerCase() + "\\b");
				}
			}
		}
	}

	private static boolean historic(String migration, String table) {
		return HISTORIC.stream().anyMatch(h -> h.migration().equals(migration) && h.table().equals(table));
	}

	/** Table → the module whose migration creates it; a table created by two modules fails. */
	static Map<String, String> owners() {
		Map<String, String> owners = new TreeMap<>();
		for (Path file : files(MIGRATIONS, ".sql")) {
			Path relative = MIGRATIONS.relativize(file);
			assertThat(relative.getNameCount()).as(relative + " lies in its module's folder").isEqualTo(2);
			String module = relative.getName(0).toString();
			assertThat(SOURCES.resolve(module)).as("module of " + relative).isDirectory();
			Matcher table = CREATE_TABLE.matcher(withoutSqlComments(read(file)));
			while (table.find()) {
				String previous = owners.put(table.group(1).toLowerCase(), module);
				assertThat(previous).as("table " + table.group(1) + " created by two modules").isIn(null, module);
			}
		}
		return owners;
	}

	record Naming(String table, String text) {
	}

	/**
	 * Where SQL names a table: after FROM, JOIN, INTO, UPDATE, TABLE, COPY, TRUNCATE, ANALYZE, REFERENCES, and ON
	 * when an index or trigger follows it (ON before a join condition names an alias). Foreign keys to
	 * {@link #REFERENCEABLE} tables are allowed in migrations.
	 */
	static List<Naming> namings(String sql, Map<String, String> owners, boolean migration) {
		List<Naming> found = new ArrayList<>();
		for (String table : owners.keySet()) {
			Pattern naming = Pattern.compile("(?im)\\b(from|join|into|update|table|copy|truncate|analyze|references"
					+ "|on(?=\\s+(?:only\\s+)?" + table + "\\b\\s*(?:\\(|using|for|referencing|;|$)))\\s+(?:only\\s+)?"
					+ "(?:public\\.)?" + table + "\\b(?!\\s*\\.|-)");
			Matcher m = naming.matcher(sql);
			while (m.find()) {
				if (migration && m.group(1).equalsIgnoreCase("references") && REFERENCEABLE.contains(table)) {
					continue;
				}
				found.add(new Naming(table, m.group().replaceAll("\\s+", " ")));
			}
		}
		return found;
	}

	/** The string literals and text blocks of a Java source, comments left out. */
	static List<String> literals(String java) {
		List<String> literals = new ArrayList<>();
		Matcher m = LITERAL.matcher(withoutJavaComments(java));
		while (m.find()) {
			literals.add(m.group());
		}
		return literals;
	}

	static String withoutJavaComments(String java) {
		// Literals first, so that "//" inside a string (a URL) is kept; comments become blanks.
		Matcher m = Pattern.compile("(?s)\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])'|//[^\\n]*|/\\*.*?\\*/")
			.matcher(java);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			m.appendReplacement(out, Matcher.quoteReplacement(m.group().startsWith("/") ? " " : m.group()));
		}
		m.appendTail(out);
		return out.toString();
	}

	static String withoutSqlComments(String sql) {
		return sql.replaceAll("--[^\\n]*", " ");
	}

	static List<Path> files(Path root, String suffix) {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
