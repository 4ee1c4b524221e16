package io.kizuna.text;

import java.util.List;

/** A cluster of related texts of the last 90 days: its label (its most telling terms), how many, how many negative. */
public record Topic(int number, String label, List<String> terms, int texts, int negative) {
}
