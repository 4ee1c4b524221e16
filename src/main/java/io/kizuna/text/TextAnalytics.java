package io.kizuna.text;

import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountState;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Text analytics (issue 19): analyses the customer texts other modules hand over, keeps the per-day counts, finds
 * rising issues and answers the pages' and the API's questions — terms of a period ranked by how unusual they are,
 * the verbatims behind a term, sentiment per account, alerts and search over all customer text.
 */
@Service
public class TextAnalytics {

	private static final Logger log = LoggerFactory.getLogger(TextAnalytics.class);

	static final int BATCH = 500;

	public static final int MAX_QUERY_LENGTH = 200;

	private final Documents documents;

	private final SettingsStore settingsStore;

	private final JdbcClient jdbc;

	private final WorkspaceManagement workspaces;

	private final AccountManagement accounts;

	private final List<CustomerTextSource> sources;

	private final ApplicationEventPublisher events;

	private final io.kizuna.health.HealthQueries health;

	private final Topics topics;

	private final org.springframework.transaction.support.TransactionTemplate transactions;

	private final Map<WorkspaceId, Vocabulary> vocabularies = new ConcurrentHashMap<>();

	private record Vocabulary(TextSettings settings, Terms terms) {
	}

	TextAnalytics(Documents documents, SettingsStore settingsStore, JdbcClient jdbc, WorkspaceManagement workspaces,
			AccountManagement accounts, List<CustomerTextSource> sources, ApplicationEventPublisher events,
			io.kizuna.health.HealthQueries health, Topics topics,
			org.springframework.transaction.support.TransactionTemplate transactions) {
		this.transactions = transactions;
		this.health = health;
		this.topics = topics;
		this.documents = documents;
		this.settingsStore = settingsStore;
		this.jdbc = jdbc;
		this.workspaces = workspaces;
		this.accounts = accounts;
		this.sources = sources;
		this.events = events;
	}

	// ---- analysis

	/** Analyses and stores these texts (in batches), refreshes the day counts they touch, then looks for rising issues. */
	public int analyse(WorkspaceId workspace, List<CustomerText> texts) {
		int stored = store(workspace, texts, true);
		// a rise needs texts of the recent window: an import of older ones has nothing to announce (re-analysis
		// looks again at the end)
		java.time.Instant recent = java.time.Instant.now().minus(java.time.Duration.ofDays(RisingDetector.RECENT_DAYS + 1));
		if (texts.stream().anyMatch(t -> t.writtenAt() != null && t.writtenAt().isAfter(recent))) {
			detectRising(workspace);
		}
		if (topics.stale(workspace)) {
			topics.compute(workspace, today(workspace));
		}
		return stored;
	}

	/** The topics of the last 90 days as last computed, largest first. */
	public List<Topic> topics(WorkspaceId workspace) {
		return topics.read(workspace);
	}

	/** Computes the topics again now (re-analysis does it; so may a test or an admin). */
	public List<Topic> recomputeTopics(WorkspaceId workspace) {
		topics.compute(workspace, today(workspace));
		return topics.read(workspace);
	}

	private int store(WorkspaceId workspace, List<CustomerText> texts, boolean refresh) {
		ZoneId zone = workspaces.get(workspace).timeZone();
		Terms terms = vocabulary(workspace).terms();
		int stored = 0;
		for (int from = 0; from < texts.size(); from += BATCH) {
			List<CustomerText> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
			List<CustomerText> valid = new ArrayList<>(batch.size());
			for (CustomerText text : batch) {
				if (!workspace.equals(text.workspace()) || text.source() == null || text.sourceId() == null
						|| text.writtenAt() == null || !text.source().matches("[a-z_]{1,40}") || text.sourceId().length() > 200) {
					log.warn("text analytics: a text of source {} without a valid id or time was left out", text.source());
					continue;
				}
				valid.add(text);
			}
			// the analysis is pure and by far the longest part: on every core, in the batch's order
			List<Analysis> analyses = (valid.size() > 1 ? valid.parallelStream() : valid.stream())
				.map(text -> analysis(text, terms)).toList();
			List<Documents.Row> rows = new ArrayList<>(valid.size());
			Set<LocalDate> days = new HashSet<>();
			Map<String, List<String>> bySource = new HashMap<>();
			for (int i = 0; i < valid.size(); i++) {
				CustomerText text = valid.get(i);
				LocalDate day = Documents.day(text.writtenAt(), zone);
				rows.add(new Documents.Row(text, day, analyses.get(i)));
				days.add(day);
				bySource.computeIfAbsent(text.source(), s -> new ArrayList<>()).add(text.sourceId());
			}
			if (refresh) {
				bySource.forEach((source, ids) -> days.addAll(documents.daysOf(workspace, source, ids)));
			}
			documents.upsert(workspace, rows);
			if (refresh) {
				documents.refreshDays(workspace, days);
			}
			stored += rows.size();
		}
		return stored;
	}

