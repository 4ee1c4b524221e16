package io.kizuna.support;

/** A ticket filter an agent saved under a name, for themselves or ({@code shared}) for the whole workspace. */
public record SavedView(long id, String name, long ownerUserId, boolean shared, TicketFilter filter) {
}
