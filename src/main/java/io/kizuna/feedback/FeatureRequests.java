package io.kizuna.feedback;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.kizuna.accounts.Account;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Contact;
import io.kizuna.feedback.requests.RequestStore;
import io.kizuna.messaging.MailRequest;
import io.kizuna.messaging.OutboundMail;
import io.kizuna.playbooks.TaskDraft;
import io.kizuna.playbooks.TaskManagement;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.ConflictException;
import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.CustomerText;
import io.kizuna.text.CustomerTextsWritten;
import io.kizuna.workspace.Workspace;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Feature requests weighted by revenue (ADR 0106): the board with its editable statuses, votes by contacts or on
 * behalf of accounts, demand kept current on each request, merging duplicates, and the loop closed when a request
 * ships — every voter told in their language through messaging, every voting account's CSM given a task.
 */
@Service
public class FeatureRequests {

	public static final int MAX_PAGE = 200;

	public static final int MAX_TAGS = 10;

	public static final List<String> VIA = List.of("portal", "account", "ticket", "note", "api", "import");

	private final RequestStore store;

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	private final OutboundMail mail;

	private final TaskManagement tasks;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	FeatureRequests(RequestStore store, AccountManagement accounts, WorkspaceManagement workspaces, OutboundMail mail,
			TaskManagement tasks, MessageSource messages, ApplicationEventPublisher events) {
		this.store = store;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.mail = mail;
		this.tasks = tasks;
		this.messages = messages;
		this.events = events;
	}

	// --- statuses

	@Transactional
	public List<RequestStatus> statuses(WorkspaceId ws) {
		store.ensureStatuses(ws);
		return store.statuses(ws);
	}

	/** Each status's label in a language: the workspace's own label, else the built-in message. */
	public Map<String, String> statusLabels(WorkspaceId ws, Locale locale) {
		String language = "en".equals(locale.getLanguage()) ? "en" : "ja";
		Map<String, String> labels = new java.util.LinkedHashMap<>();
		for (RequestStatus status : statuses(ws)) {
			String own = status.label(language);
			labels.put(status.code(), own != null ? own
					: messages.getMessage("feedback.request.status." + status.code(), null, status.code(), locale));
		}
		return labels;
	}

	/** Adds a status or relabels one (a built-in one keeps its behaviour; blank labels fall back to its messages). */
	@Transactional
	public RequestStatus saveStatus(WorkspaceId ws, String code, String labelJa, String labelEn, Integer position) {
		List<String> errors = new ArrayList<>();
		String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
		if (!c.matches("[a-z][a-z0-9_]{0,39}")) {
			errors.add("code: 1 to 40 lower-case letters, digits or _, starting with a letter");
		}
		boolean builtIn = RequestStatus.BUILT_IN.contains(c);
		if (!builtIn && (blank(labelJa) || blank(labelEn))) {
			errors.add("label: a Japanese and an English label are required");
		}
		if ((labelJa != null && labelJa.length() > 60) || (labelEn != null && labelEn.length() > 60)) {
			errors.add("label: at most 60 characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid status", errors);
		}
		List<RequestStatus> existing = statuses(ws);
		if (existing.size() >= 30 && existing.stream().noneMatch(s -> s.code().equals(c))) {
			throw new InvalidInputException("invalid status", List.of("code: at most 30 statuses"));
		}
		int pos = position != null ? position : existing.stream().filter(s -> s.code().equals(c))
			.mapToInt(RequestStatus::position).findFirst().orElse(existing.stream().mapToInt(RequestStatus::position).max().orElse(0) + 10);
		store.saveStatus(ws, c, strip(labelJa), strip(labelEn), pos);
		return store.statuses(ws).stream().filter(s -> s.code().equals(c)).findFirst().orElseThrow();
	}

	/** Removes a status of the workspace's own that no request holds. */
	@Transactional
	public void deleteStatus(WorkspaceId ws, String code) {
		if (RequestStatus.BUILT_IN.contains(code)) {
			throw new InvalidInputException("invalid status", List.of("code: a built-in status cannot be removed"));
		}
		if (store.deleteStatus(ws, code) == 0) {
			throw new ConflictException("status " + code + " is in use or does not exist");
		}
	}

	// --- requests

	public FeatureRequest get(WorkspaceId ws, long id) {
		return store.find(ws, id).orElseThrow(() -> new NotFoundException("No feature request " + id));
	}

