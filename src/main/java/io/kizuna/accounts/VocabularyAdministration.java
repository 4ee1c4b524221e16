package io.kizuna.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditTrail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an admin changes in a workspace's tiers and lifecycle stages: adds a term, renames its labels, moves it up or
 * down. A code, once added, stays (accounts and files carry it), so renaming changes labels only. Every change is in
 * the audit log. Errors are message keys ({@code vocabulary.error.*}) for the settings page.
 */
@Service
public class VocabularyAdministration {

	static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

	static final int MAX_TERMS = 50;

	private final VocabularyTerms terms;

	private final AuditTrail auditTrail;

	VocabularyAdministration(VocabularyTerms terms, AuditTrail auditTrail) {
		this.terms = terms;
		this.auditTrail = auditTrail;
	}

	public Vocabulary vocabulary(WorkspaceId workspace, AccountVocabulary kind) {
		return terms.of(workspace, kind);
	}

	/** @throws InvalidInputException with {@code vocabulary.error.*} keys as errors */
	@Transactional
	public Vocabulary add(WorkspaceId workspace, AccountVocabulary kind, String code, String labelJa, String labelEn) {
		Vocabulary current = terms.of(workspace, kind);
		String cleanCode = code == null ? "" : code.strip();
		List<String> errors = labelErrors(labelJa, labelEn);
		if (!CODE.matcher(cleanCode).matches()) {
			errors.add("vocabulary.error.code");
		}
		if (current.terms().size() >= MAX_TERMS) {
			errors.add("vocabulary.error.tooMany");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid " + kind.code(), errors);
		}
		if (current.contains(cleanCode)) {
			throw new ConflictException("vocabulary.error.exists");
		}
		List<Term> next = new ArrayList<>(current.terms());
		next.add(new Term(cleanCode, labelJa.strip(), labelEn.strip()));
		return store(workspace, new Vocabulary(kind, next), "vocabulary.added", cleanCode);
	}

	@Transactional
	public Vocabulary rename(WorkspaceId workspace, AccountVocabulary kind, String code, String labelJa,
			String labelEn) {
		Vocabulary current = terms.of(workspace, kind);
		int index = indexOf(current, code);
		List<String> errors = labelErrors(labelJa, labelEn);
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid " + kind.code(), errors);
		}
		List<Term> next = new ArrayList<>(current.terms());
		next.set(index, new Term(code, labelJa.strip(), labelEn.strip()));
		return store(workspace, new Vocabulary(kind, next), "vocabulary.renamed", code);
	}

	/** Moves the term one place up ({@code -1}) or down ({@code +1}); at either end it stays. */
	@Transactional
	public Vocabulary move(WorkspaceId workspace, AccountVocabulary kind, String code, int by) {
		Vocabulary current = terms.of(workspace, kind);
		int index = indexOf(current, code);
		int target = index + Integer.signum(by);
		if (target < 0 || target >= current.terms().size()) {
			return current;
		}
		List<Term> next = new ArrayList<>(current.terms());
		next.set(index, current.terms().get(target));
		next.set(target, current.terms().get(index));
		return store(workspace, new Vocabulary(kind, next), "vocabulary.moved", code);
	}

	private Vocabulary store(WorkspaceId workspace, Vocabulary next, String action, String code) {
		terms.replace(workspace, next);
		auditTrail.record(workspace, action, next.kind().code() + ":" + code, Map.of("order", next.codes()));
		return next;
	}

	private static int indexOf(Vocabulary vocabulary, String code) {
		for (int i = 0; i < vocabulary.terms().size(); i++) {
			if (vocabulary.terms().get(i).code().equals(code)) {
				return i;
			}
		}
		throw new NotFoundException("no " + vocabulary.kind().code() + " " + code);
	}

	private static List<String> labelErrors(String labelJa, String labelEn) {
		List<String> errors = new ArrayList<>();
		if (!validLabel(labelJa)) {
			errors.add("vocabulary.error.labelJa");
		}
		if (!validLabel(labelEn)) {
			errors.add("vocabulary.error.labelEn");
		}
		return errors;
	}

	private static boolean validLabel(String label) {
		return label != null && !label.isBlank() && label.strip().length() <= 100
				&& label.chars().noneMatch(Character::isISOControl);
	}
}
