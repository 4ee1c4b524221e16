package io.kizuna.shared.cli;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.BeanUtils;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
import picocli.CommandLine.Command;

/**
 * Finds the {@link KizunaCommand}s of every module by reading class files under {@code io.kizuna}, without loading
 * a Spring context: the command decides whether a context starts at all. Scanning (rather than a list of class
 * names in one file) keeps adding a command to a module a change of that module's files only.
 */
final class CommandScan {

	private CommandScan() {
	}

	static List<KizunaCommand> commands(String basePackage) {
		var scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(KizunaCommand.class));
		// A command is named by its @Command; an implementation without one is a helper, not a command.
		scanner.addExcludeFilter((reader, factory) -> !reader.getAnnotationMetadata().hasAnnotation(Command.class.getName()));
		ClassLoader loader = CommandScan.class.getClassLoader();
		return scanner.findCandidateComponents(basePackage)
			.stream()
			.map(candidate -> (KizunaCommand) BeanUtils.instantiateClass(ClassUtils.resolveClassName(candidate.getBeanClassName(), loader)))
			.sorted(Comparator.comparingInt(CommandScan::order).thenComparing(CommandScan::name))
			.toList();
	}

	static String name(KizunaCommand command) {
		return command.getClass().getAnnotation(Command.class).name();
	}

	/** The usage lists serve (the default) first, other ways to serve next, then the tools by name. */
	private static int order(KizunaCommand command) {
		return command instanceof ServeCommand ? 0 : command.needs() == KizunaCommand.Needs.SERVER ? 1 : 2;
	}
}
