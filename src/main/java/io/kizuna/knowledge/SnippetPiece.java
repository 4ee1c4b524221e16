package io.kizuna.knowledge;

/** A piece of a search snippet: text, and whether it matched the query (shown highlighted, always escaped). */
public record SnippetPiece(String text, boolean highlighted) {
}
