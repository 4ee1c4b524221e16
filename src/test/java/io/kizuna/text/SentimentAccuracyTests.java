package io.kizuna.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.kizuna.SharedDatasets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sentiment method against a majority-class baseline in the same run, on chABSA (ja; a sentence's label is the
 * majority polarity of its opinions, ties and neutral-only dropped) and Yelp sentences (en). Prints both figures
 * (docs/text.md) and asserts the method's macro F1 beats the baseline's.
 */
class SentimentAccuracyTests {

	record Labelled(String text, String label) {
	}

	static List<Labelled> yelp() throws IOException {
		List<Labelled> rows = new ArrayList<>();
		for (String line : Files.readAllLines(SharedDatasets.resolve("sentiment/en-yelp/yelp_labelled.txt"))) {
			String[] parts = line.split("\t");
			if (parts.length == 2) {
				rows.add(new Labelled(parts[0], parts[1].strip().equals("1") ? "positive" : "negative"));
			}
		}
		return rows;
	}

	static List<Labelled> chabsa() throws IOException {
		List<Labelled> rows = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		try (Stream<Path> files = Files.list(SharedDatasets.resolve("sentiment/ja-chabsa"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
				for (JsonNode sentence : json.readTree(file.toFile()).path("sentences")) {
					int pos = 0;
					int neg = 0;
					for (JsonNode opinion : sentence.path("opinions")) {
						String p = opinion.path("polarity").asString();
						pos += p.equals("positive") ? 1 : 0;
						neg += p.equals("negative") ? 1 : 0;
					}
					if (pos != neg) {
						rows.add(new Labelled(sentence.path("sentence").asString(), pos > neg ? "positive" : "negative"));
					}
				}
			}
		}
		return rows;
	}

	/** {accuracy, macro F1 over positive and negative}. */
	static double[] score(List<Labelled> rows, List<String> predicted) {
		int correct = 0;
		double f1 = 0;
		for (int i = 0; i < rows.size(); i++) {
			correct += rows.get(i).label().equals(predicted.get(i)) ? 1 : 0;
		}
		for (String c : List.of("positive", "negative")) {
			int tp = 0;
			int fp = 0;
			int fn = 0;
			for (int i = 0; i < rows.size(); i++) {
				boolean truth = rows.get(i).label().equals(c);
				boolean said = predicted.get(i).equals(c);
				tp += truth && said ? 1 : 0;
				fp += !truth && said ? 1 : 0;
				fn += truth && !said ? 1 : 0;
			}
			double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
			double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
			f1 += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
		}
		return new double[] { (double) correct / rows.size(), f1 / 2 };
	}

	void compare(String name, List<Labelled> rows, String language) {
		Terms terms = new Terms(TextSettings.NONE);
		List<String> method = rows.stream().map(r -> Sentiments.analyse(terms, r.text(), language).label()).toList();
		long positives = rows.stream().filter(r -> r.label().equals("positive")).count();
		String majority = positives * 2 >= rows.size() ? "positive" : "negative";
		List<String> baseline = rows.stream().map(r -> majority).toList();
		double[] m = score(rows, method);
		double[] b = score(rows, baseline);
		System.out.printf("sentiment %s (%d sentences): method accuracy %.3f macro F1 %.3f; majority baseline accuracy %.3f macro F1 %.3f%n",
				name, rows.size(), m[0], m[1], b[0], b[1]);
		assertThat(m[1]).as(name + " macro F1 against the baseline").isGreaterThan(b[1]);
	}

	@Test
	void beatsTheBaselineOnYelp() throws IOException {
		compare("en-yelp", yelp(), "en");
	}

	@Test
	void beatsTheBaselineOnChabsa() throws IOException {
		compare("ja-chabsa", chabsa(), "ja");
	}
}
