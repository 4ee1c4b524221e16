package io.kizuna;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Maven runs only the classes its includes name (pom.xml: {@code *Tests} by surefire, {@code *FuzzTests} in their own
 * JVM, {@code *IT} by failsafe): a test class named otherwise compiles, passes in the IDE and never runs in CI, as
 * five of the text module's did.
 */
class TestNamingTests {

	@Test
	void everyClassWithTestsIsOneMavenRuns() throws IOException {
		List<String> unrun;
		try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
			unrun = files.filter(f -> f.toString().endsWith(".java"))
				.filter(f -> {
					String name = f.getFileName().toString();
					return !name.endsWith("Tests.java") && !name.endsWith("IT.java");
				})
				.filter(TestNamingTests::declaresTests)
				.map(Path::toString)
				.sorted()
				.toList();
		}
		assertThat(unrun).as("test classes Maven would never run").isEmpty();
	}

	private static boolean declaresTests(Path file) {
		try {
			String source = Files.readString(file);
			return source.contains("import org.junit.jupiter.api.Test;") || source.contains("@org.junit.jupiter.api.Test")
					|| source.contains("@ParameterizedTest") || source.contains("@FuzzTest");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