	public List<FeatureRequest> board(WorkspaceId ws, BoardSort sort, String status, String category, String tag,
			int limit, int offset) {
		return store.board(ws, sort, blankToNull(status), blankToNull(category), blankToNull(tag),
				Math.max(1, Math.min(limit, MAX_PAGE)), Math.max(0, Math.min(offset, 1_000_000)));
	}

	public List<String> categories(WorkspaceId ws) {
		return store.categories(ws);
	}

	public List<FeatureRequest> ofAccount(WorkspaceId ws, long accountId, int limit) {
		return store.ofAccount(ws, accountId, Math.max(1, Math.min(limit, MAX_PAGE)));
	}

	/** Every request from an id on (merged ones too), for exports and text analytics. */
	public List<FeatureRequest> after(WorkspaceId ws, long afterId, int limit) {
		return store.after(ws, afterId, Math.max(1, Math.min(limit, 5_000)));
	}

	@Transactional
	public FeatureRequest create(WorkspaceId ws, RequestDraft draft, String actor) {
		RequestDraft clean = validate(draft);
		store.ensureStatuses(ws);
		long id = store.insert(ws, clean.title(), clean.description(), "under_review", clean.category(), clean.tags(),
				actor);
		FeatureRequest created = get(ws, id);
		written(ws, created, null);
		return created;
	}

	@Transactional
	public FeatureRequest update(WorkspaceId ws, long id, RequestDraft draft) {
		FeatureRequest existing = get(ws, id);
		RequestDraft clean = validate(draft);
		store.update(ws, existing.id(), clean.title(), clean.description(), clean.category(), clean.tags());
		FeatureRequest updated = get(ws, id);
		written(ws, updated, null);
		return updated;
	}

	@Transactional
	public FeatureRequest setRice(WorkspaceId ws, long id, RiceDraft rice) {
		FeatureRequest existing = get(ws, id);
		List<String> errors = new ArrayList<>();
		if (rice.reach() != null && (rice.reach() < 0 || rice.reach() > 100_000_000)) {
			errors.add("reach: 0 to 100000000");
		}
		if (rice.impact() != null && (rice.impact().signum() < 0 || rice.impact().doubleValue() > 10)) {
			errors.add("impact: 0 to 10 (0.25 minimal, 0.5 low, 1 medium, 2 high, 3 massive)");
		}
		if (rice.confidence() != null && (rice.confidence() < 0 || rice.confidence() > 100)) {
			errors.add("confidence: 0 to 100 (%)");
		}
		if (rice.effort() != null && (rice.effort().signum() <= 0 || rice.effort().doubleValue() > 9999)) {
			errors.add("effort: more than 0 and at most 9999 person-months");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid RICE", errors);
		}
		store.setRice(ws, existing.id(), rice.reach(), rice.impact(), rice.confidence(), rice.effort());
		return get(ws, id);
	}

	// --- votes

	/**
	 * Records a vote for a request of this workspace (another workspace's request is not found); a vote for a
	 * merged request counts for the one it was merged into. A voter votes once: a second vote changes nothing.
	 *
	 * @return the vote as stored, empty when the voter had already voted
	 */
	@Transactional
	public Optional<RequestVote> vote(WorkspaceId ws, long requestId, VoteDraft draft, String actor) {
		FeatureRequest request = get(ws, requestId);
		while (request.mergedInto() != null) {
			request = get(ws, request.mergedInto());
		}
		String via = draft.via() == null ? "api" : draft.via();
		if (!VIA.contains(via)) {
			throw new InvalidInputException("invalid vote", List.of("via: one of " + String.join(", ", VIA)));
		}
		if (draft.note() != null && draft.note().length() > 2000) {
			throw new InvalidInputException("invalid vote", List.of("note: at most 2000 characters"));
		}
		Contact contact = null;
		if (!blank(draft.contactExternalId())) {
			contact = accounts.findContact(ws, draft.contactExternalId().strip())
				.orElseThrow(() -> new NotFoundException("No contact " + draft.contactExternalId()));
		}
		String accountRef = !blank(draft.accountExternalId()) ? draft.accountExternalId().strip()
				: contact != null ? contact.accountExternalId() : null;
		if (accountRef == null) {
			throw new InvalidInputException("invalid vote", List.of("account: required (or a contact of an account)"));
		}
		Account account = accounts.account(ws, accountRef);
		if (contact != null && contact.accountExternalId() != null
				&& !contact.accountExternalId().equals(account.externalId())) {
			throw new InvalidInputException("invalid vote", List.of("contact: belongs to another account"));
		}
		String language = "en".equals(draft.language()) || "ja".equals(draft.language()) ? draft.language()
				: language(workspaces.get(ws));
		String note = blank(draft.note()) ? null : draft.note().strip();
		boolean stored = store.insertVote(ws, request.id(), account.id(), contact == null ? null : contact.id(),
				contact == null ? null : contact.email(), contact == null ? null : contact.name(), language, via,
				draft.ticketId(), note, actor);
		if (!stored) {
			return Optional.empty();
		}
		if (note != null && "note".equals(via)) {
			accounts.addNote(ws, account.externalId(), actor == null ? "Kizuna" : actor,
					note + "\n— " + request.title());
		}
		store.recompute(ws, List.of(request.id()));
		long target = request.id();
		return store.votes(ws, target, 1).stream().findFirst();
	}

