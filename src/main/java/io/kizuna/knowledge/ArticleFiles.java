package io.kizuna.knowledge;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.kizuna.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Articles from files (ADR 0100): a Markdown file (the first {@code # heading} is the title), an HTML file (its
 * {@code <title>} or first {@code <h1>}; the body kept as sanitised HTML, which Markdown carries), or a CSV with the
 * columns title, body and category (a header row; category optional).
 */
final class ArticleFiles {

	static final int MAX_ROWS = 5_000;

	record Imported(String title, String body, String category) {
	}

	private ArticleFiles() {
	}

	static List<Imported> read(String filename, String content) {
		String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
		if (name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".txt")) {
			return List.of(markdown(filename, content));
		}
		if (name.endsWith(".html") || name.endsWith(".htm")) {
			return List.of(html(filename, content));
		}
		if (name.endsWith(".csv")) {
			return csv(content);
		}
		throw new InvalidInputException("file: Markdown (.md), HTML (.html) or CSV (.csv) — not " + filename);
	}

	private static String stem(String filename) {
		String base = filename.replaceAll(".*[/\\\\]", "");
		int dot = base.lastIndexOf('.');
		return dot > 0 ? base.substring(0, dot) : base;
	}

	static Imported markdown(String filename, String content) {
		String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
		List<String> lines = new ArrayList<>(text.lines().toList());
		String title = stem(filename);
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).startsWith("# ")) {
				title = lines.get(i).substring(2).strip();
				lines.remove(i);
				break;
			}
			if (!lines.get(i).isBlank()) {
				break;
			}
		}
		return new Imported(title, String.join("\n", lines).strip(), null);
	}

	static Imported html(String filename, String content) {
		Document doc = Jsoup.parse(content);
		String title = doc.title();
		if (title.isBlank() && doc.selectFirst("h1") != null) {
			title = doc.selectFirst("h1").text();
			doc.selectFirst("h1").remove();
		}
		if (title.isBlank()) {
			title = stem(filename);
		}
		String body = Jsoup.clean(doc.body().html(), Safelist.relaxed());
		return new Imported(title, body, null);
	}

	static List<Imported> csv(String content) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true)
			.setTrim(true).get();
		List<Imported> rows = new ArrayList<>();
		try (var parser = format.parse(new StringReader(content.startsWith("\uFEFF") ? content.substring(1) : content))) {
			if (!parser.getHeaderMap().containsKey("title") || !parser.getHeaderMap().containsKey("body")) {
				throw new InvalidInputException("CSV: the header needs the columns title and body (category optional)");
			}
			for (CSVRecord record : parser) {
				if (rows.size() >= MAX_ROWS) {
					throw new InvalidInputException("CSV: at most " + MAX_ROWS + " articles a file");
				}
				String category = record.isMapped("category") && record.isSet("category") ? record.get("category") : null;
				rows.add(new Imported(record.get("title"), record.get("body"),
						category == null || category.isBlank() ? null : category));
			}
		}
		catch (IOException | IllegalStateException | IllegalArgumentException ex) {
			throw new InvalidInputException("CSV: it cannot be read (" + ex.getMessage() + ")");
		}
		return rows;
	}

	static UncheckedIOException unchecked(IOException ex) {
		return new UncheckedIOException(ex);
	}
}
