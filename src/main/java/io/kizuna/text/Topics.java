package io.kizuna.text;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kizuna.shared.WorkspaceId;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Topics (ADR 0115): k-means++ (Apache Commons Math) over the texts of the last 90 days as unit-length TF-IDF
 * vectors of their terms (the 300 most common), seeded so the same texts give the same topics. A topic's label is its
 * three terms most over-represented in it against all texts. Computed after analysis (at most every ten minutes, and
 * on every re-analysis) into {@code text_topic}, so the page reads a few rows whatever the volume.
 */
@Component
class Topics {

	static final int SAMPLE = 5_000;

	static final int VOCABULARY = 300;

	private final JdbcClient jdbc;

	Topics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean stale(WorkspaceId workspace) {
		return jdbc.sql("""
				select coalesce(max(computed_at) < now() - interval '10 minutes', true) from text_topic where workspace_id = :ws""")
			.param("ws", workspace.value()).query(Boolean.class).single();
	}

	List<Topic> read(WorkspaceId workspace) {
		return jdbc.sql("select topic_no, label, terms, texts, negative from text_topic where workspace_id = :ws order by texts desc, topic_no")
			.param("ws", workspace.value())
			.query((rs, n) -> new Topic(rs.getInt(1), rs.getString(2), Arrays.asList((String[]) rs.getArray(3).getArray()),
					rs.getInt(4), rs.getInt(5)))
			.list();
	}

	private record Doc(long id, double[] point, boolean negative) implements Clusterable {
		@Override
		public double[] getPoint() {
			return point;
		}
	}

	void compute(WorkspaceId workspace, LocalDate today) {
		record Row(long id, List<String> terms, boolean negative) {
		}
		List<Row> rows = jdbc.sql("""
				select document_id, terms, sentiment = 'negative' from text_document
				where workspace_id = :ws and day > :from and status = 'analysed' and cardinality(terms) > 0
				order by written_at desc limit :limit""")
			.param("ws", workspace.value()).param("from", Date.valueOf(today.minusDays(90))).param("limit", SAMPLE)
			.query((rs, n) -> new Row(rs.getLong(1), Arrays.asList((String[]) rs.getArray(2).getArray()), rs.getBoolean(3)))
			.list();
		Map<String, Integer> df = new HashMap<>();
		rows.forEach(r -> r.terms().forEach(t -> df.merge(t, 1, Integer::sum)));
		List<String> vocabulary = df.entrySet().stream().filter(e -> e.getValue() >= 3)
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(VOCABULARY).map(Map.Entry::getKey).toList();
		List<Topic> topics = new ArrayList<>();
		List<long[]> samples = new ArrayList<>();
		if (vocabulary.size() >= 2 && rows.size() >= 20) {
			Map<String, Integer> index = new HashMap<>();
			for (int i = 0; i < vocabulary.size(); i++) {
				index.put(vocabulary.get(i), i);
			}
			List<Doc> docs = new ArrayList<>();
			for (Row r : rows) {
				double[] v = new double[vocabulary.size()];
				double norm = 0;
				for (String t : r.terms()) {
					Integer i = index.get(t);
					if (i != null) {
						v[i] = Math.log((double) rows.size() / df.get(t));
						norm += v[i] * v[i];
					}
				}
				if (norm > 0) {
					double n = Math.sqrt(norm);
					for (int i = 0; i < v.length; i++) {
						v[i] /= n;
					}
					docs.add(new Doc(r.id(), v, r.negative()));
				}
			}
			int k = Math.max(2, Math.min(8, docs.size() / 30));
			JDKRandomGenerator random = new JDKRandomGenerator();
			random.setSeed(19L);
			// texts that all use the same terms weigh nothing (idf 0): fewer points than clusters is no topic at all
			List<CentroidCluster<Doc>> clusters = docs.size() < k ? List.of()
					: new KMeansPlusPlusClusterer<Doc>(k, 30, new EuclideanDistance(), random).cluster(docs);
			int number = 0;
			for (CentroidCluster<Doc> cluster : clusters) {
				if (cluster.getPoints().size() < 3) {
					continue;
				}
				Map<String, Integer> inCluster = new LinkedHashMap<>();
				Map<Long, Row> byId = new HashMap<>();
				rows.forEach(r -> byId.put(r.id(), r));
				cluster.getPoints().forEach(d -> byId.get(d.id()).terms().forEach(t -> inCluster.merge(t, 1, Integer::sum)));
				int size = cluster.getPoints().size();
				List<String> label = inCluster.entrySet().stream().filter(e -> e.getValue() >= 2)
					.sorted(Comparator.comparingDouble((Map.Entry<String, Integer> e) -> -(e.getValue() / (double) size)
							* Math.log((double) rows.size() / df.get(e.getKey())))
						.thenComparing(Map.Entry::getKey))
					.limit(3).map(Map.Entry::getKey).toList();
				if (label.isEmpty()) {
					continue;
				}
				number++;
				int negative = (int) cluster.getPoints().stream().filter(Doc::negative).count();
				topics.add(new Topic(number, String.join(" · ", label), label, size, negative));
				samples.add(cluster.getPoints().stream().limit(10).mapToLong(Doc::id).toArray());
			}
		}
		jdbc.sql("delete from text_topic where workspace_id = :ws").param("ws", workspace.value()).update();
		for (int i = 0; i < topics.size(); i++) {
			Topic t = topics.get(i);
			jdbc.sql("""
					insert into text_topic (workspace_id, topic_no, label, terms, texts, negative, sample_ids)
					values (:ws, :no, :label, :terms, :texts, :negative, :samples)""")
				.param("ws", workspace.value()).param("no", t.number()).param("label", t.label())
				.param("terms", t.terms().toArray(String[]::new)).param("texts", t.texts()).param("negative", t.negative())
				.param("samples", Arrays.stream(samples.get(i)).boxed().toArray(Long[]::new))
				.update();
		}
	}
}
