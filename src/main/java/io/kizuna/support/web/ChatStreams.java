package io.kizuna.support.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.kizuna.shared.WorkspaceId;
import io.kizuna.support.ChatLine;
import io.kizuna.support.PublicChannels;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The chat's server-sent events on this node (ADR 0120): every open stream is looked at every 500 ms against
 * PostgreSQL, so a line written on any node reaches the visitor within a second, with no broker; a comment every
 * 15 s keeps proxies from closing an idle stream; a stream lasts 5 minutes, then the widget reconnects from the last
 * line it has.
 */
@Component
class ChatStreams {

	private static final Logger log = LoggerFactory.getLogger(ChatStreams.class);

	static final int MAX_STREAMS = 5000;

	static final long TIMEOUT_MS = 5 * 60 * 1000L;

	private final PublicChannels channels;

	private final Map<SseEmitter, Stream> streams = new ConcurrentHashMap<>();

	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "support-chat-streams");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicLong ticks = new AtomicLong();

	ChatStreams(PublicChannels channels) {
		this.channels = channels;
		poller.scheduleWithFixedDelay(this::poll, 500, 500, TimeUnit.MILLISECONDS);
	}

	private record Stream(WorkspaceId workspace, long ticketId, AtomicLong after) {
	}

	/** A stream of the conversation's lines after {@code after} (the caller has checked the visitor's token). */
	SseEmitter open(WorkspaceId workspace, long ticketId, long after) {
		if (streams.size() >= MAX_STREAMS) {
			throw new IllegalStateException("too many chat streams on this node");
		}
		SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
		streams.put(emitter, new Stream(workspace, ticketId, new AtomicLong(Math.max(0, after))));
		emitter.onCompletion(() -> streams.remove(emitter));
		emitter.onTimeout(() -> streams.remove(emitter));
		emitter.onError(error -> streams.remove(emitter));
		try {
			emitter.send(SseEmitter.event().comment("open"));
		}
		catch (IOException ex) {
			streams.remove(emitter);
		}
		return emitter;
	}

	private void poll() {
		boolean heartbeat = ticks.incrementAndGet() % 30 == 0;
		for (Map.Entry<SseEmitter, Stream> entry : streams.entrySet()) {
			Stream stream = entry.getValue();
			try {
				List<ChatLine> lines = channels.agentLines(stream.workspace(), stream.ticketId(), stream.after().get());
				for (ChatLine line : lines) {
					entry.getKey().send(SseEmitter.event().id(Long.toString(line.id())).name("line")
						.data(ChatController.json(line), MediaType.APPLICATION_JSON));
					stream.after().set(line.id());
				}
				if (heartbeat && lines.isEmpty()) {
					entry.getKey().send(SseEmitter.event().comment("still here"));
				}
			}
			catch (IOException | IllegalStateException ex) {
				streams.remove(entry.getKey());
			}
			catch (RuntimeException ex) {
				log.debug("chat stream of ticket {} ended: {}", stream.ticketId(), ex.getClass().getSimpleName());
				streams.remove(entry.getKey());
				entry.getKey().completeWithError(ex);
			}
		}
	}

	@PreDestroy
	void stop() {
		poller.shutdownNow();
		streams.keySet().forEach(SseEmitter::complete);
	}
}
