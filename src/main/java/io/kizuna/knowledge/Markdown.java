package io.kizuna.knowledge;

import java.util.List;

import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Articles are Markdown (CommonMark with GFM tables); the HTML made of them passes jsoup's allow-list, so raw HTML,
 * {@code <script>}, {@code javascript:} links and SVG never reach a page. Images keep only http(s) sources and get no
 * size of their own (the page's CSS bounds them).
 */
final class Markdown {

	private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());

	private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();

	private static final TextContentRenderer TEXT = TextContentRenderer.builder().extensions(EXTENSIONS).build();

	private static final Safelist SAFE = Safelist.relaxed()
		.removeAttributes("img", "width", "height")
		.addAttributes("a", "rel")
		.removeProtocols("img", "src", "http")
		.addProtocols("img", "src", "http", "https");

	private Markdown() {
	}

	static String html(String markdown) {
		String raw = RENDERER.render(PARSER.parse(markdown == null ? "" : markdown));
		Document.OutputSettings settings = new Document.OutputSettings().prettyPrint(false);
		return Jsoup.clean(raw, "", SAFE, settings);
	}

	/** What the index reads of a body: its text without markup. */
	static String plainText(String markdown) {
		Document doc = Jsoup.parse(html(markdown));
		doc.select("p, li, h1, h2, h3, h4, h5, h6, td, th, pre, blockquote").append("\n");
		return doc.wholeText().replaceAll("[ \\t]*\\n\\s*", "\n").strip();
	}

	/**
	 * The article as text for a reply by mail: list markers and link addresses kept (commonmark's text renderer), raw
	 * HTML dropped, so nothing of a script or a tag reaches the customer's mail.
	 */
	static String replyText(String markdown) {
		Node document = PARSER.parse(markdown == null ? "" : markdown);
		List<Node> html = new java.util.ArrayList<>();
		document.accept(new AbstractVisitor() {
			@Override
			public void visit(HtmlBlock block) {
				html.add(block);
			}

			@Override
			public void visit(HtmlInline inline) {
				html.add(inline);
			}
		});
		html.forEach(Node::unlink);
		return TEXT.render(document).strip();
	}

	/** A description for search engines: the first words of the text. */
	static String summary(String markdown, int length) {
		String text = plainText(markdown).replace('\n', ' ');
		return text.length() <= length ? text : text.substring(0, length - 1) + "…";
	}
}
