package io.kizuna.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.text.TextAnalysis;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The Lucene index of published articles (ADR 0097, 0098): one document per article and language, each text in
 * four fields — Kuromoji ({@code _ja}), English ({@code _en}), CJK bigrams ({@code _gram}) and the katakana reading
 * ({@code _read}) — and unstemmed words for typo tolerance. Searches run on a {@link SearcherManager} refreshed after
 * changes, never reopened per query; the workspace and audience filters are FILTER clauses, which Lucene's query
 * cache keeps per segment.
 */
final class SearchIndex implements AutoCloseable {

	static final int MAX_QUERY = 200;

	private static final float TITLE_BOOST = 3f;

	private static final String[] SNIPPET_FIELDS = { "body_ja", "body_en", "body_gram" };

	private static final FieldType HIGHLIGHTED = new FieldType(TextField.TYPE_STORED);

	static {
		HIGHLIGHTED.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
		HIGHLIGHTED.freeze();
	}

	private final Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	private final Analyzer analyzer;

	SearchIndex(Directory directory) {
		this.directory = directory;
		this.analyzer = analyzer();
		try {
			IndexWriterConfig config = new IndexWriterConfig(analyzer);
			config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
			config.setRAMBufferSizeMB(64);
			this.writer = new IndexWriter(directory, config);
			this.searchers = new SearcherManager(writer, new SearcherFactory());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Analyzer analyzer() {
		Map<String, Analyzer> fields = new HashMap<>();
		for (String text : List.of("title", "body")) {
			fields.put(text + "_ja", TextAnalysis.japanese());
			fields.put(text + "_en", TextAnalysis.english());
			fields.put(text + "_gram", TextAnalysis.grams());
			fields.put(text + "_read", TextAnalysis.grams());
		}
		return new PerFieldAnalyzerWrapper(TextAnalysis.words(), fields);
	}

	/** One language version of a published article, as the index holds it. */
	record Entry(long workspaceId, long articleId, String language, String title, String body, boolean isPublic,
			long updatedEpochMillis) {
	}

	/** What was found: the article, the language version, its title and the snippet in pieces (some highlighted). */
	record Hit(long articleId, String language, String title, List<SnippetPiece> snippet, float score) {
	}

	record Found(List<Hit> hits, long total, String didYouMean) {
	}

	private static String key(long workspace, long article) {
		return workspace + ":" + article;
	}

	/** Replaces what the index holds of one article by these versions (none: the article leaves the index). */
	void put(long workspace, long article, List<Entry> versions) {
		try {
			Term key = new Term("key", key(workspace, article));
			if (versions.isEmpty()) {
				writer.deleteDocuments(key);
			}
			else {
				writer.updateDocuments(key, versions.stream().map(SearchIndex::document).toList());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void deleteWorkspace(long workspace) {
		try {
			writer.deleteDocuments(new Term("ws", Long.toString(workspace)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void deleteAll() {
		try {
			writer.deleteAll();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Document document(Entry entry) {
		Document doc = new Document();
		doc.add(new StringField("key", key(entry.workspaceId(), entry.articleId()), Field.Store.NO));
		doc.add(new StringField("ws", Long.toString(entry.workspaceId()), Field.Store.NO));
		doc.add(new StoredField("article", entry.articleId()));
		doc.add(new StringField("lang", entry.language(), Field.Store.YES));
		doc.add(new StringField("audience", entry.isPublic() ? "public" : "internal", Field.Store.NO));
		doc.add(new NumericDocValuesField("updated", entry.updatedEpochMillis()));
		String title = entry.title();
		String body = entry.body();
		doc.add(new StoredField("title", title));
		doc.add(new TextField("title_ja", title, Field.Store.NO));
		doc.add(new TextField("title_en", title, Field.Store.NO));
		doc.add(new TextField("title_gram", title, Field.Store.NO));
		doc.add(new Field("body_ja", body, HIGHLIGHTED));
		doc.add(new Field("body_en", body, HIGHLIGHTED));
		doc.add(new Field("body_gram", body, HIGHLIGHTED));
		if (TextAnalysis.hasJapanese(title + body)) {
			doc.add(new TextField("title_read", TextAnalysis.reading(title), Field.Store.NO));
			doc.add(new TextField("body_read", TextAnalysis.reading(body), Field.Store.NO));
		}
		doc.add(new TextField("words", title + "\n" + body, Field.Store.NO));
		doc.add(new TextField(spellField(entry.workspaceId(), entry.isPublic()), title + "\n" + body, Field.Store.NO));
		if (entry.isPublic()) {
			doc.add(new TextField(spellField(entry.workspaceId(), false), title + "\n" + body, Field.Store.NO));
		}
		return doc;
	}

	/** The words "did you mean" may suggest: only of this workspace, only what the audience may read. */
	private static String spellField(long workspace, boolean publicOnly) {
		return "spell_" + workspace + (publicOnly ? "_pub" : "_all");
	}

	/** Makes the changes visible to searches and durable, remembering the last change applied. */
	void commit(long lastChange) {
		try {
			writer.setLiveCommitData(Map.of("change", Long.toString(lastChange)).entrySet());
			writer.commit();
			searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The last change the committed index holds, or -1 for an empty (new) index. */
	long lastChange() {
		try {
			if (!DirectoryReader.indexExists(directory)) {
				return -1;
			}
			Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
			if (data != null) {
				for (Map.Entry<String, String> entry : data) {
					if (entry.getKey().equals("change")) {
						return Long.parseLong(entry.getValue());
					}
				}
			}
			return -1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int documents() {
		return writer.getDocStats().numDocs;
	}

	/** The query: plain text, never Lucene syntax; at most {@link #MAX_QUERY} characters are used. */
	Found search(long workspace, String text, boolean publicOnly, int limit) {
		String q = clean(text);
		if (q.isBlank()) {
			return new Found(List.of(), 0, null);
		}
		Queries queries = query(q);
		if (queries == null) {
			return new Found(List.of(), 0, null);
		}
		BooleanQuery.Builder filtered = new BooleanQuery.Builder().add(queries.all(), Occur.MUST)
			.add(new TermQuery(new Term("ws", Long.toString(workspace))), Occur.FILTER);
		if (publicOnly) {
			filtered.add(new TermQuery(new Term("audience", "public")), Occur.FILTER);
		}
		try {
			IndexSearcher searcher = searchers.acquire();
			try {
				// Rewritten once here: a fuzzy word's rewrite builds Levenshtein automata, and the highlighter
				// rewrites what it is given again for every document and field (most of a search's time before).
				Query full = searcher.rewrite(filtered.build());
				Sort sort = new Sort(SortField.FIELD_SCORE, new SortField("updated", SortField.Type.LONG, true));
				TopDocs top = searcher.search(full, Math.max(1, limit) * 2, sort, true);
				LinkedHashMap<Long, ScoreDoc> perArticle = new LinkedHashMap<>();
				Map<Integer, Document> docs = new HashMap<>();
				for (ScoreDoc hit : top.scoreDocs) {
					Document doc = searcher.storedFields().document(hit.doc, java.util.Set.of("article", "lang", "title"));
					long article = doc.getField("article").numericValue().longValue();
					if (!perArticle.containsKey(article) && perArticle.size() < limit) {
						perArticle.put(article, hit);
						docs.put(hit.doc, doc);
					}
				}
				List<Hit> hits = highlight(searcher, queries, perArticle, docs);
				String suggestion = didYouMean(searcher, workspace, publicOnly, q);
				return new Found(hits, perArticle.size() < limit ? perArticle.size() : top.totalHits.value, suggestion);
			}
			finally {
				searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private List<Hit> highlight(IndexSearcher searcher, Queries queries, LinkedHashMap<Long, ScoreDoc> perArticle,
			Map<Integer, Document> docs) throws IOException {
		if (perArticle.isEmpty()) {
			return List.of();
		}
		int[] ids = perArticle.values().stream().mapToInt(hit -> hit.doc).toArray();
		Highlighter highlighter = new Highlighter(UnifiedHighlighter.builder(searcher, analyzer)
			.withFormatter(new SnippetFormatter())
			.withMaxLength(20_000));
		// Each snippet field with only its own clauses, rewritten: what the whole query would mark in that field, without
		// matching every other field's clauses again for each document.
		Map<String, Object[]> snippets = new HashMap<>();
		for (String field : SNIPPET_FIELDS) {
			snippets.putAll(highlighter.objects(new String[] { field }, searcher.rewrite(queries.of(field)), ids,
					new int[] { 2 }));
		}
		List<Hit> hits = new ArrayList<>();
		int i = 0;
		for (ScoreDoc hit : perArticle.values()) {
			Document doc = docs.get(hit.doc);
			List<SnippetPiece> snippet = null;
			for (String field : SNIPPET_FIELDS) {
				if (snippets.get(field)[i] instanceof List<?> pieces && !pieces.isEmpty()) {
					@SuppressWarnings("unchecked")
					List<SnippetPiece> found = (List<SnippetPiece>) pieces;
					if (found.stream().anyMatch(SnippetPiece::highlighted)) {
						snippet = found;
						break;
					}
					if (snippet == null) {
						snippet = found;
					}
				}
			}
			if (snippet == null) {
				String body = searcher.storedFields().document(hit.doc, java.util.Set.of("body_ja")).get("body_ja");
				snippet = List.of(new SnippetPiece(SnippetFormatter.opening(body), false));
			}
			float score = hit instanceof org.apache.lucene.search.FieldDoc field && field.fields[0] instanceof Float f ? f
					: hit.score;
			hits.add(new Hit(doc.getField("article").numericValue().longValue(), doc.get("lang"), doc.get("title"),
					snippet, score));
			i++;
		}
		return hits;
	}

	/** The query text: control characters out, at most {@link #MAX_QUERY} characters. */
	static String clean(String text) {
		if (text == null) {
			return "";
		}
		String cut = text.length() > MAX_QUERY * 4 ? text.substring(0, MAX_QUERY * 4) : text;
		cut = cut.replaceAll("\\p{Cc}", " ").strip();
		return cut.length() > MAX_QUERY ? cut.substring(0, MAX_QUERY) : cut;
	}

	/** The query, and for each snippet field its clauses on that field (what the highlighter looks for there). */
	private record Queries(Query all, Map<String, Query> snippets) {

		Query of(String field) {
			return snippets.getOrDefault(field, new org.apache.lucene.search.MatchNoDocsQuery());
		}
	}

	/**
	 * Every field asked the same text through its own analyzer (QueryBuilder: no syntax, {@code title:*} and
	 * {@code AND (} are words); about half of a field's terms must match; titles count three times.
	 */
	private Queries query(String q) {
		BooleanQuery.Builder any = new BooleanQuery.Builder();
		Map<String, Query> snippets = new HashMap<>();
		int clauses = 0;
		for (String field : List.of("title", "body")) {
			float boost = field.equals("title") ? TITLE_BOOST : 1f;
			clauses += add(any, snippets, field + "_ja", terms(TextAnalysis.japanese(), field + "_ja", q), boost);
			clauses += add(any, snippets, field + "_en", terms(TextAnalysis.english(), field + "_en", q), boost * 0.8f);
			clauses += add(any, snippets, field + "_gram", phrases(field + "_gram", q), boost * 0.5f);
			if (TextAnalysis.hasJapanese(q)) {
				String reading = TextAnalysis.reading(q);
				if (reading.length() >= 2) {
					clauses += add(any, gramPhrase(field + "_read", reading), boost * 0.4f);
				}
			}
		}
		clauses += add(any, fuzzy(q), 0.3f);
		return clauses == 0 ? null : new Queries(any.build(), snippets);
	}

	private static int add(BooleanQuery.Builder any, Map<String, Query> snippets, String field, Query query,
			float boost) {
		if (query != null) {
			snippets.put(field, query);
		}
		return add(any, query, boost);
	}

	private static int add(BooleanQuery.Builder any, Query query, float boost) {
		if (query == null) {
			return 0;
		}
		any.add(new BoostQuery(query, boost), Occur.SHOULD);
		return 1;
	}

	private static Query terms(Analyzer analyzer, String field, String q) {
		// Kuromoji's search mode gives a compound and its parts as a token graph; as a graph query every path becomes
		// its own clause, and a long compound (二段階認証できない) passes Lucene's 1,024 clauses. Without graphs the
		// compound and its first part are synonyms at one position, which finds the same articles.
		QueryBuilder builder = new QueryBuilder(analyzer);
		builder.setEnableGraphQueries(false);
		Query query = builder.createBooleanQuery(field, q, Occur.SHOULD);
		if (query instanceof BooleanQuery bool && bool.clauses().size() > 1) {
			BooleanQuery.Builder some = new BooleanQuery.Builder();
			bool.clauses().forEach(some::add);
			some.setMinimumNumberShouldMatch((bool.clauses().size() + 1) / 2);
			return some.build();
		}
		return query;
	}

	/**
	 * A text's grams as one phrase: its character bigrams, and a lone character or a Latin word where no bigram
	 * starts. The grams come as unigrams and bigrams over each other; as a graph phrase every path through them is a
	 * clause (Fibonacci in the length: 二段階認証できない passed 1,024), and as QueryBuilder's phrase of "unigram or
	 * bigram" at each position it unions the postings of every kana it holds (most of a Japanese query's time). The
	 * bigrams alone match the same texts: a bigram is in the index exactly where its two characters follow each other.
	 */
	private static Query gramPhrase(String field, String text) {
		java.util.TreeMap<Integer, String> terms = new java.util.TreeMap<>();
		Map<Integer, Integer> lengths = new HashMap<>();
		try (org.apache.lucene.analysis.TokenStream stream = TextAnalysis.grams().tokenStream(field, text)) {
			var term = stream.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
			var increment = stream
				.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
			var length = stream.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionLengthAttribute.class);
			stream.reset();
			int position = -1;
			while (stream.incrementToken()) {
				position += increment.getPositionIncrement();
				if (length.getPositionLength() > lengths.getOrDefault(position, 0)) {
					terms.put(position, term.toString());
					lengths.put(position, length.getPositionLength());
				}
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		org.apache.lucene.search.PhraseQuery.Builder phrase = new org.apache.lucene.search.PhraseQuery.Builder();
		int n = 0;
		for (Map.Entry<Integer, String> entry : terms.entrySet()) {
			int position = entry.getKey();
			if (lengths.get(position) == 1 && lengths.getOrDefault(position - 1, 0) > 1) {
				continue; // the character ends the bigram before
			}
			phrase.add(new Term(field, entry.getValue()), position);
			n++;
		}
		return n == 0 ? null : phrase.build();
	}

	/** Each whitespace-separated part of the query as a phrase of character bigrams. */
	private static Query phrases(String field, String q) {
		BooleanQuery.Builder parts = new BooleanQuery.Builder();
		int n = 0;
		for (String part : q.split("\\s+")) {
			Query phrase = gramPhrase(field, part);
			if (phrase != null && n < 16) {
				parts.add(phrase, Occur.SHOULD);
				n++;
			}
		}
		if (n == 0) {
			return null;
		}
		parts.setMinimumNumberShouldMatch((n + 1) / 2);
		return parts.build();
	}

	/** Latin words of four letters or more, allowed one typo (two from eight letters). */
	private static Query fuzzy(String q) {
		BooleanQuery.Builder words = new BooleanQuery.Builder();
		int n = 0;
		for (String word : TextAnalysis.terms(TextAnalysis.words(), q)) {
			if (word.length() >= 4 && word.chars().allMatch(c -> c < 0x250) && n < 8) {
				words.add(new FuzzyQuery(new Term("words", word), word.length() >= 8 ? 2 : 1, 1), Occur.SHOULD);
				n++;
			}
		}
		return n == 0 ? null : words.build();
	}

	private String didYouMean(IndexSearcher searcher, long workspace, boolean publicOnly, String q) throws IOException {
		DirectSpellChecker checker = new DirectSpellChecker();
		checker.setMinQueryLength(3);
		String field = spellField(workspace, publicOnly);
		StringBuilder suggestion = new StringBuilder();
		boolean changed = false;
		for (String word : TextAnalysis.terms(TextAnalysis.words(), q)) {
			SuggestWord[] similar = word.length() >= 3 && word.chars().allMatch(c -> c < 0x250)
					? checker.suggestSimilar(new Term(field, word), 1, searcher.getIndexReader(),
							SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX)
					: new SuggestWord[0];
			if (suggestion.length() > 0) {
				suggestion.append(' ');
			}
			if (similar.length > 0) {
				suggestion.append(similar[0].string);
				changed = true;
			}
			else {
				suggestion.append(word);
			}
		}
		return changed ? suggestion.toString() : null;
	}

	/** The highlighter's snippets as objects (our pieces), which Lucene keeps protected. */
	private static final class Highlighter extends UnifiedHighlighter {

		Highlighter(UnifiedHighlighter.Builder builder) {
			super(builder);
		}

		Map<String, Object[]> objects(String[] fields, Query query, int[] ids, int[] passages) throws IOException {
			return highlightFieldsAsObjects(fields, query, ids, passages);
		}
	}

	@Override
	public void close() {
		try {
			searchers.close();
			writer.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
