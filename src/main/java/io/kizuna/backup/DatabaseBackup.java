package io.kizuna.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * A logical backup of every Kizuna table, taken with COPY inside one REPEATABLE READ transaction (one consistent
 * snapshot while Kizuna keeps running), written as a zip archive: a manifest (schema version, tables, columns, row
 * counts, SHA-256 of each table's data, sequence values, event partitions) and one COPY text file per table.
 * Restore loads it into a database migrated to the same schema version, replacing what is there, in one
 * transaction: all of it or nothing. Works with the embedded server and any external PostgreSQL ≥ 14 alike, since
 * it needs nothing but a JDBC connection (ADR 0014).
 */
public final class DatabaseBackup {

	static final String FORMAT = "kizuna-backup-1";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DataSource dataSource;

	public DatabaseBackup(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	record Table(String name, List<String> columns, long rows, String sha256) {
	}

	record Partition(String name, String parent, String bound) {
	}

	record Manifest(String format, String schemaVersion, String createdAt, List<Table> tables,
			Map<String, Long> sequences, List<Partition> partitions) {
	}

	public BackupSummary backup(Path file) {
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		try (Connection db = dataSource.getConnection()) {
			db.setAutoCommit(false);
			try (Statement snapshot = db.createStatement()) {
				snapshot.execute("set transaction isolation level repeatable read, read only");
			}
			String version = schemaVersion(db);
			CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
			List<Table> tables = new ArrayList<>();
			try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
				for (String table : tables(db)) {
					List<String> columns = columns(db, table);
					zip.putNextEntry(new ZipEntry("data/" + table + ".copy"));
					MessageDigest digest = sha256();
					// COPY (SELECT …) also reads a partitioned table through its partitions.
					long rows = copy.copyOut("copy (select " + String.join(", ", quoted(columns)) + " from "
							+ quote(table) + ") to stdout", new DigestOutputStream(unclosable(zip), digest));
					zip.closeEntry();
					tables.add(new Table(table, columns, rows, HexFormat.of().formatHex(digest.digest())));
				}
				Manifest manifest = new Manifest(FORMAT, version, Instant.now().toString(), tables, sequences(db),
						partitions(db));
				zip.putNextEntry(new ZipEntry("manifest.json"));
				zip.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
				zip.closeEntry();
				db.commit();
				Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				return summary(manifest);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("backup failed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("backup failed: " + ex.getMessage(), ex);
		}
		finally {
			try {
				Files.deleteIfExists(partial);
			}
			catch (IOException ignored) {
				// only a leftover temporary file
			}
		}
	}

	/**
	 * @param replace whether data already in the database may be replaced; without it a database that holds
	 * accounts or more than the first workspace is refused
	 */
	public BackupSummary restore(Path file, boolean replace) {
		try (ZipFile zip = new ZipFile(file.toFile()); Connection db = dataSource.getConnection()) {
			ZipEntry manifestEntry = zip.getEntry("manifest.json");
			if (manifestEntry == null) {
				throw new BackupRefusedException(file + " is not a Kizuna backup (no manifest)");
			}
			Manifest manifest;
			try (InputStream in = zip.getInputStream(manifestEntry)) {
				manifest = json.readValue(in, Manifest.class);
			}
			if (!FORMAT.equals(manifest.format())) {
				throw new BackupRefusedException("unknown backup format " + manifest.format());
			}
			db.setAutoCommit(false);
			String version = schemaVersion(db);
			if (!version.equals(manifest.schemaVersion())) {
				throw new BackupRefusedException("the backup has schema version " + manifest.schemaVersion()
						+ ", this database " + version + "; restore with the Kizuna version that made the backup");
			}
			List<String> present = tables(db);
			for (Table table : manifest.tables()) {
				if (!present.contains(table.name()) || !columns(db, table.name()).equals(table.columns())) {
					throw new BackupRefusedException("table " + table.name() + " differs from the backup's");
				}
			}
			if (!replace && holdsData(db)) {
				throw new BackupRefusedException("the database already holds data; restore with --replace to replace it");
			}
			try (Statement statement = db.createStatement()) {
				// unlogged tables (staging, presence) are not backed up, but they may reference the restored ones
				List<String> emptied = new ArrayList<>(present);
				emptied.addAll(unlogged(db));
				statement.execute("truncate " + String.join(", ", quoted(emptied)) + " restart identity");
				for (Partition partition : manifest.partitions()) {
					statement.execute("create table if not exists " + quote(partition.name()) + " partition of "
							+ quote(partition.parent()) + " " + partition.bound());
				}
				// Foreign keys are dropped for the load and added again at the end, which checks every row: tables
				// can then load in any order, a table that refers to itself (account parents) included.
				List<String[]> foreignKeys = foreignKeys(db);
				for (String[] key : foreignKeys) {
					statement.execute("alter table " + quote(key[0]) + " drop constraint " + quote(key[1]));
				}
				// The backup holds what triggers derive (the revenue read model's pending changes): restore rows as
				// they were, without deriving them again.
				for (String table : present) {
					statement.execute("alter table " + quote(table) + " disable trigger user");
				}
				CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
				for (Table table : manifest.tables()) {
					ZipEntry entry = zip.getEntry("data/" + table.name() + ".copy");
					if (entry == null) {
						throw new BackupRefusedException("the backup lacks the data of " + table.name());
					}
					MessageDigest digest = sha256();
					long rows;
					try (InputStream in = new DigestInputStream(zip.getInputStream(entry), digest)) {
						rows = copy.copyIn("copy " + quote(table.name()) + " (" + String.join(", ", quoted(table.columns()))
								+ ") from stdin", in);
					}
					if (rows != table.rows() || !HexFormat.of().formatHex(digest.digest()).equals(table.sha256())) {
						throw new BackupRefusedException("the data of " + table.name() + " is damaged (rows or checksum)");
					}
				}
				for (String[] key : foreignKeys) {
					statement.execute("alter table " + quote(key[0]) + " add constraint " + quote(key[1]) + " " + key[2]);
				}
				for (String table : present) {
					statement.execute("alter table " + quote(table) + " enable trigger user");
				}
				try (PreparedStatement setval = db.prepareStatement("select setval(?::regclass, ?, true)")) {
					for (Map.Entry<String, Long> sequence : manifest.sequences().entrySet()) {
						if (sequence.getValue() != null) {
							setval.setString(1, quote(sequence.getKey()));
							setval.setLong(2, sequence.getValue());
							setval.execute();
						}
					}
				}
			}
			db.commit();
			try (Statement analyze = db.createStatement()) {
				db.setAutoCommit(true);
				analyze.execute("analyze");
			}
			return summary(manifest);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("restore failed, nothing was changed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("restore failed, nothing was changed: " + ex.getMessage(), ex);
		}
	}

	/** The tables of the backup, read from its manifest (for checks without a database). */
	public static BackupSummary inspect(Path file) {
		try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry("manifest.json"))) {
			return summary(json.readValue(in, Manifest.class));
		}
		catch (IOException | NullPointerException ex) {
			throw new BackupRefusedException(file + " is not a Kizuna backup");
		}
	}

	private static BackupSummary summary(Manifest manifest) {
		Map<String, Long> rows = new LinkedHashMap<>();
		manifest.tables().forEach(table -> rows.put(table.name(), table.rows()));
		return new BackupSummary(manifest.schemaVersion(), manifest.createdAt(), rows);
	}

	private static String schemaVersion(Connection db) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(
				"select version from flyway_schema_history where success and version is not null "
						+ "order by installed_rank desc limit 1")) {
			if (!rs.next()) {
				throw new BackupRefusedException("the database has no Kizuna schema");
			}
			return rs.getString(1);
		}
	}

	/** Kizuna's tables: ordinary and partitioned ones (not their partitions), not unlogged staging, not Flyway's. */
	private static List<String> tables(Connection db) throws SQLException {
		return strings(db, """
				select c.relname from pg_class c
				where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
				  and c.relpersistence = 'p' and c.relname <> 'flyway_schema_history'
				order by c.relname""");
	}

	/** The unlogged tables: what is only ever transient (staging, who is viewing a ticket), emptied by a restore. */
	private static List<String> unlogged(Connection db) throws SQLException {
		return strings(db, """
				select c.relname from pg_class c
				where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
				  and c.relpersistence = 'u'
				order by c.relname""");
	}

	private static List<String> columns(Connection db, String table) throws SQLException {
		try (PreparedStatement statement = db.prepareStatement("""
				select a.attname from pg_attribute a
				where a.attrelid = (select oid from pg_class where relname = ? and relnamespace = current_schema()::regnamespace)
				  and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
				order by a.attnum""")) {
			statement.setString(1, table);
			List<String> columns = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					columns.add(rs.getString(1));
				}
			}
			return columns;
		}
	}

	private static Map<String, Long> sequences(Connection db) throws SQLException {
		Map<String, Long> sequences = new LinkedHashMap<>();
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(
				"select sequencename, last_value, min_value from pg_sequences where schemaname = current_schema() order by 1")) {
			while (rs.next()) {
				long value = rs.getLong(2);
				// A sequence never drawn from reads as no value (0 on the embedded server): restore leaves it at its start.
				boolean drawn = !rs.wasNull() && value >= rs.getLong(3);
				sequences.put(rs.getString(1), drawn ? value : null);
			}
		}
		return sequences;
	}

	private static List<Partition> partitions(Connection db) throws SQLException {
		List<Partition> partitions = new ArrayList<>();
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
				select c.relname, p.relname, pg_get_expr(c.relpartbound, c.oid)
				from pg_class c join pg_inherits i on i.inhrelid = c.oid join pg_class p on p.oid = i.inhparent
				where c.relispartition and c.relkind in ('r', 'p') and c.relnamespace = current_schema()::regnamespace
				order by 1""")) {
			while (rs.next()) {
				partitions.add(new Partition(rs.getString(1), rs.getString(2), rs.getString(3)));
			}
		}
		return partitions;
	}

	/** Table, name and definition of every foreign key declared on a table (not the copies on partitions). */
	private static List<String[]> foreignKeys(Connection db) throws SQLException {
		List<String[]> keys = new ArrayList<>();
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery("""
				select t.relname, k.conname, pg_get_constraintdef(k.oid)
				from pg_constraint k join pg_class t on t.oid = k.conrelid
				where k.contype = 'f' and k.conparentid = 0 and t.relnamespace = current_schema()::regnamespace
				order by 1, 2""")) {
			while (rs.next()) {
				keys.add(new String[] { rs.getString(1), rs.getString(2), rs.getString(3) });
			}
		}
		return keys;
	}

	private static boolean holdsData(Connection db) throws SQLException {
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(
				"select exists (select 1 from account) or (select count(*) from workspace) > 1")) {
			rs.next();
			return rs.getBoolean(1);
		}
	}

	private static List<String> strings(Connection db, String sql) throws SQLException {
		List<String> result = new ArrayList<>();
		try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				result.add(rs.getString(1));
			}
		}
		return result;
	}

	private static List<String> quoted(List<String> names) {
		return names.stream().map(DatabaseBackup::quote).toList();
	}

	static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** COPY closes the stream it writes to; the zip must stay open for the next entry. */
	private static OutputStream unclosable(OutputStream out) {
		return new java.io.FilterOutputStream(out) {

			@Override
			public void write(byte[] b, int off, int len) throws IOException {
				out.write(b, off, len);
			}

			@Override
			public void close() throws IOException {
				flush();
			}
		};
	}
}
