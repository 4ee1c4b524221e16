package io.kizuna.support.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Safelist;

/**
 * Inbound HTML made safe to show (ADR 0093): jsoup's allow-list (no scripts, event handlers, forms, frames, styles
 * sheets; links only http, https and mailto; images only http and https, so no {@code javascript:} or {@code data:}
 * URLs), links opening apart without a referrer, and remote images replaced by their alternative text until the agent
 * asks for them. The result is shown in a sandboxed frame under the ticket page's CSP as a second wall.
 */
public final class SafeHtml {

	private static final Safelist ALLOWED = Safelist.relaxed()
		.removeTags("img")
		.addTags("img", "font", "center", "hr", "s", "del", "ins")
		.addAttributes("img", "src", "alt", "width", "height", "title")
		.addAttributes("font", "color", "size")
		.addAttributes(":all", "dir", "lang")
		.addProtocols("img", "src", "http", "https")
		.addProtocols("a", "href", "http", "https", "mailto")
		.addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
		.addEnforcedAttribute("a", "target", "_blank");

	private SafeHtml() {
	}

	/** The sanitised HTML; with {@code images} false, each remote image becomes its alternative text in brackets. */
	public static Result clean(String html, boolean images) {
		if (html == null || html.isBlank()) {
			return new Result("", 0);
		}
		String cleaned = Jsoup.clean(html, "https://invalid.invalid/", ALLOWED,
				new Document.OutputSettings().prettyPrint(false));
		Document doc = Jsoup.parseBodyFragment(cleaned);
		int blocked = 0;
		for (Element img : doc.select("img")) {
			String src = img.attr("src");
			if (src.startsWith("https://invalid.invalid/") || src.isBlank()) {
				img.remove();
				continue;
			}
			if (!images) {
				blocked++;
				String alt = img.attr("alt");
				img.replaceWith(new org.jsoup.nodes.TextNode(alt.isBlank() ? "[image]" : "[" + alt + "]"));
			}
		}
		for (Element a : doc.select("a[href^=https://invalid.invalid/]")) {
			a.removeAttr("href");
		}
		doc.outputSettings().prettyPrint(false);
		return new Result(doc.body().html(), blocked);
	}

	/** The safe HTML and how many remote images it held back. */
	public record Result(String html, int blockedImages) {
	}
}
