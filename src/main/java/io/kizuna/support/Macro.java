package io.kizuna.support;

/**
 * A canned response in one language; its body is a Mustache template over {@code requester.name},
 * {@code requester.email}, {@code ticket.id}, {@code ticket.subject}, {@code agent.name} and {@code account.name}.
 * {@code setStatus} is the status a reply with it leaves the ticket in (null: the agent's choice).
 */
public record Macro(long id, String name, String language, String body, String setStatus) {
}
