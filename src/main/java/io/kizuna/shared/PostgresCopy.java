package io.kizuna.shared;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/** Bulk writes with PostgreSQL's COPY, in the caller's transaction; rows are formatted as CSV by commons-csv. */
public final class PostgresCopy {

	private PostgresCopy() {
	}

	/**
	 * @param copySql a {@code COPY table (columns) FROM STDIN WITH (FORMAT csv)} statement
	 * @param rows writes the rows; {@code null} values become SQL NULL
	 * @return the number of rows copied
	 */
	public static long copy(DataSource dataSource, String copySql, int expectedRows, Consumer<CsvRows> rows) {
		StringBuilder text = new StringBuilder(Math.max(1024, expectedRows * 256));
		try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.POSTGRESQL_CSV)) {
			rows.accept(values -> {
				try {
					csv.printRecord(values);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql, new StringReader(text.toString()));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY failed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** Receives one row at a time. */
	@FunctionalInterface
	public interface CsvRows {

		void add(Object... values);
	}
}