	@Transactional
	public void removeVote(WorkspaceId ws, long requestId, long voteId) {
		get(ws, requestId);
		store.deleteVote(ws, requestId, voteId).orElseThrow(() -> new NotFoundException("No vote " + voteId));
		store.recompute(ws, List.of(requestId));
	}

	public List<RequestVote> votes(WorkspaceId ws, long requestId, int limit) {
		get(ws, requestId);
		return store.votes(ws, requestId, Math.max(1, Math.min(limit, 5_000)));
	}

	/** Whether a contact already voted for a request (the portal shows the vote as cast). */
	public boolean voted(WorkspaceId ws, long requestId, long contactId) {
		return store.voted(ws, requestId, "c:" + contactId);
	}

	public Optional<String> contactExternalId(WorkspaceId ws, long contactId) {
		return store.contactExternalId(ws, contactId);
	}

	// --- comments

	@Transactional
	public void comment(WorkspaceId ws, long requestId, String author, String body) {
		FeatureRequest request = get(ws, requestId);
		if (blank(body) || body.length() > 5000) {
			throw new InvalidInputException("invalid comment", List.of("body: 1 to 5000 characters"));
		}
		store.insertComment(ws, request.id(), blank(author) ? "Kizuna" : author.strip(), body.strip());
	}

	public List<RequestComment> comments(WorkspaceId ws, long requestId) {
		get(ws, requestId);
		return store.comments(ws, requestId);
	}

	// --- merge and status

	/**
	 * Merges a duplicate into another request: its votes and comments move (a voter of both is counted once), it
	 * becomes a duplicate pointing at the target, and the target's demand is recomputed.
	 */
	@Transactional
	public FeatureRequest merge(WorkspaceId ws, long sourceId, long targetId) {
		FeatureRequest source = get(ws, sourceId);
		FeatureRequest target = get(ws, targetId);
		if (source.id() == target.id()) {
			throw new InvalidInputException("invalid merge", List.of("target: a request cannot be merged into itself"));
		}
		if (source.mergedInto() != null) {
			throw new ConflictException("request " + sourceId + " was already merged");
		}
		if (target.mergedInto() != null) {
			throw new InvalidInputException("invalid merge", List.of("target: merged itself; merge into "
					+ target.mergedInto()));
		}
		store.ensureStatuses(ws);
		store.moveVotes(ws, source.id(), target.id());
		store.setStatus(ws, source.id(), RequestStatus.DUPLICATE, target.id());
		store.recompute(ws, List.of(source.id(), target.id()));
		return get(ws, target.id());
	}

	/**
	 * Moves a request to a status; becoming shipped closes the loop once: each voter with an address gets a mail in
	 * their language (suppressed addresses recorded, never sent), each voting account's CSM a task.
	 */
	@Transactional
	public FeatureRequest changeStatus(WorkspaceId ws, long id, String status, String actor) {
		FeatureRequest request = get(ws, id);
		if (statuses(ws).stream().noneMatch(s -> s.code().equals(status))) {
			throw new InvalidInputException("invalid status", List.of("status: not one of the board's statuses"));
		}
		if (RequestStatus.DUPLICATE.equals(status)) {
			throw new InvalidInputException("invalid status", List.of("status: merge the request to mark it a duplicate"));
		}
		if (request.mergedInto() != null) {
			throw new ConflictException("request " + id + " was merged into " + request.mergedInto());
		}
		if (status.equals(request.status())) {
			return request;
		}
		store.setStatus(ws, id, status, null);
		if (RequestStatus.SHIPPED.equals(status)) {
			closeTheLoop(ws, request);
		}
		return get(ws, id);
	}

