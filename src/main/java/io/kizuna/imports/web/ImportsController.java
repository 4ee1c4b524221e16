package io.kizuna.imports.web;

import java.io.IOException;
import java.io.InputStream;

import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportKind;
import io.kizuna.imports.ImportReport;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** CSV upload; the answer lists the first 1,000 rejected lines with their reasons and counts them all. */
@RestController
@Tag(name = "Imports")
class ImportsController {

	private final CsvImport imports;

	ImportsController(CsvImport imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/api/v1/imports/{kind}", consumes = "multipart/form-data")
	@Operation(summary = "Import a CSV of accounts, contacts, subscriptions, events or transactions (see docs/import.md)")
	ImportReport upload(@AuthenticationPrincipal ApiClient client, @PathVariable String kind,
			@RequestParam("file") MultipartFile file, @RequestParam(required = false) String encoding)
			throws IOException {
		ImportKind importKind = ImportKind.fromPath(kind);
		if (file.isEmpty()) {
			throw new InvalidInputException("the file is empty");
		}
		try (InputStream in = file.getInputStream()) {
			return imports.importCsv(client.workspaceId(), importKind, in, encoding, null);
		}
	}
}
