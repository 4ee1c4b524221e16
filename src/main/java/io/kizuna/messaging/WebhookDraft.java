package io.kizuna.messaging;

import java.util.List;

/** A subscription to create: a name, the URL, {@code webhook} or {@code slack}, and the event types. */
public record WebhookDraft(String name, String url, String kind, List<String> events) {
}
