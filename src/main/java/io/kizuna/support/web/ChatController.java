package io.kizuna.support.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.support.ArticleSuggestions;
import io.kizuna.support.ChatLine;
import io.kizuna.support.ChatStarted;
import io.kizuna.support.PublicChannels;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat widget and its API, {@code /chat/{workspace}/...}: the script one tag embeds, opening a conversation, the
 * visitor's lines, and a server-sent-event stream of the conversation. A conversation is reached with its workspace,
 * its number and the visitor's token ({@code Authorization: Bearer}); anything else is 404, as if it did not exist.
 */
@RestController
class ChatController {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final PublicChannels channels;

	private final WorkspaceManagement workspaces;

	private final ChatStreams streams;

	private final byte[] widget;

	ChatController(PublicChannels channels, WorkspaceManagement workspaces, ChatStreams streams) throws IOException {
		this.channels = channels;
		this.workspaces = workspaces;
		this.streams = streams;
		try (InputStream in = new ClassPathResource("support/chat-widget.js").getInputStream()) {
			this.widget = in.readAllBytes();
		}
	}

	record Opening(String name, String email, String message, String session, String visitor) {
	}

	record Said(String text) {
	}

	static Map<String, Object> map(ChatLine line) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("id", line.id());
		map.put("from", line.from());
		map.put("name", line.name());
		map.put("text", line.text());
		map.put("at", line.at().toString());
		return map;
	}

	static String json(ChatLine line) {
		return JSON.writeValueAsString(map(line));
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound() {
		return problem(HttpStatus.NOT_FOUND, "Not found", List.of());
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidInputException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.errors());
	}

	@ExceptionHandler({ org.springframework.http.converter.HttpMessageNotReadableException.class,
			IllegalArgumentException.class })
	ResponseEntity<ProblemDetail> unreadable() {
		return problem(HttpStatus.BAD_REQUEST, "The request is not valid JSON of the expected shape.", List.of("request"));
	}

	@ExceptionHandler(IllegalStateException.class)
	ResponseEntity<ProblemDetail> busy() {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, "The chat is busy; try again shortly.", List.of("busy"));
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, List<String> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("errors", errors);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private Workspace chat(String slug) {
		Workspace workspace = workspaces.findBySlug(slug).orElseThrow(() -> new NotFoundException("no chat"));
		if (!channels.settings(workspace.id()).chatEnabled()) {
			throw new NotFoundException("no chat");
		}
		return workspace;
	}

	/** The widget: one static script for every workspace (it reads its workspace from its own address). */
	@GetMapping(path = "/chat/{workspace}/widget.js")
	ResponseEntity<byte[]> widget(@PathVariable("workspace") String slug) {
		chat(slug);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
			.cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
			.header("Cross-Origin-Resource-Policy", "cross-origin")
			.body(widget);
	}

	/** Opens a conversation; only from a page of an origin the workspace lists. */
	@PostMapping(path = "/chat/{workspace}/conversations", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> open(@PathVariable("workspace") String slug, @RequestBody Opening opening,
			HttpServletRequest request) {
		Workspace workspace = chat(slug);
		String origin = request.getHeader("Origin");
		if (!channels.chatAllows(workspace.id(), origin)) {
			throw new NotFoundException("no chat for this site");
		}
		ChatStarted started = channels.startChat(workspace.id(), origin, opening.name(), opening.email(),
				opening.message(), opening.session(), opening.visitor());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("conversation", started.ticketId());
		body.put("token", started.token());
		body.put("lines", channels.agentLines(workspace.id(), started.ticketId(), 0).stream().map(ChatController::map)
			.toList());
		return ResponseEntity.status(HttpStatus.CREATED).body(body);
	}

	/**
	 * Help articles for what the visitor is typing, before a conversation exists; only for a page of an origin the
	 * workspace lists. The search is logged with the widget's visit id, so a visitor who reads an article and never
	 * opens the chat counts as deflected.
	 */
	@GetMapping(path = "/chat/{workspace}/suggestions", produces = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> suggestions(@PathVariable("workspace") String slug, @RequestParam(defaultValue = "") String q,
			@RequestParam(required = false) String session, HttpServletRequest request) {
		Workspace workspace = chat(slug);
		if (!channels.chatAllows(workspace.id(), request.getHeader("Origin"))) {
			throw new NotFoundException("no chat for this site");
		}
		String text = q.length() > 200 ? q.substring(0, 200) : q;
		ArticleSuggestions.Suggestions found = text.strip().length() < 2 ? ArticleSuggestions.Suggestions.none()
				: channels.suggest(workspace.id(), text, true, session, 3);
		String base = UriComponentsBuilder.fromUriString(request.getRequestURL().toString()).replacePath(null)
			.replaceQuery(null).build().toUriString();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("articles", found.articles().stream().map(article -> {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("title", article.title());
			one.put("snippet", article.snippet());
			one.put("url", base + article.publicPath() + (found.searchId() == 0 ? "" : "&from=" + found.searchId()));
			return one;
		}).toList());
		return body;
	}

	@PostMapping(path = "/chat/{workspace}/conversations/{id}/messages", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> say(@PathVariable("workspace") String slug, @PathVariable String id,
			@RequestHeader(name = "Authorization", required = false) String authorization, @RequestBody Said said,
			HttpServletRequest request) {
		Workspace workspace = chat(slug);
		ChatLine line = channels.visitorSays(workspace.id(), number(id), token(authorization), said.text());
		return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(json(line));
	}

	@GetMapping(path = "/chat/{workspace}/conversations/{id}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
	String lines(@PathVariable("workspace") String slug, @PathVariable String id,
			@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestParam(defaultValue = "0") long after) {
		Workspace workspace = chat(slug);
		return "[" + String.join(",", channels.visitorLines(workspace.id(), number(id), token(authorization), after)
			.stream().map(ChatController::json).toList()) + "]";
	}

	@GetMapping(path = "/chat/{workspace}/conversations/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(@PathVariable("workspace") String slug, @PathVariable String id,
			@RequestHeader(name = "Authorization", required = false) String authorization,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEvent,
			@RequestParam(defaultValue = "0") long after) {
		Workspace workspace = chat(slug);
		long ticket = number(id);
		channels.visitorLines(workspace.id(), ticket, token(authorization), 0);
		long from = lastEvent != null && lastEvent.matches("\\d{1,18}") ? Long.parseLong(lastEvent) : after;
		return streams.open(workspace.id(), ticket, from);
	}


	private static long number(String id) {
		if (id == null || !id.matches("\\d{1,18}")) {
			throw new NotFoundException("no conversation");
		}
		return Long.parseLong(id);
	}

	private static String token(String authorization) {
		return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : null;
	}
}
