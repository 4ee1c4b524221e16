package io.kizuna.imports.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import io.kizuna.imports.CsvImport;
import io.kizuna.imports.ImportReport;
import io.kizuna.imports.ImportTarget;
import io.kizuna.imports.ImportTargets;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.workspace.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload a CSV and see what was imported and every rejected line with its reason, in the reader's language; before
 * that, each target's columns and a template to start from.
 */
@Controller
class ImportPageController {

	/** The zones offered besides the workspace's (the default); any IANA id is accepted through the CLI and REST. */
	static final java.util.List<String> ZONES = java.util.List.of("UTC", "Asia/Tokyo", "Asia/Seoul", "Asia/Shanghai",
			"Asia/Singapore", "Australia/Sydney", "Europe/London", "Europe/Paris", "Europe/Berlin", "America/New_York",
			"America/Chicago", "America/Los_Angeles");

	private final CsvImport imports;

	private final ImportTargets targets;

	private final MessageSource messages;

	ImportPageController(CsvImport imports, ImportTargets targets, MessageSource messages) {
		this.imports = imports;
		this.targets = targets;
		this.messages = messages;
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
			@RequestParam(required = false) String timeZone, HttpServletRequest request, Locale locale, Model model)
			throws IOException {
		model.addAttribute("kinds", targets.all());
		model.addAttribute("zones", ZONES);
		try (InputStream in = file.getInputStream()) {
			if (file.isEmpty()) {
				throw new InvalidInputException("the file is empty");
			}
			java.time.ZoneId zone = CsvImport.timeZone(timeZone);
			ImportReport report = imports.importCsv(signedIn.user().workspaceId(), targets.find(kind), in,
					encoding == null || encoding.isBlank() ? null : encoding, zone, null);
			model.addAttribute("report", report);
			model.addAttribute("reasons", report.rejectedLines()
				.stream()
				.map(r -> new ShownRejection(r.line(), text(r.key(), r.arguments(), locale)))
				.toList());
			model.addAttribute("causes", report.causes()
				.stream()
				.map(c -> new ShownCause(text(c.key().replace("import.reason.", "import.cause."), List.of(c.subject()),
						locale), c.count()))
				.toList());
		}
		catch (io.kizuna.imports.FileRefusedException ex) {
			model.addAttribute("refused", text(ex.key().key(), ex.key().arguments(), locale));
			model.addAttribute("refusedErrors", ex.details().isEmpty() ? ex.errors()
					: ex.details().stream().map(d -> text(d.key(), d.arguments(), locale)).toList());
		}
		catch (InvalidInputException ex) {
			// Before the file is read: no file, or an import kind no target has.
			model.addAttribute("refused", file.isEmpty() ? messages.getMessage("import.refused.empty", null, locale)
					: ex.getMessage());
			model.addAttribute("refusedErrors", ex.errors());
		}
		return request.getHeader("HX-Request") != null ? "imports/imports :: result" : "imports/imports";
	}

	/** A CSV with the target's columns (required first) and, where the target gives one, an example row. */
	@GetMapping("/imports/templates/{code}.csv")
	void template(@PathVariable String code, HttpServletResponse response) throws IOException {
		ImportTarget target;
		try {
			target = targets.find(code);
		}
		catch (InvalidInputException ex) {
			throw new io.kizuna.shared.NotFoundException("no import " + code);
		}
		List<String> header = new java.util.ArrayList<>(target.columns().required());
		header.addAll(target.columns().optional());
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + target.code() + "-template.csv\"");
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
				CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
			out.write('\uFEFF'); // Excel in Japan opens it as UTF-8
			csv.printRecord(header);
			List<String> example = target.example();
			if (!example.isEmpty()) {
				csv.printRecord(example);
			}
		}
	}

	private String text(String key, List<Object> arguments, Locale locale) {
		Object[] args = arguments.toArray();
		return messages.getMessage(key, args, messages.getMessage("import.reason.other", args, locale), locale);
	}

	record ShownRejection(long line, String reason) {
	}

	record ShownCause(String cause, long count) {
	}
}