	private static Analysis analysis(CustomerText text, Terms terms) {
		try {
			return Analysis.of(text.text(), terms);
		}
		catch (RuntimeException ex) {
			// one text the analysers choke on must not stop the others: it is kept, marked as not analysed
			log.warn("text analytics: {} {} could not be analysed: {}", text.source(), text.sourceId(), ex.toString());
			return new Analysis(Analysis.clean(text.text()), "not_analysed", "failed", null, null, null, List.of(),
					List.of(), List.of());
		}
	}

	/**
	 * Re-runs the analysis of every text of the workspace, source by source (e.g. after its stop words, synonyms or
	 * product names changed), then rebuilds the day counts and looks for rising issues. Reports the texts done.
	 */
	public long reanalyze(WorkspaceId workspace, LongConsumer progress) {
		long[] done = { 0 };
		for (CustomerTextSource source : sources) {
			source.forEachBatch(workspace, batch -> {
				done[0] += store(workspace, batch, false);
				progress.accept(done[0]);
			});
		}
		List<LocalDate> days = jdbc.sql("select distinct day from text_document where workspace_id = :ws")
			.param("ws", workspace.value()).query(LocalDate.class).list();
		for (int i = 0; i < days.size(); i += 60) {
			documents.refreshDays(workspace, days.subList(i, Math.min(days.size(), i + 60)));
		}
		detectRising(workspace);
		topics.compute(workspace, today(workspace));
		return done[0];
	}

	public List<String> sources() {
		return sources.stream().map(CustomerTextSource::source).sorted().toList();
	}

	// ---- settings

	public TextSettings settings(WorkspaceId workspace) {
		return vocabulary(workspace).settings();
	}

	/** Saves the vocabulary; texts written from now on use it, older ones after {@code text reanalyze}. */
	public TextSettings saveSettings(WorkspaceId workspace, TextSettings settings) {
		TextSettings bounded = new TextSettings(bound("stop words", settings.stopWords()),
				bound("synonyms", settings.synonymLines()), bound("product names", settings.productNames()));
		for (String line : bounded.synonymLines()) {
			if (!line.contains("=")) {
				throw new InvalidInputException("synonyms: each line is a term, '=', and its variants (" + line + ")");
			}
		}
		new Terms(bounded); // refuses product names Kuromoji cannot read before anything is stored
		settingsStore.save(workspace, bounded);
		vocabularies.remove(workspace);
		return bounded;
	}

	private static List<String> bound(String what, List<String> entries) {
		List<String> kept = entries.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
		if (kept.size() > TextSettings.MAX_ENTRIES) {
			throw new InvalidInputException(what + ": at most " + TextSettings.MAX_ENTRIES + " entries");
		}
		for (String entry : kept) {
			if (entry.length() > TextSettings.MAX_LENGTH) {
				throw new InvalidInputException(what + ": each entry at most " + TextSettings.MAX_LENGTH + " characters");
			}
		}
		return kept;
	}

	private Vocabulary vocabulary(WorkspaceId workspace) {
		return vocabularies.computeIfAbsent(workspace, ws -> {
			TextSettings settings = settingsStore.find(ws);
			return new Vocabulary(settings, new Terms(settings));
		});
	}

	// ---- terms of a period

	public LocalDate today(WorkspaceId workspace) {
		return LocalDate.now(workspaces.get(workspace).timeZone());
	}

