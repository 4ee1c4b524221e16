package io.kizuna.knowledge;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Snippets as pieces rather than HTML, so that pages and the API escape them like any other text; passages are
 * joined with an ellipsis.
 */
final class SnippetFormatter extends PassageFormatter {

	static final int OPENING = 160;

	static String opening(String body) {
		if (body == null) {
			return "";
		}
		return body.length() <= OPENING ? body : body.substring(0, OPENING) + "…";
	}

	@Override
	public Object format(Passage[] passages, String content) {
		List<SnippetPiece> pieces = new ArrayList<>();
		int last = -1;
		for (Passage passage : passages) {
			if (last >= 0 && passage.getStartOffset() > last) {
				pieces.add(new SnippetPiece(" … ", false));
			}
			int pos = passage.getStartOffset();
			for (int i = 0; i < passage.getNumMatches(); i++) {
				int start = passage.getMatchStarts()[i];
				int end = passage.getMatchEnds()[i];
				if (start < pos) {
					if (end > pos) {
						append(pieces, content.substring(pos, end), true);
						pos = end;
					}
					continue;
				}
				if (start > pos) {
					append(pieces, content.substring(pos, start), false);
				}
				append(pieces, content.substring(start, end), true);
				pos = end;
			}
			if (pos < passage.getEndOffset()) {
				append(pieces, content.substring(pos, passage.getEndOffset()), false);
			}
			last = passage.getEndOffset();
		}
		return pieces;
	}

	private static void append(List<SnippetPiece> pieces, String text, boolean highlighted) {
		String flat = text.replace('\n', ' ');
		if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).highlighted() == highlighted) {
			SnippetPiece lastPiece = pieces.remove(pieces.size() - 1);
			pieces.add(new SnippetPiece(lastPiece.text() + flat, highlighted));
		}
		else {
			pieces.add(new SnippetPiece(flat, highlighted));
		}
	}
}
