package io.kizuna.imports;

import java.util.List;

import io.kizuna.shared.InvalidInputException;

/**
 * The file as a whole cannot be imported (unreadable, wrong columns); nothing of it was imported. The message and
 * errors are English (CLI, REST); {@link #key()} and {@link #details()} say the same for the import page in the
 * reader's language.
 */
public class FileRefusedException extends InvalidInputException {

	/** One message with its arguments. */
	public record Keyed(String key, List<Object> arguments) {

		public static Keyed of(String key, Object... arguments) {
			return new Keyed(key, List.of(arguments));
		}
	}

	private final Keyed key;

	private final List<Keyed> details;

	public FileRefusedException(String message, List<String> errors) {
		this(message, errors, Keyed.of("import.refused.other", message), List.of());
	}

	public FileRefusedException(String message, List<String> errors, Keyed key, List<Keyed> details) {
		super(message, errors);
		this.key = key;
		this.details = List.copyOf(details);
	}

	public Keyed key() {
		return key;
	}

	/** The errors as messages; empty when there are none or they have no keys (the page shows the English ones). */
	public List<Keyed> details() {
		return details;
	}
}
