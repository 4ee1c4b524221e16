package io.kizuna.usage.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.UsageIngestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Segment HTTP Tracking API, so that Segment and RudderStack SDKs work when pointed at Kizuna. The answer
 * {@code {"success":true}} is sent only after the call's transaction has committed.
 */
@RestController
@Tag(name = "Ingestion (Segment HTTP API)", description = "Segment's HTTP Tracking API, for Segment and RudderStack "
		+ "SDKs or curl: identify, track, page, screen, group, alias and batch; each path also with a trailing slash")
class SegmentController {

	private static final int MAX_BODY = 500 * 1024;

	private static final String SEGMENT_BATCH_EXAMPLE = """
			{"batch": [
			  {"type": "identify", "userId": "u-1", "traits": {"email": "hanako@example.jp", "name": "佐藤 花子"}},
			  {"type": "group", "userId": "u-1", "groupId": "acme", "traits": {"name": "株式会社アクメ"}},
			  {"type": "track", "userId": "u-1", "event": "Report Created", "properties": {"rows": 12},
			   "messageId": "m-1", "timestamp": "2026-12-01T09:00:00+09:00"}
			]}""";

	private final UsageIngestion ingestion;

	SegmentController(UsageIngestion ingestion) {
		this.ingestion = ingestion;
	}

	@Operation(summary = "identify, track, page, screen, group, alias or batch, as the Segment HTTP API specifies",
			description = "The body is read as JSON whatever its Content-Type (application/json, text/plain or "
					+ "application/x-www-form-urlencoded), gzipped or not; 32 KB per event, 500 KB per call. 200 means "
					+ "the call is committed; any invalid event refuses the whole call with a 400 naming it.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(type = "object", description = "One call, or {\"batch\": [calls]}"),
							examples = @ExampleObject(name = "batch", summary = "identify, group and track in one batch",
									value = SEGMENT_BATCH_EXAMPLE))))
	// The short paths are analytics.js's (/v1/t, /v1/b …); Segment's Java library posts to /v1/import/. Any content
	// type: SDKs send the same JSON as application/json, text/plain (browsers, to skip a preflight) or
	// application/x-www-form-urlencoded (RudderStack's Node SDK).
	@PostMapping(path = { "/v1/{call:identify|track|page|screen|group|alias|batch|import|i|t|p|s|g|a|b}",
			"/v1/{call:identify|track|page|screen|group|alias|batch|import|i|t|p|s|g|a|b}/" },
			produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> ingest(@AuthenticationPrincipal WorkspaceId workspace, @PathVariable String call,
			HttpServletRequest request, org.springframework.security.core.Authentication authentication)
			throws IOException {
		Long keyId = authentication.getDetails() instanceof Long id ? id : null;
		ingestion.ingestSegment(workspace, keyId, ENDPOINTS.get(call), body(request));
		return Map.of("success", true);
	}

	private static final Map<String, String> ENDPOINTS = Map.ofEntries(Map.entry("identify", "identify"),
			Map.entry("track", "track"), Map.entry("page", "page"), Map.entry("screen", "screen"),
			Map.entry("group", "group"), Map.entry("alias", "alias"), Map.entry("batch", "batch"),
			Map.entry("import", "batch"), Map.entry("i", "identify"), Map.entry("t", "track"), Map.entry("p", "page"),
			Map.entry("s", "screen"), Map.entry("g", "group"), Map.entry("a", "alias"), Map.entry("b", "batch"));

	/** Reads at most the batch limit (after gzip decoding), so an oversize body costs no more than that. */
	private static byte[] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY && !gzip(request)) {
			throw new InvalidInputException("payload too large: " + request.getContentLengthLong()
					+ " bytes, the limit is " + MAX_BODY);
		}
		long length = request.getContentLengthLong();
		if (!gzip(request) && length >= 0) {
			// The usual case: the declared length, read into one array of that size (the container stops there).
			byte[] body = new byte[(int) length];
			int read = request.getInputStream().readNBytes(body, 0, body.length);
			return read == body.length ? body : Arrays.copyOf(body, read);
		}
		try (InputStream in = gzip(request) ? new GZIPInputStream(request.getInputStream()) : request.getInputStream()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, (int) Math.min(MAX_BODY, request.getContentLengthLong())));
			byte[] buffer = new byte[16 * 1024];
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				if (out.size() > MAX_BODY) {
					throw new InvalidInputException("payload too large: more than " + MAX_BODY + " bytes");
				}
			}
			return out.toByteArray();
		}
		catch (java.util.zip.ZipException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "body is not valid gzip");
		}
	}

	private static boolean gzip(HttpServletRequest request) {
		return "gzip".equalsIgnoreCase(request.getHeader("Content-Encoding"));
	}
}
