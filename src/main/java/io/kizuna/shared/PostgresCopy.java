package io.kizuna.shared;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk writes with PostgreSQL's COPY, in the caller's transaction: rows formatted as CSV by commons-csv, or, where
 * volume matters, in COPY's binary format written straight into a byte buffer.
 */
public final class PostgresCopy {

	private static final int KEEP_BUFFER_BYTES = 4 << 20;

	// Request threads are pooled: each keeps its buffer, so a COPY allocates nothing once warm.
	private static final ThreadLocal<BinaryRows> BUFFERS = ThreadLocal.withInitial(() -> new BinaryRows(64 * 1024));

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

	/**
	 * @param copySql a {@code COPY table (columns) FROM STDIN WITH (FORMAT binary)} statement
	 * @param rows writes the rows, each column in the table's own binary representation
	 * @return the number of rows copied
	 */
	public static long copyBinary(DataSource dataSource, String copySql, Consumer<BinaryRows> rows) {
		BinaryRows buffer = BUFFERS.get();
		buffer.start();
		try {
			rows.accept(buffer);
			buffer.finish();
			Connection connection = DataSourceUtils.getConnection(dataSource);
			try {
				CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
				try {
					copy.writeToCopy(buffer.bytes, 0, buffer.size);
					return copy.endCopy();
				}
				finally {
					if (copy.isActive()) {
						copy.cancelCopy();
					}
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException("COPY failed: " + ex.getMessage(), ex);
			}
			finally {
				DataSourceUtils.releaseConnection(connection, dataSource);
			}
		}
		finally {
			if (buffer.bytes.length > KEEP_BUFFER_BYTES) {
				BUFFERS.remove();
			}
		}
	}

	/** Receives one row at a time. */
	@FunctionalInterface
	public interface CsvRows {

		void add(Object... values);
	}

	/**
	 * Rows in COPY's binary format (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4): every
	 * field is its length and its bytes, so nothing is quoted or escaped and strings are encoded in place.
	 */
	public static final class BinaryRows {

		private static final byte[] SIGNATURE = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0 };

		// 2000-01-01T00:00:00Z, PostgreSQL's epoch, in microseconds since the Unix epoch.
		private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

		private byte[] bytes;

		private int size;

		BinaryRows(int capacity) {
			bytes = new byte[capacity];
		}

		void start() {
			size = 0;
			raw(SIGNATURE, 0, SIGNATURE.length);
			int32(0);
			int32(0);
		}

		void finish() {
			int16(-1);
		}

		/** Begins a row of the given number of fields. */
		public BinaryRows row(int fields) {
			int16(fields);
			return this;
		}

		public BinaryRows nul() {
			int32(-1);
			return this;
		}

		public BinaryRows int8(Long value) {
			return value == null ? nul() : int8(value.longValue());
		}

		public BinaryRows int8(long value) {
			ensure(12);
			int32(8);
			int32((int) (value >>> 32));
			int32((int) value);
			return this;
		}

		/** A timestamptz, rounded to the microsecond half to even as PostgreSQL rounds its text input. */
		public BinaryRows timestamptz(Instant value) {
			if (value == null) {
				return nul();
			}
			long micros = Math.multiplyExact(value.getEpochSecond(), 1_000_000L) + value.getNano() / 1000;
			int rest = value.getNano() % 1000;
			if (rest > 500 || rest == 500 && (micros & 1) == 1) {
				micros++;
			}
			return int8(micros - POSTGRES_EPOCH_MICROS);
		}

		/** text, varchar: UTF-8, with lone surrogates as '?' as String.getBytes writes them. */
		public BinaryRows text(String value) {
			if (value == null) {
				return nul();
			}
			int n = value.length();
			ensure(4 + n * 3);
			int lengthAt = size;
			size += 4;
			for (int i = 0; i < n; i++) {
				char c = value.charAt(i);
				if (c < 0x80) {
					bytes[size++] = (byte) c;
				}
				else if (c < 0x800) {
					bytes[size++] = (byte) (0xC0 | c >> 6);
					bytes[size++] = (byte) (0x80 | c & 0x3F);
				}
				else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
					int cp = Character.toCodePoint(c, value.charAt(++i));
					bytes[size++] = (byte) (0xF0 | cp >> 18);
					bytes[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
					bytes[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
					bytes[size++] = (byte) (0x80 | cp & 0x3F);
				}
				else if (Character.isSurrogate(c)) {
					bytes[size++] = '?';
				}
				else {
					bytes[size++] = (byte) (0xE0 | c >> 12);
					bytes[size++] = (byte) (0x80 | c >> 6 & 0x3F);
					bytes[size++] = (byte) (0x80 | c & 0x3F);
				}
			}
			patch(lengthAt, size - lengthAt - 4);
			return this;
		}

		/** jsonb from JSON text that is already well-formed UTF-8: version 1, then the text as it is. */
		public BinaryRows jsonb(byte[] utf8, int offset, int length) {
			if (utf8 == null) {
				return nul();
			}
			ensure(5 + length);
			int32(length + 1);
			bytes[size++] = 1;
			raw(utf8, offset, length);
			return this;
		}

		private void raw(byte[] from, int offset, int length) {
			ensure(length);
			System.arraycopy(from, offset, bytes, size, length);
			size += length;
		}

		private void int16(int value) {
			ensure(2);
			bytes[size++] = (byte) (value >>> 8);
			bytes[size++] = (byte) value;
		}

		private void int32(int value) {
			ensure(4);
			patch(size, value);
			size += 4;
		}

		private void patch(int at, int value) {
			bytes[at] = (byte) (value >>> 24);
			bytes[at + 1] = (byte) (value >>> 16);
			bytes[at + 2] = (byte) (value >>> 8);
			bytes[at + 3] = (byte) value;
		}

		private void ensure(int more) {
			if (size + more > bytes.length) {
				bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
			}
		}
	}
}
