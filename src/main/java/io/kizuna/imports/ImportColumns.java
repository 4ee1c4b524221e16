package io.kizuna.imports;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A target's columns.
 *
 * @param required in the order the refusal names them
 * @param optional understood when present
 * @param keepsOtherColumns whether other columns are kept (as attributes or traits) rather than refused
 */
public record ImportColumns(List<String> required, Set<String> optional, boolean keepsOtherColumns) {

	public ImportColumns {
		required = List.copyOf(required);
		optional = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(optional));
	}

	/** The header's columns beyond the known ones; refuses the file with every problem of the header at once. */
	public Set<String> check(String code, List<String> header) {
		List<String> errors = new ArrayList<>();
		List<FileRefusedException.Keyed> details = new ArrayList<>();
		Set<String> columns = new LinkedHashSet<>();
		for (String column : header) {
			if (!columns.add(column)) {
				errors.add("column '" + column + "' appears twice");
				details.add(FileRefusedException.Keyed.of("import.refused.twice", column));
			}
		}
		for (String column : required) {
			if (!columns.contains(column)) {
				errors.add("missing column '" + column + "'");
				details.add(FileRefusedException.Keyed.of("import.refused.missing", column));
			}
		}
		Set<String> extras = new LinkedHashSet<>();
		for (String column : columns) {
			if (!required.contains(column) && !optional.contains(column) && !"external_id".equals(column)) {
				if (!keepsOtherColumns) {
					errors.add("unexpected column '" + column + "'");
					details.add(FileRefusedException.Keyed.of("import.refused.unexpected", column));
				}
				extras.add(column);
			}
		}
		if (!errors.isEmpty()) {
			List<String> expected = new ArrayList<>(required);
			expected.addAll(optional);
			throw new FileRefusedException("the header does not fit the " + code + " import; expected columns " + expected
					+ " (the first " + required.size() + " required), found " + header, errors,
					FileRefusedException.Keyed.of("import.refused.header", code, String.join(", ", required),
							String.join(", ", optional)),
					details);
		}
		return extras;
	}
}
