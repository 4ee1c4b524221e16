package io.kizuna.imports.web;

import io.kizuna.workspace.SignedInUser;
import java.io.IOException;
import java.io.InputStream;

import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportTargets;
import io.kizuna.shared.InvalidInputException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Upload a CSV and see what was imported and every rejected line with its reason. */
@Controller
class ImportPageController {

	/** The zones offered besides the workspace's (the default); any IANA id is accepted through the CLI and REST. */
	static final java.util.List<String> ZONES = java.util.List.of("UTC", "Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai",
			"Asia/Singapore", "Australia/Sydney", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York",
			"America/Chicago", "America/Los_Angeles");

	private final CsvImport imports;

	private final ImportTargets targets;

	ImportPageController(CsvImport imports, ImportTargets targets) {
		this.imports = imports;
		this.targets = targets;
	}

	@GetMapping("/imports")
	String form(Model model) {
		model.addAttribute("kinds", targets.all());
		model.addAttribute("zones", ZONES);
		return "imports/imports";
	}

	/** Answers the report fragment (htmx swaps it in; without JavaScript the whole page is rendered). */
	@PostMapping("/imports")
	String upload(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam String kind,
			@RequestParam("file") MultipartFile file, @RequestParam(required = false) String encoding,
			@RequestParam(required = false) String timeZone, jakarta.servlet.http.HttpServletRequest request,
			Model model) throws IOException {
		model.addAttribute("kinds", targets.all());
		model.addAttribute("zones", ZONES);
		try (InputStream in = file.getInputStream()) {
			if (file.isEmpty()) {
				throw new InvalidInputException("the file is empty");
			}
			java.time.ZoneId zone = CsvImport.timeZone(timeZone);
			model.addAttribute("report", imports.importCsv(signedIn.user().workspaceId(), targets.find(kind), in,
					encoding == null || encoding.isBlank() ? null : encoding, zone, null));
		}
		catch (InvalidInputException ex) {
			model.addAttribute("refused", ex.getMessage());
			model.addAttribute("refusedErrors", ex.errors());
		}
		return request.getHeader("HX-Request") != null ? "imports/imports :: result" : "imports/imports";
	}
}
