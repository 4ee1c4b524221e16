package io.kizuna.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A file may arrive compressed: gzip ({@code .csv.gz}, by its magic bytes, not its name) is read through the JDK's
 * decompressor; a ZIP archive (also what an Excel workbook is) is refused by name rather than read as garbled CSV.
 */
final class Compression {

	private Compression() {
	}

	static BufferedInputStream uncompressed(BufferedInputStream in) throws IOException {
		in.mark(4);
		byte[] magic = in.readNBytes(4);
		in.reset();
		if (magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
			return new BufferedInputStream(new Damage(new GZIPInputStream(in, 1 << 16)), 1 << 16);
		}
		if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
			throw new FileRefusedException("the file is a ZIP archive (or an Excel workbook), not CSV",
					List.of("file: a CSV file, or a CSV compressed with gzip (.csv.gz); save a sheet as CSV first"));
		}
		return in;
	}

	/** Names a decompression failure (a cut-short or corrupt gzip file) as such, whatever the decompressor said. */
	private static final class Damage extends java.io.FilterInputStream {

		Damage(java.io.InputStream in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			try {
				return super.read();
			}
			catch (IOException ex) {
				throw damaged(ex);
			}
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			try {
				return super.read(buffer, offset, length);
			}
			catch (IOException ex) {
				throw damaged(ex);
			}
		}

		private static java.util.zip.ZipException damaged(IOException ex) {
			return new java.util.zip.ZipException("the gzip file is damaged or cut short (" + ex.getMessage() + ")");
		}
	}
}
