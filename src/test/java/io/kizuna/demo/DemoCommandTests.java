package io.kizuna.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTests {

	@Test
	void itsOptionsInEitherFormBecomeDemoSettings() {
		DemoCommand command = new DemoCommand();
		new CommandLine(command).parseArgs("--accounts", "30", "--seed=7", "--days", "45");
		assertThat(command.springArguments()).containsExactly("--kizuna.demo.accounts=30", "--kizuna.demo.seed=7",
				"--kizuna.demo.days=45");
		assertThat(command.profiles()).containsExactly("demo");
	}

	@Test
	void withoutOptionsTheSettingsKeepTheirDefaults() {
		DemoCommand command = new DemoCommand();
		new CommandLine(command).parseArgs();
		assertThat(command.springArguments()).isEmpty();
	}
}
