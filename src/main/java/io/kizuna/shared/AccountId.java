package io.kizuna.shared;

/** An account's internal id, as events and facades pass it between modules (the external id is for people and APIs). */
public record AccountId(long value) {
}