	private void closeTheLoop(WorkspaceId ws, FeatureRequest request) {
		Workspace workspace = workspaces.get(ws);
		int notified = 0;
		for (String[] voter : store.voterAddresses(ws, request.id())) {
			Locale locale = Locale.forLanguageTag(voter[2]);
			String name = blank(voter[1]) ? messages.getMessage("feedback.request.shipped.customer", null, locale)
					: voter[1];
			mail.send(ws, new MailRequest("feedback-shipped-" + request.id() + "-" + voter[0].toLowerCase(Locale.ROOT),
					voter[0], voter[1], workspace.name(),
					messages.getMessage("feedback.request.shipped.subject", new Object[] { request.title() }, locale),
					messages.getMessage("feedback.request.shipped.body",
							new Object[] { name, request.title(), workspace.name() }, locale),
					voter[2], voter[3]));
			notified++;
		}
		List<Long> accountIds = store.votingAccounts(ws, request.id());
		Map<Long, String> externalIds = accounts.externalIds(ws, accountIds);
		Locale locale = workspace.locale();
		LocalDate due = tasks.today(ws).plusDays(3);
		List<TaskDraft> drafts = new ArrayList<>();
		for (Long accountId : new LinkedHashSet<>(accountIds)) {
			drafts.add(new TaskDraft(externalIds.get(accountId),
					truncate(messages.getMessage("feedback.request.shipped.task", new Object[] { request.title() }, locale), 200),
					"activity", "normal", due, null,
					messages.getMessage("feedback.request.shipped.reason", new Object[] { request.title(), request.id() },
							locale),
					List.of()));
		}
		for (int i = 0; i < drafts.size(); i += 5_000) {
			tasks.createAll(ws, drafts.subList(i, Math.min(drafts.size(), i + 5_000)), null);
		}
		events.publishEvent(new FeatureRequestShipped(ws, request.id(), request.title(),
				accountIds.stream().map(AccountId::new).toList(), notified));
	}

	/** Recomputes every request's demand, e.g. after a scoring run changed bands and ARR. */
	@Transactional
	public int recomputeDemand(WorkspaceId ws) {
		return store.recompute(ws, null);
	}

	// --- text analytics

	/** A request as text analytics reads it: its title and description. */
	public CustomerText customerText(WorkspaceId ws, FeatureRequest request) {
		String text = request.description().isBlank() ? request.title() : request.title() + "\n" + request.description();
		return new CustomerText(ws, "feature_request", Long.toString(request.id()), null, text, request.createdAt(),
				"/feedback/requests/" + request.id());
	}

	private void written(WorkspaceId ws, FeatureRequest request, Long accountId) {
		events.publishEvent(new CustomerTextsWritten(ws, List.of(customerText(ws, request))));
	}

	// --- validation

	static RequestDraft validate(RequestDraft draft) {
		List<String> errors = new ArrayList<>();
		String title = draft == null || draft.title() == null ? "" : draft.title().strip();
		if (title.isEmpty() || title.length() > 200) {
			errors.add("title: 1 to 200 characters");
		}
		String description = draft == null || draft.description() == null ? "" : draft.description().strip();
		if (description.length() > 10_000) {
			errors.add("description: at most 10000 characters");
		}
		String category = draft == null || blank(draft.category()) ? null : draft.category().strip();
		if (category != null && category.length() > 60) {
			errors.add("category: at most 60 characters");
		}
		List<String> tags = draft == null || draft.tags() == null ? List.of()
				: draft.tags().stream().filter(t -> !blank(t)).map(String::strip).distinct().toList();
		if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > 40)) {
			errors.add("tags: at most 10 tags of at most 40 characters");
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid feature request", errors);
		}
		return new RequestDraft(title, description, category, tags);
	}

	static String language(Workspace workspace) {
		return "en".equals(workspace.locale().getLanguage()) ? "en" : "ja";
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static String blankToNull(String s) {
		return blank(s) ? null : s.strip();
	}

	private static String strip(String s) {
		return blank(s) ? null : s.strip();
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}
}