	/** The period's terms, most unusual first (then most frequent), at most {@code limit}. */
	public List<TermRow> terms(WorkspaceId workspace, TermQuery query, int limit) {
		Map<String, long[]> current = counts(workspace, query, query.from(), query.to());
		Map<String, long[]> baseline = counts(workspace, query, query.baselineFrom(), query.from().minusDays(1));
		long n1 = Math.max(1, total(workspace, query, query.from(), query.to()));
		long n2 = Math.max(1, total(workspace, query, query.baselineFrom(), query.from().minusDays(1)));
		List<TermRow> rows = new ArrayList<>();
		for (Map.Entry<String, long[]> e : current.entrySet()) {
			long a = e.getValue()[0];
			if (a < 2) {
				continue;
			}
			long b = baseline.getOrDefault(e.getKey(), new long[2])[0];
			rows.add(new TermRow(e.getKey(), a, b, e.getValue()[1], logLikelihood(a, b, n1, n2), trend(a, b, n1, n2)));
		}
		rows.sort((x, y) -> x.unusual() != y.unusual() ? Double.compare(y.unusual(), x.unusual())
				: x.texts() != y.texts() ? Long.compare(y.texts(), x.texts()) : x.term().compareTo(y.term()));
		return rows.subList(0, Math.min(limit, rows.size()));
	}

	/** Dunning's G² of a term seen in a of n1 texts now and b of n2 before; 0 when it is not above its baseline. */
	static double logLikelihood(long a, long b, long n1, long n2) {
		if ((double) a / n1 <= (double) b / n2) {
			return 0;
		}
		double e1 = n1 * (double) (a + b) / (n1 + n2);
		double e2 = n2 * (double) (a + b) / (n1 + n2);
		double g2 = 2 * ((a == 0 ? 0 : a * Math.log(a / e1)) + (b == 0 ? 0 : b * Math.log(b / e2)));
		return Math.round(g2 * 10) / 10.0;
	}

	static String trend(long a, long b, long n1, long n2) {
		double now = (double) a / n1;
		double before = (double) b / n2;
		if (now > before * 1.5 + 1e-9) {
			return "up";
		}
		return now < before / 1.5 ? "down" : "flat";
	}

