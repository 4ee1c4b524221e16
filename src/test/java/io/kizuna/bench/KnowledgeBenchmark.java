package io.kizuna.bench;

/**
 * {@code bench/run.sh knowledge [articles=10000] [queries=2000]}: the knowledge base's Lucene index — a full build of
 * generated ja/en articles and search p50/p95/p99 with highlighting on a warmed searcher (no per-query reopen).
 * Reading the articles from PostgreSQL and the public page over HTTP are not part of this run.
 */
public final class KnowledgeBenchmark {

	public static void main(String[] args) throws Exception {
		int articles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
		int queries = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
		double[] result = io.kizuna.knowledge.KnowledgeBench.run(articles, queries);
		System.out.printf("articles=%d index build %.1f s; search with highlighting p50 %.2f ms, p95 %.2f ms, p99 %.2f ms%n",
				articles, result[0], result[1], result[2], result[3]);
	}
}
