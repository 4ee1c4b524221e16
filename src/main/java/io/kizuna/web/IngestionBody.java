package io.kizuna.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Segment call's body, read once before authentication because SDKs may carry the write key in it (Segment's
 * Java library sends it only there). The body is read as bytes whatever the content type says (SDKs send JSON as
 * application/json, text/plain or application/x-www-form-urlencoded), gzip-decoded, and handed on as a request
 * that replays it without the Content-Encoding header, so nothing downstream parses it as a form or decodes it twice.
 */
final class IngestionBody {

	static final int MAX_BODY = 500 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] WRITE_KEY = "\"writeKey\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	private IngestionBody() {
	}

	/** The decoded body; an IllegalArgumentException says why it cannot be read (too large, not gzip). */
	static byte[] read(HttpServletRequest request) throws IOException {
		boolean gzip = "gzip".equalsIgnoreCase(request.getHeader("Content-Encoding"));
		long declared = request.getContentLengthLong();
		if (!gzip && declared > MAX_BODY) {
			throw new IllegalArgumentException("payload too large: " + declared + " bytes, the limit is " + MAX_BODY);
		}
		try (InputStream in = gzip ? new GZIPInputStream(request.getInputStream()) : request.getInputStream()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 && !gzip ? (int) declared : 8192);
			byte[] buffer = new byte[16 * 1024];
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				if (out.size() > MAX_BODY) {
					throw new IllegalArgumentException("payload too large: more than " + MAX_BODY + " bytes");
				}
			}
			return out.toByteArray();
		}
		catch (java.util.zip.ZipException | java.io.EOFException ex) {
			throw new IllegalArgumentException("body is not valid gzip");
		}
	}

	/**
	 * Every {@code writeKey} the body names: at its top level (a single call, a batch envelope) and at the top
	 * level of each batch event. Bodies that do not contain the text {@code "writeKey"} are not parsed at all; a
	 * body that is not JSON names none (the parser says why later, once a key is known).
	 */
	static List<String> writeKeys(byte[] body) {
		if (indexOfWriteKey(body) < 0) {
			return List.of();
		}
		List<String> keys = new ArrayList<>(1);
		try (JsonParser parser = JSON.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return keys;
			}
			topLevel(parser, keys, true);
		}
		catch (StreamReadException ex) {
			// Not JSON: the Segment parser refuses it with the reason, after authentication.
		}
		return keys;
	}

	private static void topLevel(JsonParser parser, List<String> keys, boolean envelope) {
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("writeKey".equals(name) && value == JsonToken.VALUE_STRING) {
				keys.add(parser.getString());
			}
			else if (envelope && "batch".equals(name) && value == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					topLevel(parser, keys, false);
				}
				if (parser.currentToken() != JsonToken.END_ARRAY) {
					parser.skipChildren();
				}
			}
			else {
				parser.skipChildren();
			}
		}
	}

	/**
	 * Where {@code "writeKey"} first occurs, found by its upper-case K: a JSON body is mostly quotes and lower-case
	 * letters, where a scan for the opening quote stopped at nearly every field.
	 */
	private static int indexOfWriteKey(byte[] body) {
		int anchor = 6;
		for (int start = 0; start + WRITE_KEY.length <= body.length; start++) {
			if (body[start + anchor] == 'K'
					&& java.util.Arrays.equals(body, start, start + WRITE_KEY.length, WRITE_KEY, 0, WRITE_KEY.length)) {
				return start;
			}
		}
		return -1;
	}

	/** The request as the controller sees it: the decoded body, no Content-Encoding, no form parameters. */
	static HttpServletRequest replaying(HttpServletRequest request, byte[] body) {
		return new HttpServletRequestWrapper(request) {

			@Override
			public ServletInputStream getInputStream() {
				ByteArrayInputStream in = new ByteArrayInputStream(body);
				return new ServletInputStream() {

					@Override
					public int read() {
						return in.read();
					}

					@Override
					public int read(byte[] b, int off, int len) {
						return in.read(b, off, len);
					}

					@Override
					public boolean isFinished() {
						return in.available() == 0;
					}

					@Override
					public boolean isReady() {
						return true;
					}

					@Override
					public void setReadListener(ReadListener listener) {
						throw new UnsupportedOperationException();
					}
				};
			}

			@Override
			public long getContentLengthLong() {
				return body.length;
			}

			@Override
			public int getContentLength() {
				return body.length;
			}

			@Override
			public String getHeader(String name) {
				return "Content-Encoding".equalsIgnoreCase(name) ? null : super.getHeader(name);
			}

			@Override
			public Enumeration<String> getHeaders(String name) {
				return "Content-Encoding".equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
			}

			// The body is JSON whatever its content type claims: never a form.
			@Override
			public String getParameter(String name) {
				return null;
			}

			@Override
			public java.util.Map<String, String[]> getParameterMap() {
				return java.util.Map.of();
			}

			@Override
			public Enumeration<String> getParameterNames() {
				return Collections.emptyEnumeration();
			}

			@Override
			public String[] getParameterValues(String name) {
				return null;
			}
		};
	}
}