	private Map<String, long[]> counts(WorkspaceId workspace, TermQuery query, LocalDate from, LocalDate to) {
		Map<String, long[]> counts = new HashMap<>();
		String sql = query.accounts() == null ? """
				select term, sum(texts), sum(negative) from text_term_day
				where workspace_id = :ws and day between :from and :to and (cast(:source as text) is null or source = :source)
				group by term""" : """
				select t.term, count(*), count(*) filter (where d.sentiment = 'negative')
				from text_document d cross join unnest(d.terms) as t(term)
				where d.workspace_id = :ws and d.day between :from and :to and (cast(:source as text) is null or d.source = :source)
				  and d.account_id = any(:accounts)
				group by t.term""";
		var spec = jdbc.sql(sql).param("ws", workspace.value()).param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to)).param("source", query.source());
		if (query.accounts() != null) {
			spec = spec.param("accounts", query.accounts().toArray(Long[]::new));
		}
		spec.query(rs -> {
			counts.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3) });
		});
		return counts;
	}

	private long total(WorkspaceId workspace, TermQuery query, LocalDate from, LocalDate to) {
		String sql = query.accounts() == null ? """
				select coalesce(sum(texts), 0) from text_day
				where workspace_id = :ws and day between :from and :to and (cast(:source as text) is null or source = :source)""" : """
				select count(*) from text_document where workspace_id = :ws and day between :from and :to
				  and (cast(:source as text) is null or source = :source) and status = 'analysed' and account_id = any(:accounts)""";
		var spec = jdbc.sql(sql).param("ws", workspace.value()).param("from", Date.valueOf(from))
			.param("to", Date.valueOf(to)).param("source", query.source());
		if (query.accounts() != null) {
			spec = spec.param("accounts", query.accounts().toArray(Long[]::new));
		}
		return spec.query(Long.class).single();
	}

	/** Texts per week holding each of these terms, over the period and its baseline, oldest first. */
	public Map<String, List<long[]>> weekly(WorkspaceId workspace, TermQuery query, Collection<String> terms) {
		Map<String, List<long[]>> series = new LinkedHashMap<>();
		if (terms.isEmpty()) {
			return series;
		}
		LocalDate from = query.baselineFrom();
		Map<String, Map<Long, Long>> counts = new HashMap<>();
		String sql = query.accounts() == null ? """
				select term, (day - :from) / 7 as week, sum(texts) from text_term_day
				where workspace_id = :ws and day between :from and :to and term in (:terms)
				  and (cast(:source as text) is null or source = :source)
				group by term, week""" : """
				select t.term, (d.day - :from) / 7 as week, count(*)
				from text_document d cross join unnest(d.terms) as t(term)
				where d.workspace_id = :ws and d.day between :from and :to and t.term in (:terms)
				  and (cast(:source as text) is null or d.source = :source) and d.account_id = any(:accounts)
				group by t.term, week""";
		var spec = jdbc.sql(sql).param("ws", workspace.value()).param("from", Date.valueOf(from))
			.param("to", Date.valueOf(query.to())).param("terms", terms).param("source", query.source());
		if (query.accounts() != null) {
			spec = spec.param("accounts", query.accounts().toArray(Long[]::new));
		}
		spec.query(rs -> {
			counts.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getLong(2), rs.getLong(3));
		});
		long weeks = (query.to().toEpochDay() - from.toEpochDay()) / 7 + 1;
		for (String term : terms) {
			List<long[]> points = new ArrayList<>();
			for (long w = 0; w < weeks; w++) {
				points.add(new long[] { from.plusDays(w * 7).toEpochDay(), counts.getOrDefault(term, Map.of()).getOrDefault(w, 0L) });
			}
			series.put(term, points);
		}
		return series;
	}

	// ---- verbatims and search

	/** The period's texts holding the term (or one of its variants), newest first, the occurrences marked. */
	public List<Verbatim> verbatims(WorkspaceId workspace, String term, TermQuery query, int limit) {
		String t = bounded(term);
		String sql = """
				select document_id, source, account_id, link, written_at, language, status, sentiment, score, reasons, body
				from text_document where workspace_id = :ws and terms @> array[cast(:term as text)]
				  and day between :from and :to and (cast(:source as text) is null or source = :source)"""
				+ (query.accounts() == null ? "" : " and account_id = any(:accounts)")
				+ " order by written_at desc, document_id desc limit :limit";
		var spec = jdbc.sql(sql).param("ws", workspace.value()).param("term", t).param("from", Date.valueOf(query.from()))
			.param("to", Date.valueOf(query.to())).param("source", query.source()).param("limit", Math.min(limit, 200));
		if (query.accounts() != null) {
			spec = spec.param("accounts", query.accounts().toArray(Long[]::new));
		}
		return verbatims(workspace, spec, highlighter(workspace, List.of(t)));
	}

	/** Every customer text matching all words of the query, by the knowledge base's analysis; newest first. */
	public List<Verbatim> search(WorkspaceId workspace, String query, int limit) {
		String q = bounded(query);
		List<List<String>> alternatives = Analysis.queryTokens(q);
		if (alternatives.isEmpty()) {
			return List.of();
		}
		List<String> first = alternatives.get(0);
		List<String> second = alternatives.size() > 1 ? alternatives.get(1) : first;
		var spec = jdbc.sql("""
				select document_id, source, account_id, link, written_at, language, status, sentiment, score, reasons, body
				from text_document where workspace_id = :ws and (tokens @> cast(:first as text[]) or tokens @> cast(:second as text[]))
				order by written_at desc, document_id desc limit :limit""")
			.param("ws", workspace.value()).param("first", first.toArray(String[]::new))
			.param("second", second.toArray(String[]::new)).param("limit", Math.min(limit, 200));
		List<String> words = new ArrayList<>(List.of(TextAnalysis.normalize(q).split("[\\s　]+")));
		return verbatims(workspace, spec, highlighter(workspace, words));
	}

	private static String bounded(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("a term or query is required");
		}
		String v = value.strip();
		if (v.length() > MAX_QUERY_LENGTH) {
			throw new InvalidInputException("at most " + MAX_QUERY_LENGTH + " characters");
		}
		return v;
	}

	private List<Verbatim> verbatims(WorkspaceId workspace, JdbcClient.StatementSpec spec, Pattern highlight) {
		record Raw(long id, String source, Long accountId, String link, java.time.Instant at, String language,
				String status, String sentiment, Double score, List<String> reasons, String body) {
		}
		List<Raw> raws = spec.query((rs, n) -> new Raw(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
				rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getString(7), rs.getString(8),
				rs.getObject(9) == null ? null : rs.getDouble(9), Arrays.asList((String[]) rs.getArray(10).getArray()),
				rs.getString(11)))
			.list();
		Map<Long, String> externalIds = accounts.externalIds(workspace,
				raws.stream().map(Raw::accountId).filter(java.util.Objects::nonNull).distinct().toList());
		return raws.stream()
			.map(r -> new Verbatim(r.id(), r.source(), r.accountId() == null ? null : externalIds.get(r.accountId()),
					r.link(), r.at(), r.language(), r.status(), r.sentiment(), r.score(), r.reasons(), parts(r.body(), highlight)))
			.toList();
	}

	/** Matches a term and its variants as the text writes them (full width, case): the text is folded alike first. */
	private Pattern highlighter(WorkspaceId workspace, List<String> terms) {
		Set<String> forms = new TreeSet<>((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b));
		Map<String, String> synonyms = settings(workspace).synonyms();
		for (String term : terms) {
			String t = TextAnalysis.normalize(term).strip();
			if (t.isEmpty()) {
				continue;
			}
			forms.add(t);
			synonyms.forEach((variant, canonical) -> {
				if (t.contains(canonical)) {
					forms.add(t.replace(canonical, variant));
				}
			});
		}
		if (forms.isEmpty()) {
			return null;
		}
		return Pattern.compile(String.join("|", forms.stream().map(Pattern::quote).toList()));
	}

	static List<Verbatim.Part> parts(String body, Pattern highlight) {
		String shown = body.length() > 2_000 ? body.substring(0, 2_000) + "…" : body;
		if (highlight == null) {
			return List.of(new Verbatim.Part(shown, false));
		}
		// NFKC with case folding keeps lengths for the text customers write (kana, kanji, Latin) but not for all:
		// where it does not, the text is shown without marks rather than with marks in the wrong place
		String folded = TextAnalysis.normalize(shown);
		if (folded.length() != shown.length()) {
			folded = shown.toLowerCase(Locale.ROOT);
			if (folded.length() != shown.length()) {
				return List.of(new Verbatim.Part(shown, false));
			}
		}
		List<Verbatim.Part> parts = new ArrayList<>();
		Matcher m = highlight.matcher(folded);
		int at = 0;
		while (m.find()) {
			if (m.start() > at) {
				parts.add(new Verbatim.Part(shown.substring(at, m.start()), false));
			}
			parts.add(new Verbatim.Part(shown.substring(m.start(), m.end()), true));
			at = m.end();
		}
		if (at < shown.length()) {
			parts.add(new Verbatim.Part(shown.substring(at), false));
		}
		return parts;
	}

	// ---- sentiment

	/** One week of an account's (or the workspace's) texts: how many, their mean score and how many were negative. */
	public record SentimentPoint(LocalDate week, long texts, double meanScore) {
	}

	/** Weekly mean sentiment of an account's texts over the last {@code weeks} weeks (weeks without texts left out). */
	public List<SentimentPoint> accountSentiment(WorkspaceId workspace, long accountId, int weeks) {
		LocalDate from = today(workspace).minusWeeks(Math.min(Math.max(weeks, 1), 260));
		return jdbc.sql("""
				select date_trunc('week', day)::date as week, sum(texts), sum(score_sum) / sum(texts)
				from text_sentiment_day where workspace_id = :ws and account_id = :account and day >= :from
				group by week order by week""")
			.param("ws", workspace.value()).param("account", accountId).param("from", Date.valueOf(from))
			.query((rs, n) -> new SentimentPoint(rs.getDate(1).toLocalDate(), rs.getLong(2), Math.round(rs.getDouble(3) * 1000) / 1000.0))
			.list();
	}

	/**
	 * The accounts that sounded negative on average over the query's period (at least two texts, mean at or below the
	 * negative threshold), most negative first, with their mean over the baseline before it and their ARR. A source
	 * filter reads the texts themselves (the day table sums every source).
	 */
	public List<UnhappyAccount> unhappyAccounts(WorkspaceId workspace, TermQuery query, int limit) {
		return unhappyAccounts(workspace, query, 0, Math.min(Math.max(limit, 1), 200)).items();
	}

	/** One page (0-based, at most 200 rows) of {@link #unhappyAccounts(WorkspaceId, TermQuery, int)}, with the total. */
	public io.kizuna.accounts.Page<UnhappyAccount> unhappyAccounts(WorkspaceId workspace, TermQuery query, int page,
			int size) {
		int rows = Math.min(Math.max(size, 1), 200);
		int offset = Math.min(Math.max(page, 0), 10_000) * rows;
		String table = query.source() == null ? """
				select account_id, day, texts, score_sum from text_sentiment_day
				where workspace_id = :ws and day between :baselineFrom and :to"""
				: """
						select account_id, day, 1 as texts, score as score_sum from text_document
						where workspace_id = :ws and day between :baselineFrom and :to and source = :source
						  and account_id is not null and score is not null""";
		String sql = "with d as (" + table + """
				)
				select account_id, sum(texts) filter (where day >= :from),
				       sum(score_sum) filter (where day >= :from) / sum(texts) filter (where day >= :from),
				       sum(score_sum) filter (where day < :from) / nullif(sum(texts) filter (where day < :from), 0),
				       count(*) over ()
				from d where (cast(:filtered as boolean) is false or account_id = any(:accounts))
				group by account_id
				having sum(texts) filter (where day >= :from) >= 2
				   and sum(score_sum) filter (where day >= :from) / sum(texts) filter (where day >= :from) <= :threshold
				order by 3, 2 desc, account_id limit :limit offset :offset""";
		record Found(long accountId, long texts, double mean, Double before, long total) {
		}
		List<Found> found = jdbc.sql(sql).param("ws", workspace.value())
			.param("baselineFrom", Date.valueOf(query.baselineFrom())).param("from", Date.valueOf(query.from()))
			.param("to", Date.valueOf(query.to())).param("source", query.source())
			.param("filtered", query.accounts() != null)
			.param("accounts", query.accounts() == null ? new Long[0] : query.accounts().toArray(Long[]::new))
			.param("threshold", -Sentiments.THRESHOLD).param("limit", rows).param("offset", offset)
			.query((rs, n) -> new Found(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getObject(4, Double.class),
					rs.getLong(5)))
			.list();
		if (found.isEmpty()) {
			return new io.kizuna.accounts.Page<>(List.of(), page, rows, 0);
		}
		String currency = workspaces.get(workspace).currency().getCurrencyCode();
		Map<Long, AccountState> states = new HashMap<>();
		accounts.states(workspace, today(workspace), found.stream().map(Found::accountId).toList())
			.forEach(s -> states.put(s.accountId(), s));
		List<UnhappyAccount> unhappy = new ArrayList<>();
		for (Found f : found) {
			AccountState state = states.get(f.accountId());
			if (state == null) {
				continue; // deleted since
			}
			unhappy.add(new UnhappyAccount(state.externalId(), state.name(), f.texts(), Math.round(f.mean() * 1000) / 1000.0,
					f.before() == null ? null : Math.round(f.before() * 1000) / 1000.0,
					state.live() ? state.mrrMinor() * 12 : 0, currency));
		}
		return new io.kizuna.accounts.Page<>(unhappy, page, rows, found.get(0).total());
	}

	/** Mean sentiment per account over the days from..to, for accounts with texts then. */
	Map<Long, double[]> meanSentiment(WorkspaceId workspace, LocalDate from, LocalDate to) {
		Map<Long, double[]> means = new HashMap<>();
		jdbc.sql("""
				select account_id, sum(texts), sum(score_sum) / sum(texts) from text_sentiment_day
				where workspace_id = :ws and day between :from and :to group by account_id""")
			.param("ws", workspace.value()).param("from", Date.valueOf(from)).param("to", Date.valueOf(to))
			.query(rs -> {
				means.put(rs.getLong(1), new double[] { rs.getLong(2), rs.getDouble(3) });
			});
		return means;
	}

	// ---- rising issues

	public List<RisingIssue> alerts(WorkspaceId workspace, int limit) {
		return jdbc.sql("""
				select alert_id, term, detected_on, recent, usual, texts, accounts, arr_minor, currency, account_ids, created_at,
				       related
				from text_alert where workspace_id = :ws order by detected_on desc, alert_id desc limit :limit""")
			.param("ws", workspace.value()).param("limit", Math.min(Math.max(limit, 1), 200))
			.query((rs, n) -> {
				List<Long> ids = Arrays.asList((Long[]) rs.getArray(10).getArray());
				return new RisingIssue(rs.getLong(1), rs.getString(2), List.of((String[]) rs.getArray(12).getArray()),
						rs.getDate(3).toLocalDate(), rs.getInt(4),
						rs.getDouble(5), rs.getInt(6), rs.getInt(7), rs.getLong(8), rs.getString(9),
						ids.stream().map(String::valueOf).toList(), rs.getTimestamp(11).toInstant());
			})
			.list()
			.stream()
			.map(issue -> withExternalIds(workspace, issue))
			.toList();
	}

	private RisingIssue withExternalIds(WorkspaceId workspace, RisingIssue issue) {
		Map<Long, String> ids = accounts.externalIds(workspace, issue.accountExternalIds().stream().map(Long::valueOf).toList());
		return new RisingIssue(issue.id(), issue.term(), issue.related(), issue.detectedOn(), issue.recent(), issue.usual(), issue.texts(),
				issue.accounts(), issue.arrMinor(), issue.currency(),
				issue.accountExternalIds().stream().map(id -> ids.getOrDefault(Long.valueOf(id), id)).toList(), issue.createdAt());
	}

	/**
	 * Looks for terms well above their usual level in the last week, in the sources that have a usual level; stores
	 * and announces the new ones. Terms that rose in the same texts are one issue: the most unusual names it, the
	 * others are its related terms (ログインできない with ログイン and エラー画面), so one spike is one alert.
	 */
	public List<RisingIssue> detectRising(WorkspaceId workspace) {
		LocalDate today = today(workspace);
		int span = RisingDetector.RECENT_DAYS + RisingDetector.BASELINE_DAYS;
		LocalDate from = today.minusDays(span - 1);
		Map<String, int[]> volumes = new HashMap<>();
		jdbc.sql("select source, day, texts from text_day where workspace_id = :ws and day between :from and :today")
			.param("ws", workspace.value()).param("from", Date.valueOf(from)).param("today", Date.valueOf(today))
			.query(rs -> {
				int index = (int) (rs.getDate(2).toLocalDate().toEpochDay() - from.toEpochDay());
				volumes.computeIfAbsent(rs.getString(1), t -> new int[span])[index] += rs.getInt(3);
			});
		List<String> sources = volumes.entrySet().stream().filter(e -> RisingDetector.hasHistory(e.getValue()))
			.map(Map.Entry::getKey).sorted().toList();
		if (sources.isEmpty()) {
			return List.of();
		}
		Date recentFrom = Date.valueOf(today.minusDays(RisingDetector.RECENT_DAYS));
		Map<String, Map<String, int[]>> series = new HashMap<>();
		jdbc.sql("""
				select term, source, day, texts from text_term_day
				where workspace_id = :ws and day between :from and :today and source in (:sources) and term in (
				    select term from text_term_day where workspace_id = :ws and day > :recent and day <= :today
				      and source in (:sources)
				    group by term having sum(texts) >= :min)""")
			.param("ws", workspace.value()).param("from", Date.valueOf(from)).param("today", Date.valueOf(today))
			.param("sources", sources).param("recent", recentFrom).param("min", RisingDetector.MIN_TEXTS)
			.query(rs -> {
				int index = (int) (rs.getDate(3).toLocalDate().toEpochDay() - from.toEpochDay());
				series.computeIfAbsent(rs.getString(1), t -> new HashMap<>())
					.computeIfAbsent(rs.getString(2), t -> new int[span])[index] += rs.getInt(4);
			});
		Map<String, RisingDetector.Rise> rises = new HashMap<>();
		series.forEach((term, bySource) -> {
			List<String> in = List.copyOf(bySource.keySet());
			RisingDetector.detect(in.stream().map(bySource::get).toList(), in.stream().map(volumes::get).toList())
				.ifPresent(rise -> rises.put(term, rise));
		});
		if (rises.isEmpty()) {
			return List.of();
		}
		// the texts behind each rise, to tell one issue from several
		Map<String, Map<Long, Long>> textsOf = new HashMap<>();
		jdbc.sql("""
				select t.term, d.document_id, coalesce(d.account_id, -1)
				from text_document d cross join lateral unnest(d.terms) as t(term)
				where d.workspace_id = :ws and d.day > :recent and d.day <= :today and d.source in (:sources)
				  and d.terms && cast(:terms as text[]) and t.term = any(cast(:terms as text[]))""")
			.param("ws", workspace.value()).param("recent", recentFrom).param("today", Date.valueOf(today))
			.param("sources", sources).param("terms", rises.keySet().toArray(String[]::new))
			.query(rs -> {
				textsOf.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getLong(2), rs.getLong(3));
			});
		List<RisingIssues.Issue> grouped = RisingIssues.group(rises, textsOf);
		Set<String> known = new HashSet<>(jdbc.sql("""
				select term from text_alert where workspace_id = :ws and detected_on > :since
				union select unnest(related) from text_alert where workspace_id = :ws and detected_on > :since""")
			.param("ws", workspace.value()).param("since", Date.valueOf(today.minusDays(14)))
			.query(String.class).list());
		Map<Long, AccountState> states = new HashMap<>();
		String currency = workspaces.get(workspace).currency().getCurrencyCode();
		List<RisingIssue> issues = new ArrayList<>();
		for (RisingIssues.Issue found : grouped) {
			if (known.contains(found.term())) {
				continue;
			}
			if (states.isEmpty()) {
				accounts.states(workspace, today).forEach(s -> states.put(s.accountId(), s));
			}
			List<Long> accountIds = found.texts().values().stream().filter(id -> id > 0).distinct().sorted().toList();
			long arr = accountIds.stream().map(states::get).filter(java.util.Objects::nonNull)
				.mapToLong(s -> s.live() ? s.mrrMinor() * 12 : 0).sum();
			Long id = jdbc.sql("""
					insert into text_alert (workspace_id, term, related, detected_on, recent, usual, texts, accounts, arr_minor,
					    currency, account_ids)
					values (:ws, :term, :related, :day, :recent, :usual, :texts, :accounts, :arr, :currency, :ids)
					on conflict (workspace_id, term, detected_on) do nothing returning alert_id""")
				.param("ws", workspace.value()).param("term", found.term())
				.param("related", found.related().toArray(String[]::new)).param("day", Date.valueOf(today))
				.param("recent", found.rise().recent()).param("usual", found.rise().usual()).param("texts", found.texts().size())
				.param("accounts", accountIds.size()).param("arr", arr).param("currency", currency)
				.param("ids", accountIds.toArray(Long[]::new))
				.query(Long.class).optional().orElse(null);
			if (id != null) {
				issues.add(withExternalIds(workspace, new RisingIssue(id, found.term(), found.related(), today,
						found.rise().recent(), found.rise().usual(), found.texts().size(), accountIds.size(), arr, currency,
						accountIds.stream().map(String::valueOf).toList(), java.time.Instant.now())));
			}
		}
		if (!issues.isEmpty()) {
			// in a transaction even when called outside one (the reanalyze command): module listeners hear events
			// only on commit, and the registry keeps the event until they did
			transactions.executeWithoutResult(tx -> events.publishEvent(new TextIssueRose(workspace, issues)));
		}
		return issues;
	}

	/** ARR bands of the filters, by the currency's usual sizes: small, mid, large. */
	public static final List<String> ARR_BANDS = List.of("small", "mid", "large");

	/**
	 * The accounts the account filters leave (tier, health band, segment, ARR band; null each for any), or null when
	 * no filter is set (every text, also those without an account). At most 10,000 accounts are read.
	 */
	public Set<Long> accountsMatching(WorkspaceId workspace, String tier, String band, Long segmentId, String arrBand) {
		if (tier == null && band == null && segmentId == null && arrBand == null) {
			return null;
		}
		if (arrBand != null && !ARR_BANDS.contains(arrBand)) {
			throw new InvalidInputException("arr: small, mid or large");
		}
		String currency = workspaces.get(workspace).currency().getCurrencyCode();
		long unit = (long) Math.pow(10, Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits()));
		long small = "JPY".equals(currency) || "KRW".equals(currency) ? 1_000_000 : 10_000;
		List<String> externalIds = new ArrayList<>();
		for (int page = 0; page < 20; page++) {
			var rows = health.accounts(workspace, new io.kizuna.health.AccountListQuery(null, tier, null, null, band, null,
					null, segmentId, null, false, page, 500));
			for (var row : rows.items()) {
				long arr = row.arrMinor() == null ? 0 : row.arrMinor() / unit;
				String rowBand = arr < small ? "small" : arr < small * 10 ? "mid" : "large";
				if (arrBand == null || arrBand.equals(rowBand)) {
					externalIds.add(row.externalId());
				}
			}
			if (rows.items().size() < 500) {
				break;
			}
		}
		return new HashSet<>(accounts.accountIds(workspace, externalIds).values());
	}

	/** An account's id by its external id, or null. */
	public Long accountId(WorkspaceId workspace, String externalId) {
		return accounts.accountIds(workspace, List.of(externalId)).get(externalId);
	}

	/** Account ids by their external ids (for the filters and the API). */
	Map<String, Long> accountIds(WorkspaceId workspace, Collection<String> externalIds) {
		return accounts.accountIds(workspace, externalIds);
	}
}
