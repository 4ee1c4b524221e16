package io.kizuna.feedback.surveys.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kizuna.feedback.SurveyAnswers;
import io.kizuna.feedback.SurveyAnswers.Invitation;
import io.kizuna.feedback.SurveyAnswers.Outcome;
import io.kizuna.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The public survey page {@code /s/{token}}: server-rendered, a plain form that works without JavaScript, in the
 * delivery's language unless the visitor picks the other ({@code ?lang}). An unknown token answers 404 and stores
 * nothing; a spent or expired one says so and stores nothing.
 */
@Controller
class SurveyPublicController {

	static final int MAX_FIELDS = 200;

	private final SurveyAnswers answers;

	private final LocaleResolver locales;

	SurveyPublicController(SurveyAnswers answers, LocaleResolver locales) {
		this.answers = answers;
		this.locales = locales;
	}

	private String language(String asked, Invitation inv, HttpServletRequest request, HttpServletResponse response) {
		String lang = "en".equals(asked) || "ja".equals(asked) ? asked : inv == null ? "ja" : inv.language();
		locales.setLocale(request, response, Locale.forLanguageTag(lang));
		org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.forLanguageTag(lang));
		return lang;
	}

	@GetMapping("/s/{token}")
	String show(@PathVariable String token, @RequestParam(required = false) String lang,
			@RequestParam(required = false) String score, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<Invitation> found = answers.open(token);
		response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
		String language = language(lang, found.orElse(null), request, response);
		model.addAttribute("lang", language);
		if (found.isEmpty()) {
			response.setStatus(404);
			return "feedback/survey-missing";
		}
		Invitation inv = found.get();
		model.addAttribute("inv", inv);
		model.addAttribute("token", token);
		if (!inv.answerable()) {
			model.addAttribute("state", inv.state());
			return "feedback/survey-closed";
		}
		Map<String, List<String>> shown = new LinkedHashMap<>(inv.answers());
		inv.survey().scoreQuestion().ifPresent(q -> {
			if (score != null && score.matches("\\d{1,2}")) {
				int s = Integer.parseInt(score);
				if (s >= q.min() && s <= q.max()) {
					shown.put(q.id(), List.of(score));
				}
			}
		});
		return form(model, inv, shown, null);
	}

	private String form(Model model, Invitation inv, Map<String, List<String>> shown, List<String> errors) {
		Integer score = inv.survey().scoreQuestion().map(q -> shown.get(q.id()))
			.filter(v -> !v.isEmpty() && v.get(0).matches("\\d{1,2}")).map(v -> Integer.valueOf(v.get(0))).orElse(null);
		model.addAttribute("survey", inv.survey());
		model.addAttribute("answers", shown);
		model.addAttribute("score", score);
		model.addAttribute("errors", errors);
		return "feedback/survey-answer";
	}

	@PostMapping("/s/{token}")
	String answer(@PathVariable String token, @RequestParam MultiValueMap<String, String> form,
			@RequestParam(required = false) String action, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<Invitation> found = answers.open(token);
		String language = language(form.getFirst("lang"), found.orElse(null), request, response);
		model.addAttribute("lang", language);
		if (found.isEmpty()) {
			response.setStatus(404);
			return "feedback/survey-missing";
		}
		Invitation inv = found.get();
		model.addAttribute("inv", inv);
		model.addAttribute("token", token);
		if (form.size() > MAX_FIELDS) {
			response.setStatus(400);
			return form(model, inv, Map.of(), List.of("form"));
		}
		boolean submit = !"save".equals(action);
		try {
			Outcome outcome = answers.answer(token, form, submit);
			if (outcome == Outcome.REFUSED) {
				response.setStatus(409);
				model.addAttribute("state", answers.open(token).map(Invitation::state).orElse("answered"));
				return "feedback/survey-closed";
			}
			if (outcome == Outcome.SAVED) {
				model.addAttribute("saved", true);
				return form(model, answers.open(token).orElseThrow(), answers.open(token).orElseThrow().answers(), null);
			}
			model.addAttribute("survey", inv.survey());
			return "feedback/survey-thanks";
		}
		catch (InvalidInputException ex) {
			response.setStatus(400);
			return form(model, inv, form, ex.errors().stream().map(e -> e.substring(0, e.indexOf(':') < 0 ? e.length() : e.indexOf(':'))).toList());
		}
	}

	/**
	 * The embed for the customer's web app: the host app asks Kizuna (REST, server to server) for a contact's
	 * personal link and calls {@code KizunaSurvey.show(url, text)}; the script shows a small banner that opens it.
	 */
	@GetMapping(value = "/s/embed.js", produces = "text/javascript")
	ResponseEntity<String> embed() {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)))
			.contentType(MediaType.valueOf("text/javascript;charset=UTF-8")).body(EMBED);
	}

	static final String EMBED = """
			// Kizuna survey embed: KizunaSurvey.show(personalLink, buttonText) shows a small banner opening the survey.
			(function () {
			  'use strict';
			  window.KizunaSurvey = {
			    show: function (url, text) {
			      if (!/^https?:\\/\\/[^\\s]+\\/s\\/[A-Za-z0-9_-]{43}$/.test(url)) { return; }
			      var a = document.createElement('a');
			      a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer';
			      a.textContent = text || 'Tell us what you think / ご意見をお聞かせください';
			      a.setAttribute('style', 'position:fixed;right:16px;bottom:16px;z-index:2147483647;padding:10px 14px;'
			        + 'background:#1f4e79;color:#fff;border-radius:6px;font:14px sans-serif;text-decoration:none');
			      a.addEventListener('click', function () { setTimeout(function () { a.remove(); }, 0); });
			      document.body.appendChild(a);
			    }
			  };
			})();
			""";
}
