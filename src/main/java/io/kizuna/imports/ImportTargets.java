package io.kizuna.imports;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.kizuna.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/** Every {@link ImportTarget} bean, in their order; two with one code fail the start. */
@Component
public class ImportTargets {

	private final Map<String, ImportTarget> byCode = new LinkedHashMap<>();

	ImportTargets(List<ImportTarget> targets) {
		targets.stream()
			.sorted(Comparator.comparingInt(ImportTarget::order).thenComparing(ImportTarget::code))
			.forEach(target -> {
				if (byCode.put(target.code(), target) != null) {
					throw new IllegalStateException("two import targets have the code " + target.code());
				}
			});
	}

	public List<ImportTarget> all() {
		return List.copyOf(byCode.values());
	}

	public List<String> codes() {
		return List.copyOf(byCode.keySet());
	}

	/**
	 * The target of that code, in any case.
	 *
	 * @throws InvalidInputException naming the known ones, as the enum of import kinds did
	 */
	public ImportTarget find(String code) {
		ImportTarget target = code == null ? null : byCode.get(code.toLowerCase(Locale.ROOT));
		if (target == null) {
			throw new InvalidInputException("unknown import '" + code + "': " + known());
		}
		return target;
	}

	private String known() {
		List<String> codes = codes();
		if (codes.size() <= 1) {
			return String.join("", codes);
		}
		return String.join(", ", codes.subList(0, codes.size() - 1)) + " or " + codes.get(codes.size() - 1);
	}
}
