package io.kizuna;

import io.kizuna.shared.cli.KizunaCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One jar, several commands: {@code serve} (the default) and whatever the modules contribute as
 * {@link io.kizuna.shared.cli.KizunaCommand}s ({@code demo}, {@code import}, {@code ltv}, …); {@code --help} lists
 * them (ADR 0018).
 */
@SpringBootApplication
public class KizunaApplication {

	public static void main(String[] args) {
		KizunaCommandLine.main(KizunaApplication.class, args);
	}
}
