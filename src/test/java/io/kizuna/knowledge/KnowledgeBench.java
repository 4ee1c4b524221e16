package io.kizuna.knowledge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.lucene.store.FSDirectory;

/**
 * The in-process part of KnowledgeBenchmark: 10,000 generated articles (ja and en mixed) indexed into a Lucene
 * directory on disk the way KnowledgeIndex does, then searches with highlighting on a warmed SearcherManager.
 */
public final class KnowledgeBench {

	private static final String[] JA = { "請求書", "解約", "パスワード", "二段階認証", "CSV", "サーバー", "連携", "設定",
			"ダウンロード", "消費税", "アカウント", "通知", "レポート", "プラン", "メンバー", "招待", "ログイン", "エラー" };

	private static final String[] EN = { "invoice", "cancel", "password", "authentication", "csv", "server",
			"integration", "settings", "download", "tax", "account", "notification", "report", "plan", "member",
			"invite", "sign", "error" };

	private KnowledgeBench() {
	}

	/** Answers {index seconds, p50 ms, p95 ms, p99 ms}. */
	public static double[] run(int articles, int queries) throws Exception {
		Path dir = Files.createTempDirectory("kizuna-kb-bench");
		Random random = new Random(42);
		try (SearchIndex index = new SearchIndex(FSDirectory.open(dir))) {
			long started = System.nanoTime();
			for (int i = 0; i < articles; i++) {
				boolean ja = i % 2 == 0;
				index.put(1 + i % 5, i, List.of(new SearchIndex.Entry(1 + i % 5, i, ja ? "ja" : "en",
						text(random, ja, 6), text(random, ja, 120), true, i * 1000L)));
			}
			index.commit(articles);
			double indexSeconds = (System.nanoTime() - started) / 1e9;
			List<String> qs = new ArrayList<>();
			for (int i = 0; i < queries; i++) {
				qs.add(i % 2 == 0 ? JA[random.nextInt(JA.length)] + (i % 4 == 0 ? "できない" : "")
						: EN[random.nextInt(EN.length)] + (i % 3 == 0 ? "s" : ""));
			}
			for (String q : qs.subList(0, Math.min(200, qs.size()))) {
				index.search(1, q, true, 10);
			}
			double[] times = new double[qs.size()];
			for (int i = 0; i < qs.size(); i++) {
				long t = System.nanoTime();
				index.search(1 + i % 5, qs.get(i), i % 2 == 0, 10);
				times[i] = (System.nanoTime() - t) / 1e6;
			}
			Arrays.sort(times);
			return new double[] { indexSeconds, times[times.length / 2], times[(int) (times.length * 0.95)],
					times[(int) (times.length * 0.99)] };
		}
	}

	private static String text(Random random, boolean ja, int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			if (ja) {
				text.append(JA[random.nextInt(JA.length)]).append(random.nextBoolean() ? "を" : "の")
					.append(i % 7 == 6 ? "確認します。" : "");
			}
			else {
				text.append(EN[random.nextInt(EN.length)]).append(i % 9 == 8 ? ". " : " ");
			}
		}
		return text.toString();
	}
}
