package io.kizuna.usage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.kizuna.bench.LoadDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: parsing and validating one /v1/batch body in process, the streaming parser of today against the Jackson-tree
 * parser it replaced (ADR 0015), on the load driver's realistic track events. bench/run.sh jmh
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgs = "-Xmx1g")
public class SegmentParsingBenchmark {

	@Param({ "100", "500" })
	int batchSize;

	byte[] body;

	Instant receivedAt;

	@Setup
	public void body() {
		body = LoadDriver.batch(new SplittableRandom(42), "jmh", batchSize, 500).getBytes(StandardCharsets.UTF_8);
		receivedAt = Instant.now();
	}

	@Benchmark
	public List<TrackedMessage> streaming() {
		return SegmentParser.parse("batch", body, receivedAt);
	}

	@Benchmark
	public List<TrackedMessage> tree() {
		return LegacySegmentParser.parse("batch", body, receivedAt);
	}
}
