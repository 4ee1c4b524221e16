package io.kizuna.imports;

import java.util.List;

import io.kizuna.shared.InvalidInputException;

/** The file as a whole cannot be imported (unreadable, wrong columns); nothing of it was imported. */
public class FileRefusedException extends InvalidInputException {

	public FileRefusedException(String message, List<String> errors) {
		super(message, errors);
	}
}
