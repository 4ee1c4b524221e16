package io.kizuna;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	static final Path DOCS = Path.of("target", "spring-modulith-docs");

	private final ApplicationModules modules = ApplicationModules.of(KizunaApplication.class);

	@Test
	void modulesDependOnEachOtherOnlyThroughTheirApis() {
		modules.verify();
	}

	/**
	 * The module documentation (target/spring-modulith-docs) is written afresh and covers every module: the overview
	 * diagram names each one, and each has its own diagram and its canvas with its base package.
	 */
	@Test
	void writesModuleDocumentationNamingEveryModule() throws IOException {
		if (Files.exists(DOCS)) {
			try (Stream<Path> old = Files.walk(DOCS)) {
				old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
		// Modules without relationships (backup) are shown too: the overview is the map of every module.
		Documenter.DiagramOptions options = Documenter.DiagramOptions.defaults()
			.withElementsWithoutRelationships(Documenter.DiagramOptions.ElementsWithoutRelationships.VISIBLE);
		new Documenter(modules).writeModulesAsPlantUml(options).writeIndividualModulesAsPlantUml().writeModuleCanvases();

		String overview = Files.readString(DOCS.resolve("components.puml"));
		assertThat(modules.stream()).hasSizeGreaterThanOrEqualTo(8);
		for (ApplicationModule module : modules) {
			String id = module.getIdentifier().toString();
			// a nested module (journeys.playbook) is drawn in its own diagram, not in the overview of top-level ones
			if (!modules.hasParent(module)) {
				assertThat(overview).as("the overview names " + id)
					.contains("\"" + module.getDisplayName() + "\", $techn=\"Module\"");
			}
			assertThat(Files.readString(DOCS.resolve("module-" + id + ".puml"))).as(id + " diagram")
				.contains("\"" + module.getDisplayName() + "\"");
			assertThat(Files.readString(DOCS.resolve("module-" + id + ".adoc"))).as(id + " canvas")
				.contains("`" + module.getBasePackage().getName() + "`");
		}
		// one diagram and one canvas per module, none left over from a module that no longer exists
		try (Stream<Path> files = Files.list(DOCS)) {
			assertThat(files.filter(path -> path.getFileName().toString().startsWith("module-"))).hasSize(2 * (int) modules.stream().count());
		}
	}
}
