package io.kizuna.support.web;

import java.util.List;
import java.util.Locale;

import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.support.CsatSurvey;
import io.kizuna.support.CsatSurveys;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The CSAT page {@code /csat/{token}}: the rating chosen in the mail is preselected, one click on "send" records it
 * (a link opened by a mail scanner records nothing, ADR 0121); the token is spent by the first answer.
 */
@Controller
class CsatController {

	private final CsatSurveys surveys;

	CsatController(CsatSurveys surveys) {
		this.surveys = surveys;
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Model model) {
		model.addAttribute("lang", WebFormController.language(null, null));
		return "support/public-missing";
	}

	private static Locale locale(String lang) {
		return Locale.forLanguageTag(WebFormController.language(lang, null));
	}

	@GetMapping("/csat/{token}")
	String survey(@PathVariable String token, @RequestParam(required = false) String lang,
			@RequestParam(required = false) Integer rating, Model model, HttpServletResponse response) {
		if (!token.matches("[A-Za-z0-9_-]{32,128}")) {
			throw new NotFoundException("no survey");
		}
		CsatSurvey survey = surveys.survey(token, locale(lang));
		page(model, survey, lang, token);
		model.addAttribute("chosen", rating);
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Referrer-Policy", "no-referrer");
		return "support/csat";
	}

	@PostMapping("/csat/{token}")
	String answer(@PathVariable String token, @RequestParam(required = false) String lang,
			@RequestParam(required = false) Integer rating, @RequestParam(required = false) String comment,
			Model model, HttpServletResponse response) {
		Locale locale = locale(lang);
		try {
			CsatSurvey survey = surveys.answer(token, rating == null ? 0 : rating, comment, locale);
			page(model, survey, lang, token);
			model.addAttribute("thanks", true);
		}
		catch (InvalidInputException ex) {
			CsatSurvey survey = surveys.survey(token, locale);
			page(model, survey, lang, token);
			model.addAttribute("chosen", rating);
			model.addAttribute("comment", comment == null ? "" : comment.substring(0, Math.min(comment.length(), 2000)));
			model.addAttribute("errors", ex.errors());
			response.setStatus(400);
		}
		catch (ConflictException ex) {
			page(model, surveys.survey(token, locale), lang, token);
			model.addAttribute("already", true);
			response.setStatus(409);
		}
		response.setHeader("Referrer-Policy", "no-referrer");
		return "support/csat";
	}

	private static void page(Model model, CsatSurvey survey, String lang, String token) {
		String language = WebFormController.language(lang, null);
		model.addAttribute("survey", survey);
		model.addAttribute("lang", language);
		model.addAttribute("other", "ja".equals(language) ? "en" : "ja");
		model.addAttribute("token", token);
		model.addAttribute("ratings", "binary".equals(survey.scale()) ? List.of(5, 1) : List.of(5, 4, 3, 2, 1));
		model.addAttribute("errors", List.of());
	}
}
