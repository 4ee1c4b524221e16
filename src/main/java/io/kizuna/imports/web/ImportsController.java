package io.kizuna.imports.web;

import java.io.IOException;
import java.io.InputStream;

import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportReport;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.ImportTargets;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** CSV upload; the answer lists the first 1,000 rejected lines with their reasons and counts them all. */
@RestController
@Tag(name = "Imports", description = "CSV files streamed into the workspace, with a report of every rejected line")
class ImportsController {

	private final CsvImport imports;

	private final ImportTargets targets;

	ImportsController(CsvImport imports, ImportTargets targets) {
		this.imports = imports;
		this.targets = targets;
	}

	@PostMapping(path = "/api/v1/imports/{kind}", consumes = "multipart/form-data")
	@ResponseStatus(HttpStatus.OK)
	@Operation(summary = "Import a CSV (or a gzip-compressed CSV) of one of the targets (accounts, contacts, subscriptions,"
			+ " events, transactions and whatever other modules add; see docs/import.md); timeZone (e.g. Europe/London,"
			+ " default the workspace's) is where dates and times without an offset are local")
	@ApiResponse(responseCode = "413", description = "The file is larger than the upload limit (200 MB)")
	ImportReport upload(@AuthenticationPrincipal ApiClient client, @PathVariable String kind,
			@RequestParam("file") MultipartFile file, @RequestParam(required = false) String encoding,
			@RequestParam(required = false) String timeZone) throws IOException {
		ImportTarget importKind = targets.find(kind);
		java.time.ZoneId zone = CsvImport.timeZone(timeZone);
		if (file.isEmpty()) {
			throw new InvalidInputException("the file is empty");
		}
		try (InputStream in = file.getInputStream()) {
			return imports.importCsv(client.workspaceId(), importKind, in, encoding, zone, null);
		}
	}
}
