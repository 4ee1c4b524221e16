package io.kizuna.web;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.health.HealthAdministration;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.AuditQuery;
import io.kizuna.workspace.NewWorkspace;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Role;
import io.kizuna.workspace.TokenScope;
import io.kizuna.workspace.WebPages;
import io.kizuna.workspace.WorkspaceManagement;
import io.kizuna.workspace.AuditTrail;
import io.kizuna.workspace.AccessKeys;
import io.kizuna.workspace.UserManagement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The role matrix of docs/security.md, checked for every page and action the application has: the mappings are read
 * from the application itself, so a new page or action that is not in {@link #MATRIX} fails this test until someone
 * decides who may use it. Each role signs in for real and calls each mapping (changes with a valid CSRF token):
 * allowed calls are never refused, refused ones get 403, and viewers change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RolePermissionsIT {

	static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

	static final Set<Role> WORKERS = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.CSM, Role.SUPPORT);

	static final Set<Role> OWNERS = EnumSet.of(Role.ADMIN, Role.MANAGER, Role.CSM);

	static final Set<Role> LEADS = EnumSet.of(Role.ADMIN, Role.MANAGER);

	static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

	/** Who may call each page and action; the same table is in docs/security.md. */
	static final Map<String, Set<Role>> MATRIX = Map.ofEntries(
			entry("GET /", EVERYONE),
			entry("GET /accounts", EVERYONE),
			entry("GET /accounts/{externalId}", EVERYONE),
			entry("GET /at-risk", EVERYONE),
			entry("GET /revenue", EVERYONE),
			entry("GET /revenue/ltv", EVERYONE),
			entry("GET /accounts/{externalId}/ltv", EVERYONE),
			entry("POST /accounts/{externalId}/notes", WORKERS),
			entry("POST /accounts/{externalId}/notes/{noteId}", WORKERS),
			entry("POST /accounts/{externalId}/notes/{noteId}/delete", WORKERS),
			entry("POST /accounts/{externalId}/owner", OWNERS),
			entry("POST /accounts/{externalId}/profile", OWNERS),
			entry("POST /accounts/{externalId}/attributes", OWNERS),
			entry("POST /accounts/{externalId}/attributes/remove", OWNERS),
			entry("POST /accounts/{externalId}/contact-roles", OWNERS),
			entry("GET /password", EVERYONE),
			entry("POST /password", EVERYONE),
			entry("POST /settings/contact-roles", LEADS),
			entry("POST /settings/scorecards", LEADS),
			entry("POST /settings/users/{id}/password", ADMINS),
			entry("GET /exports/accounts.csv", OWNERS),
			entry("GET /imports", LEADS),
			entry("POST /imports", LEADS),
			entry("GET /imports/templates/{code}.csv", LEADS),
			entry("POST /settings/vocabularies/{kind}", ADMINS),
			entry("POST /settings/vocabularies/{kind}/{code}", ADMINS),
			entry("POST /settings/vocabularies/{kind}/{code}/move", ADMINS),
			entry("GET /settings", LEADS),
			entry("POST /settings/health", LEADS),
			entry("GET /settings/scorecards/{id}", LEADS),
			entry("POST /settings/scorecards/{id}", LEADS),
			entry("GET /usage/live", LEADS),
			entry("GET /knowledge", EVERYONE),
			entry("GET /knowledge/analytics", EVERYONE),
			entry("GET /knowledge/new", EVERYONE),
			entry("GET /knowledge/{id}", EVERYONE),
			entry("POST /knowledge", WORKERS),
			entry("POST /knowledge/{id}", WORKERS),
			entry("POST /knowledge/{id}/revert", WORKERS),
			entry("POST /knowledge/{id}/status", WORKERS),
			entry("GET /segments", EVERYONE),
			entry("GET /segments/{key}", EVERYONE),
			entry("GET /segments/new", EVERYONE),
			entry("POST /segment-builder", EVERYONE),
			entry("POST /segments", OWNERS),
			entry("GET /touch-model", EVERYONE),
			entry("POST /touch-model", LEADS),
			entry("POST /segments/{key}", OWNERS),
			entry("GET /onboarding", EVERYONE),
			entry("GET /onboarding/cohorts", EVERYONE),
			entry("GET /onboarding/plans/new", EVERYONE),
			entry("GET /onboarding/plans/{key}", EVERYONE),
			entry("POST /onboarding/plans", LEADS),
			entry("POST /onboarding/plans/{key}", LEADS),
			entry("POST /onboarding/plans/{key}/delete", LEADS),
			entry("POST /onboarding/accounts/{externalId}/milestones/{milestoneKey}", WORKERS),
			entry("GET /settings/calendars", LEADS),
			entry("GET /settings/calendars/{key}", LEADS),
			entry("POST /settings/calendars", LEADS),
			entry("POST /settings/calendars/{key}", LEADS),
			entry("POST /settings/calendars/{key}/delete", LEADS),
			entry("GET /settings/sla-policies", LEADS),
			entry("POST /settings/sla-policies", LEADS),
			entry("POST /settings/sla-policies/{key}/delete", LEADS),
			entry("POST /settings/write-keys", ADMINS),
			entry("POST /settings/write-keys/{id}/revoke", ADMINS),
			entry("POST /settings/write-keys/{id}/origins", ADMINS),
			entry("POST /settings/api-tokens", ADMINS),
			entry("POST /settings/api-tokens/{id}/revoke", ADMINS),
			entry("POST /settings/workspace", ADMINS),
			entry("POST /settings/users", ADMINS),
			entry("POST /settings/users/{id}/role", ADMINS),
			entry("POST /settings/users/{id}/disable", ADMINS),
			entry("GET /settings/outbound", ADMINS),
			entry("POST /settings/outbound", ADMINS),
			entry("GET /audit", ADMINS),
			// messaging
			entry("GET /messaging/outbox", OWNERS),
			entry("GET /messaging/templates", OWNERS),
			entry("GET /messaging/suppressions", OWNERS),
			entry("POST /messaging/templates", LEADS),
			entry("POST /messaging/templates/delete", LEADS),
			entry("POST /messaging/suppressions", LEADS),
			entry("POST /messaging/suppressions/remove", LEADS),
			entry("GET /messaging/webhooks", LEADS),
			entry("GET /messaging/smtp", ADMINS),
			entry("POST /messaging/smtp", ADMINS),
			entry("POST /messaging/webhooks", ADMINS),
			entry("POST /messaging/webhooks/{id}/test", ADMINS),
			entry("POST /messaging/webhooks/{id}/active", ADMINS),
			entry("POST /messaging/webhooks/{id}/delete", ADMINS),
			// journeys
			entry("GET /journeys", EVERYONE),
			entry("GET /journeys/stages", EVERYONE),
			entry("POST /journeys/stages", LEADS),
			entry("POST /journeys/stages/{code}", LEADS),
			entry("POST /journeys/stages/{code}/move", LEADS),
			entry("POST /journeys/stages/{code}/remove", LEADS),
			entry("POST /journeys/rules", LEADS),
			entry("POST /journeys/accounts/{externalId}/stage", OWNERS),
			entry("POST /journeys/accounts/{externalId}/release", OWNERS),
			// playbooks and tasks
			entry("GET /playbooks", OWNERS),
			entry("GET /playbooks/new", OWNERS),
			entry("GET /playbooks/step-fields", OWNERS),
			entry("GET /playbooks/{ref}", OWNERS),
			entry("GET /playbooks/{ref}/log", OWNERS),
			entry("POST /playbooks", LEADS),
			entry("POST /playbooks/preview", LEADS),
			entry("POST /playbooks/{id}/{action}", LEADS),
			entry("GET /tasks", WORKERS),
			entry("GET /tasks/new", WORKERS),
			entry("GET /tasks/team", LEADS),
			entry("POST /tasks", WORKERS),
			entry("POST /tasks/types", LEADS),
			entry("POST /tasks/{id}/{action}", WORKERS),
			// support
			entry("GET /support", EVERYONE),
			entry("GET /support/tickets/{id}", EVERYONE),
			entry("GET /support/tickets/{id}/messages/{message}/original", EVERYONE),
			entry("GET /support/attachments/{id}", EVERYONE),
			entry("GET /support/macros", EVERYONE),
			entry("GET /support/tickets/new", WORKERS),
			entry("POST /support/tickets", WORKERS),
			entry("POST /support/tickets/{id}/reply", WORKERS),
			entry("POST /support/tickets/{id}/note", WORKERS),
			entry("POST /support/tickets/{id}/update", WORKERS),
			entry("POST /support/tickets/{id}/merge", WORKERS),
			entry("POST /support/tickets/{id}/call", WORKERS),
			entry("POST /support/tickets/{id}/messages/{message}/split", WORKERS),
			entry("POST /support/tickets/{id}/viewers", EVERYONE),
			entry("POST /support/tickets/{id}/viewers/leave", EVERYONE),
			entry("POST /support/availability", WORKERS),
			entry("POST /support/macros", WORKERS),
			entry("GET /support/channels", ADMINS),
			entry("POST /support/channels", ADMINS),
			entry("POST /support/channels/{id}/fetch", ADMINS),
			entry("GET /support/public-channels", ADMINS),
			entry("POST /support/public-channels", ADMINS),
			entry("GET /support/tickets/{id}/chat", EVERYONE),
			entry("POST /support/tickets/{id}/chat", WORKERS),
			entry("GET /support/tickets/{id}/suggestions", EVERYONE),
			entry("GET /support/tickets/{id}/suggestions/{article}/text", EVERYONE),
			entry("POST /support/views", EVERYONE),
			entry("POST /support/views/{id}/delete", EVERYONE),
			entry("GET /support/csat", EVERYONE),
			// feedback: surveys
			entry("GET /feedback", EVERYONE),
			entry("GET /feedback/surveys", EVERYONE),
			entry("GET /feedback/surveys/{id:\\d+}", EVERYONE),
			entry("GET /feedback/surveys/{id:\\d+}/responses.csv", EVERYONE),
			entry("GET /feedback/responses/{id:\\d+}", EVERYONE),
			entry("GET /feedback/verbatims.csv", EVERYONE),
			entry("GET /feedback/surveys/new", OWNERS),
			entry("POST /feedback/surveys", OWNERS),
			entry("POST /feedback/surveys/{id}/send", OWNERS),
			entry("POST /feedback/surveys/{id}/status", OWNERS),
			entry("POST /feedback/responses/{id}/follow-up", OWNERS),
			entry("POST /feedback/surveys/settings", ADMINS),
			// feedback: feature requests and reviews
			entry("GET /feedback/requests", EVERYONE),
			entry("GET /feedback/requests/{id}", EVERYONE),
			entry("GET /feedback/requests/export.csv", EVERYONE),
			entry("GET /feedback/requests/new", WORKERS),
			entry("GET /feedback/requests/statuses", ADMINS),
			entry("POST /feedback/requests", WORKERS),
			entry("POST /feedback/requests/{id}/votes", WORKERS),
			entry("POST /feedback/requests/{id}/votes/{vote}/delete", WORKERS),
			entry("POST /feedback/requests/{id}/status", WORKERS),
			entry("POST /feedback/requests/{id}/rice", WORKERS),
			entry("POST /feedback/requests/{id}/merge", WORKERS),
			entry("POST /feedback/requests/{id}/comments", WORKERS),
			entry("POST /feedback/requests/{id}/link", WORKERS),
			entry("POST /feedback/requests/statuses", ADMINS),
			entry("GET /feedback/reviews", EVERYONE),
			entry("GET /feedback/reviews/{id}", EVERYONE),
			entry("GET /feedback/reviews/replies.csv", EVERYONE),
			entry("POST /feedback/reviews", WORKERS),
			entry("POST /feedback/reviews/{id}/reply", WORKERS),
			// text analytics
			entry("GET /text", EVERYONE),
			entry("GET /text/term", EVERYONE),
			entry("GET /text/search", EVERYONE),
			entry("GET /text/settings", ADMINS),
			entry("POST /text/settings", ADMINS),
			entry("GET /support/sla-report", EVERYONE),
			entry("GET /support/sla-report.csv", EVERYONE),
			entry("POST /support/tickets/{id}/messages/{message}/retry", WORKERS));

	/** Served to everyone: Spring Boot's error page and Kizuna's sign-in page. */
	static final Set<String> PUBLIC = Set.of("/error", "/login", "/unsubscribe/{token}", "/s/{token}", "/s/embed.js");

	static final String PASSWORD = "correct-horse-battery";

	@LocalServerPort
	int port;

	@Autowired
	io.kizuna.feedback.SurveyManagement surveys;

	@Autowired
	io.kizuna.feedback.SurveyAnswers surveyAnswers;

	@Autowired
	io.kizuna.feedback.SurveyReports surveyReports;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	WorkspaceManagement workspaces;

	@Autowired
	AccessKeys accessKeys;

	@Autowired
	UserManagement people;

	@Autowired
	AuditTrail auditTrail;

	@Autowired
	AccountManagement accounts;

	@Autowired
	HealthAdministration health;

	@Autowired
	List<WebPages> pages;

	@Autowired
	io.kizuna.segments.SegmentManagement segments;

	@Autowired
	io.kizuna.segments.TouchModelManagement touch;

	@Autowired
	io.kizuna.onboarding.OnboardingManagement onboarding;

	@Autowired
	io.kizuna.messaging.Webhooks webhooks;

	@Autowired
	io.kizuna.calendars.CalendarManagement calendars;

	@Autowired
	io.kizuna.calendars.SlaPolicyManagement policies;

	@Autowired
	io.kizuna.knowledge.KnowledgeManagement knowledge;

	@Autowired
	io.kizuna.support.SavedTicketViews savedViews;

	@Autowired
	io.kizuna.journeys.JourneyManagement journeys;

	@Autowired
	io.kizuna.playbooks.PlaybookManagement playbooks;

	@Autowired
	io.kizuna.playbooks.TaskManagement tasks;

	@Autowired
	io.kizuna.support.SupportDesk desk;

	@Autowired
	io.kizuna.support.MailChannels mailChannels;

	@Autowired
	io.kizuna.feedback.FeatureRequests featureRequests;

	@Autowired
	io.kizuna.feedback.Reviews reviews;


	@Test
	void everyPageAndActionIsInTheMatrixAndEachRoleGetsExactlyWhatItAllows() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("roles-" + run, "Roles", "JPY", "Asia/Tokyo", "en")).id();
		accounts.saveAccount(workspace, "acct-1", new AccountDraft("Role Test KK", "roles.example", null, "smb", null,
				null, null, Map.of()));
		long spare = people.createUser(workspace, "spare-" + run + "@example.com", "Spare", PASSWORD, Role.CSM).id();
		accounts.saveContact(workspace, "contact-1", new io.kizuna.accounts.ContactDraft(null, "Contact One", null, "acct-1",
				null, Map.of()));
		long scorecard = health.scorecards(workspace).get(0).id();
		segments.create(workspace, new io.kizuna.segments.SegmentDraft("roles-seg", "Roles", "tier = \"smb\""));
		java.time.LocalDate started = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).minusDays(5);
		accounts.saveAccount(workspace, "onb-1", new AccountDraft("Onboarding KK", null, null, "smb", null, null, null,
				Map.of()));
		accounts.saveSubscription(workspace, "sub-onb-1", new io.kizuna.accounts.SubscriptionDraft("onb-1", "app",
				"Standard", 1000L, "JPY", 1, "active", started, started.plusYears(1), null, null, started));
		for (String key : List.of("roles-plan", "doomed-manager", "doomed-admin")) {
			onboarding.savePlan(workspace, null, new io.kizuna.onboarding.OnboardingPlan(key, key, key,
					key.equals("roles-plan") ? "default" : "tier", key.equals("roles-plan") ? "" : key,
					List.of(new io.kizuna.onboarding.Milestone("kickoff", "キックオフ", "Kickoff",
							io.kizuna.onboarding.MilestoneKind.MANUAL, null, 1, 30, 7, true))));
		}
		workspaces.saveOutboundAllowList(workspace, List.of("127.0.0.1"));
		long hook = webhooks.subscribe(workspace, new io.kizuna.messaging.WebhookDraft("roles", "http://127.0.0.1:9/x",
				"webhook", List.of("signal.raised"))).webhook().id();
		long doomedHook = webhooks.subscribe(workspace, new io.kizuna.messaging.WebhookDraft("doomed",
				"http://127.0.0.1:9/y", "webhook", List.of("signal.raised"))).webhook().id();
		// a calendar and an SLA policy per role for its delete calls
		for (Role r : Role.values()) {
			calendars.create(workspace, new io.kizuna.calendars.CalendarDraft("del-" + r.code(), "Delete " + r.code(),
					"Asia/Tokyo", true, false, java.util.List.of(new io.kizuna.calendars.OpeningInterval(
							java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(9, 0), java.time.LocalTime.of(18, 0))),
					java.util.List.of()));
			policies.create(workspace, new io.kizuna.calendars.SlaPolicy("del-" + r.code(), "Delete " + r.code(), 10,
					"business-hours", null, null, null, null, 60, null, null, 0));
		}
		knowledge.create(workspace, new io.kizuna.knowledge.ArticleDraft(null, "public", List.of()), "ja",
				new io.kizuna.knowledge.TranslationDraft("Roles", "roles-kb", null, "x"), "roles");
		// a published public article, whose text an agent inserts into a reply
		long insertable = knowledge.create(workspace, new io.kizuna.knowledge.ArticleDraft(null, "public", List.of()), "ja",
				new io.kizuna.knowledge.TranslationDraft("Insertable", "roles-public", null, "本文"), "roles").id();
		knowledge.setStatus(workspace, insertable, "published");
		// journeys: a stage per role for its remove call
		for (Role r : Role.values()) {
			journeys.addStage(workspace, "gone-" + r.code(), "削除 " + r.code(), "Gone " + r.code(), null);
		}
		// playbooks: one to read, pause and preview; a task to start
		long playbook = playbooks.create(workspace, new io.kizuna.playbooks.PlaybookDraft("Roles",
				new io.kizuna.playbooks.PlaybookDefinition(new io.kizuna.playbooks.PlaybookDefinition.Trigger(
						"signal_raised", Map.of("kind", "paying_idle")), null, null, null,
						List.of(new io.kizuna.playbooks.PlaybookDefinition.Step(0, "create_task",
								Map.of("title", "{{account.name}}", "type", "risk", "assignee", "owner"), false, null,
								null, null))))).id();
		long task = tasks.create(workspace, new io.kizuna.playbooks.TaskDraft("acct-1", "Roles task", "activity",
				"normal", null, spare, null, List.of("one")), null).id();
		// support: a mail with an attachment (its original and its file), a ticket per role to merge into it, a mailbox
		io.kizuna.support.InboundMail mail = desk.receive(workspace, null, ("From: Customer <customer@roles.example>\r\n"
				+ "To: support@example.com\r\nSubject: Roles ticket\r\nMessage-ID: <roles-" + run + "@roles.example>\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n--b\r\n"
				+ "Content-Type: application/pdf; name=\"a.pdf\"\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
		long ticket = mail.ticketId();
		long attachment = desk.attachments(workspace, ticket).get(0).id();
		Map<String, Long> mergeable = new java.util.HashMap<>();
		for (Role r : Role.values()) {
			mergeable.put(r.code(), desk.create(workspace, new io.kizuna.support.TicketDraft("Merge " + r.code(), "merge me",
					"merge-" + r.code() + "@roles.example", null, null, "normal", null, List.of(), "web"), null).id());
		}
		// a ticket per role with two customer messages (one merged in), whose second message that role splits off
		Map<String, long[]> splittable = new java.util.HashMap<>();
		for (Role r : Role.values()) {
			long kept = desk.create(workspace, new io.kizuna.support.TicketDraft("Split " + r.code(), "stays",
					"split-" + r.code() + "@roles.example", null, null, "normal", null, List.of(), "web"), null).id();
			long moved = desk.create(workspace, new io.kizuna.support.TicketDraft("Split " + r.code(), "goes",
					"split-" + r.code() + "@roles.example", null, null, "normal", null, List.of(), "web"), null).id();
			desk.merge(workspace, moved, kept, null);
			splittable.put(r.code(), new long[] { kept, desk.messages(workspace, kept).get(1).id() });
		}
		long mailbox = mailChannels.connect(workspace, new io.kizuna.support.MailChannelDraft("Roles",
				"support-roles@example.com", "127.0.0.1", 9, "u", "p", false, "127.0.0.1", 9, null, null, false)).id();
		Map<String, Long> ids = Map.of("ticket", ticket, "playbook", playbook, "task", task);
		// feedback: a survey with one answer of acct-1
		long survey = surveys.create(workspace, new io.kizuna.feedback.SurveyDraft("nps", "Roles NPS", "ja", null, null,
				null, null, null, null, null)).id();
		surveyAnswers.importResponses(workspace, List.of(surveyAnswers.pastResponse(workspace, survey, null, "acct-1", "9",
				"roles", "ja", java.time.Instant.now())));
		long surveyResponse = surveyReports.verbatims(workspace, new io.kizuna.feedback.SurveyReports.VerbatimFilter(survey,
				null, null, null, null, null, null, null, 1)).get(0).id();
		// feedback: a request to act on, one per role to merge into it, a vote per role to remove, a review
		long request = featureRequests.create(workspace, new io.kizuna.feedback.RequestDraft("Roles request", "", null,
				List.of()), "roles").id();
		Map<String, Long> mergeableRequests = new java.util.HashMap<>();
		Map<String, Long> votes = new java.util.HashMap<>();
		for (Role r : Role.values()) {
			mergeableRequests.put(r.code(), featureRequests.create(workspace, new io.kizuna.feedback.RequestDraft(
					"Merge " + r.code(), "", null, List.of()), "roles").id());
			accounts.saveContact(workspace, "voter-" + r.code(), new io.kizuna.accounts.ContactDraft(null, "Voter", null,
					"acct-1", null, Map.of()));
			votes.put(r.code(), featureRequests.vote(workspace, request, new io.kizuna.feedback.VoteDraft("acct-1",
					"voter-" + r.code(), "ja", "account", null, null), "roles").orElseThrow().id());
		}
		long review = reviews.save(workspace, new io.kizuna.feedback.ReviewDraft("g2", "roles-1",
				java.math.BigDecimal.ONE, "Roles review", "x", null, null, java.time.LocalDate.of(2026, 11, 1), null, "en",
				null)).id();

		List<String> calls = calls();
		List<String> unlisted = calls.stream().filter(call -> !MATRIX.containsKey(call)).toList();
		assertThat(unlisted).as("pages and actions missing from the role matrix (RolePermissionsIT.MATRIX and "
				+ "docs/security.md)").isEmpty();
		assertThat(MATRIX.keySet()).as("matrix rows whose mapping no longer exists").allMatch(calls::contains);

		Map<String, String> outcomes = new TreeMap<>();
		List<String> wrong = new ArrayList<>();
		// Admins last: their allowed calls revoke keys and disable the spare user.
		for (Role role : List.of(Role.VIEWER, Role.SUPPORT, Role.CSM, Role.MANAGER, Role.ADMIN)) {
			String email = role.code() + "-" + run + "@example.com";
			long userId = people.createUser(workspace, email, role.code(), PASSWORD, role).id();
			WebSession session = WebSession.signedIn(port, email, PASSWORD);
			// A note of their own for the edit and delete calls; a viewer cannot have written one.
			long scratch = role == Role.VIEWER ? 0
					: accounts.addNote(workspace, "acct-1", userId, role.code(), "scratch by " + role.code()).id();
			// a saved view of their own for the delete call
			long doomedView = savedViews.save(workspace, userId, "doomed " + role.code(), false,
					new io.kizuna.support.TicketFilter(null, List.of("urgent"), null, null, null)).id();
			long writeKey = accessKeys.issueWriteKey(workspace, "k-" + role.code()).id();
			long apiToken = accessKeys.issueApiToken(workspace, "t-" + role.code(), TokenScope.READ).id();
			for (String call : calls) {
				String method = call.substring(0, call.indexOf(' '));
				String pattern = call.substring(call.indexOf(' ') + 1);
				String path = pattern.replace("/feedback/surveys/{id:\\d+}", "/feedback/surveys/" + survey)
					.replace("/feedback/surveys/{id}", "/feedback/surveys/" + survey)
					.replace("/feedback/responses/{id:\\d+}", "/feedback/responses/" + surveyResponse)
					.replace("/feedback/responses/{id}", "/feedback/responses/" + surveyResponse)
					.replace("/feedback/requests/{id}/votes/{vote}", "/feedback/requests/" + request + "/votes/" + votes.get(role.code()))
					.replace("/feedback/requests/{id}/merge", "/feedback/requests/" + mergeableRequests.get(role.code()) + "/merge")
					.replace("/feedback/requests/{id}", "/feedback/requests/" + request)
					.replace("/feedback/reviews/{id}", "/feedback/reviews/" + review)
					.replace("/journeys/stages/{code}/remove", "/journeys/stages/gone-" + role.code() + "/remove")
					.replace("/journeys/stages/{code}", "/journeys/stages/expansion")
					.replace("/playbooks/{id}/{action}", "/playbooks/" + playbook + "/pause")
					.replace("/playbooks/{ref}", "/playbooks/" + playbook)
					.replace("/tasks/{id}/{action}", "/tasks/" + task + "/start")
					.replace("/support/tickets/{id}/messages/{message}/split", "/support/tickets/"
							+ splittable.get(role.code())[0] + "/messages/" + splittable.get(role.code())[1] + "/split")
					.replace("/support/tickets/{id}/messages/{message}", "/support/tickets/" + ticket + "/messages/" + mail.messageId())
					.replace("/support/tickets/{id}/merge", "/support/tickets/" + mergeable.get(role.code()) + "/merge")
					.replace("/suggestions/{article}", "/suggestions/" + insertable)
					.replace("/support/views/{id}", "/support/views/" + doomedView)
					.replace("/support/tickets/{id}", "/support/tickets/" + ticket)
					.replace("/support/attachments/{id}", "/support/attachments/" + attachment)
					.replace("/support/channels/{id}", "/support/channels/" + mailbox)
					.replace("/onboarding/accounts/{externalId}/milestones/{milestoneKey}",
						"/onboarding/accounts/onb-1/milestones/kickoff")
					.replace("/onboarding/plans/{key}/delete", "/onboarding/plans/doomed-" + role.code() + "/delete")
					.replace("/onboarding/plans/{key}", "/onboarding/plans/roles-plan")
					.replace("/webhooks/{id}/delete", "/webhooks/" + doomedHook + "/delete")
					.replace("/webhooks/{id}", "/webhooks/" + hook)
					.replace("{externalId}", "acct-1")
					.replace("{noteId}", Long.toString(scratch))
					.replace("/scorecards/{id}", "/scorecards/" + scorecard)
					.replace("/write-keys/{id}", "/write-keys/" + writeKey)
					.replace("/api-tokens/{id}", "/api-tokens/" + apiToken)
					.replace("/users/{id}", "/users/" + spare)
					.replace("/templates/{code}", "/templates/accounts")
					.replace("/vocabularies/{kind}", "/vocabularies/tier")
					.replace("/segments/{key}", "/segments/roles-seg")
					.replace("/settings/calendars/{key}/delete", "/settings/calendars/del-" + role.code() + "/delete")
					.replace("/settings/calendars/{key}", "/settings/calendars/always-open")
					.replace("/sla-policies/{key}", "/sla-policies/del-" + role.code())
					.replace("/knowledge/{id}", "/knowledge/roles-kb")
					.replace("/{code}", "/smb");
				HttpResponse<String> response = call(session, method, pattern, path, role.code(), run, spare,
						pattern.equals("/feedback/requests/{id}/merge") ? Map.of("ticket", request) : ids);
				int status = response.statusCode();
				boolean allowed = MATRIX.get(call).contains(role);
				boolean refused = status == 403;
				boolean toSignIn = response.headers().firstValue("Location").orElse("").contains("/login");
				outcomes.put(role.code() + " " + call, Integer.toString(status));
				// Every call carries a valid form, so an allowed one must succeed: a 400 is no "allowed".
				if (allowed && (status >= 400 || toSignIn)) {
					wrong.add(role.code() + " " + call + " should be allowed, got " + status);
				}
				if (!allowed && !refused) {
					wrong.add(role.code() + " " + call + " should be 403, got " + status);
				}
			}
			if (role == Role.VIEWER) {
				assertThat(auditTrail.page(workspace, new AuditQuery(null, email, 0, 200)).items())
					.as("a viewer changes nothing but their own password: only that and their sign-in are in the audit log")
					.allMatch(entry -> entry.action().startsWith("sign_in.") || entry.action().equals("user.password_changed"));
				assertThat(accounts.notes(workspace, "acct-1", 10)).as("no note by a viewer").isEmpty();
				assertThat(health.settings(workspace).thresholds().idleDays()).as("thresholds unchanged by a viewer")
					.isEqualTo(14);
			}
		}
		assertThat(wrong).as("outcomes: " + outcomes).isEmpty();
		assertThat(outcomes).hasSize(calls.size() * 5);

		// What each allowed call did, and nothing from the refused ones.
		for (Role r : Role.values()) {
			assertThat(desk.history(workspace, splittable.get(r.code())[0])).as("split by " + r.code())
				.filteredOn(h -> h.field().equals("split_into")).hasSize(r == Role.VIEWER ? 0 : 1);
		}
		assertThat(accounts.notes(workspace, "acct-1", 10)).extracting(io.kizuna.accounts.AccountNote::body)
			.containsExactlyInAnyOrder("note by support", "note by csm", "note by manager", "note by admin");
		assertThat(accounts.findAccount(workspace, "imported-by-manager")).isPresent();
		assertThat(accounts.findAccount(workspace, "imported-by-admin")).isPresent();
		assertThat(accounts.findAccount(workspace, "imported-by-csm")).isEmpty();
		assertThat(accounts.findAccount(workspace, "imported-by-viewer")).isEmpty();
		assertThat(health.settings(workspace).thresholds().idleDays()).as("the last lead's thresholds").isEqualTo(idleDays("admin"));
		assertThat(accessKeys.writeKeys(workspace)).extracting(io.kizuna.workspace.KeySummary::name)
			.contains("wk-admin")
			.doesNotContain("wk-viewer", "wk-support", "wk-csm", "wk-manager");
		assertThat(accessKeys.writeKeys(workspace)).filteredOn(k -> k.name().equals("k-admin"))
			.singleElement()
			.satisfies(k -> assertThat(k.active()).as("revoked by the admin").isFalse());
		assertThat(accessKeys.writeKeys(workspace)).filteredOn(k -> k.name().equals("k-manager"))
			.singleElement()
			.satisfies(k -> assertThat(k.active()).as("not revoked by the manager").isTrue());
		assertThat(accessKeys.apiTokens(workspace)).extracting(io.kizuna.workspace.KeySummary::name)
			.contains("token-admin")
			.doesNotContain("token-manager", "token-viewer");
		assertThat(people.findUser("new-admin-" + run + "@example.com")).isPresent();
		assertThat(people.findUser("new-manager-" + run + "@example.com")).isEmpty();
		assertThat(people.users(workspace)).filteredOn(u -> u.id() == spare)
			.singleElement()
			.satisfies(u -> assertThat(u.role()).isEqualTo(Role.SUPPORT))
			.satisfies(u -> assertThat(u.disabled()).isTrue());
		assertThat(workspaces.get(workspace).timeZone()).isEqualTo(java.time.ZoneId.of("Asia/Seoul"));
		// Account 360's edits: owners changed the account, workers their own notes, leads the settings.
		assertThat(accounts.account(workspace, "acct-1").ownerUserId()).isEqualTo(spare);
		assertThat(accounts.account(workspace, "acct-1").attributes()).as("each owner set and removed theirs").isEmpty();
		assertThat(accounts.findContact(workspace, "contact-1").orElseThrow().accountRole()).isEqualTo("champion");
		assertThat(accounts.notes(workspace, "acct-1", 20)).extracting(io.kizuna.accounts.AccountNote::body)
			.as("every worker deleted their scratch note").noneMatch(body -> body.startsWith("scratch"));
		assertThat(auditTrail.page(workspace, new AuditQuery("account_note.edited", null, 0, 20)).items()).hasSize(4);
		assertThat(auditTrail.page(workspace, new AuditQuery("account.attribute_set", null, 0, 20)).items()).hasSize(3);
		assertThat(health.scorecards(workspace)).extracting(io.kizuna.health.Scorecard::tier)
			.contains("tier-manager", "tier-admin")
			.doesNotContain("tier-csm", "tier-support", "tier-viewer");
		assertThat(auditTrail.page(workspace, new AuditQuery("contact_roles.changed", null, 0, 20)).items()).hasSize(2);
		assertThat(auditTrail.page(workspace, new AuditQuery("user.password_changed", null, 0, 20)).items()).hasSize(5);
		assertThat(people.passwordChangeRequired("spare-" + run + "@example.com")).as("reset by the admin").isTrue();
		assertThat(workspaces.outboundAllowList(workspace)).containsExactly("hooks-admin.example.com");
		assertThat(accounts.tiers(workspace).codes()).as("only the admin added a tier").contains("tier-admin")
			.doesNotContain("tier-manager", "tier-csm", "tier-support", "tier-viewer");
		assertThat(accounts.tiers(workspace).find("smb").orElseThrow().labelJa()).isEqualTo("中小企業 admin");
		assertThat(segments.list(workspace)).extracting(io.kizuna.segments.Segment::key)
			.containsExactlyInAnyOrder("roles-seg", "seg-by-csm", "seg-by-manager", "seg-by-admin");
		assertThat(touch.levels(workspace).get(0).nameJa()).as("named by the last lead").isEqualTo("ハイ admin");
		assertThat(segments.get(workspace, "roles-seg").name()).as("renamed by the last owner").isEqualTo("Renamed by admin");
		assertThat(onboarding.plans(workspace)).extracting(io.kizuna.onboarding.OnboardingPlan::key)
			.containsExactlyInAnyOrder("roles-plan", "plan-by-manager", "plan-by-admin");
		assertThat(onboarding.plan(workspace, "roles-plan").nameJa()).as("renamed by the last lead").isEqualTo("改名 admin");
		assertThat(onboarding.progress(workspace, "onb-1").progress()).as("marked done by a worker").isEqualTo(100);
	}

	/** Each action with the form its page sends, filled in per role so that its effect can be told apart. */
	private static HttpResponse<String> call(WebSession session, String method, String pattern, String path,
			String role, String run, long spare, Map<String, Long> ids) {
		if (method.equals("GET")) {
			// the drill-down is always reached with its term, from the page's links
			return session.get(pattern.equals("/text/term") ? path + "?term=" + WebSession.encode("請求") : path);
		}
		if (pattern.equals("/imports")) {
			return session.upload(path, Map.of("kind", "accounts"), "accounts.csv",
					"external_id,name\nimported-by-" + role + ",Imported KK\n");
		}
		String form = switch (pattern) {
			case "/accounts/{externalId}/notes" -> "body=" + WebSession.encode("note by " + role);
			case "/accounts/{externalId}/notes/{noteId}" -> "body=" + WebSession.encode("scratch edited by " + role);
			case "/accounts/{externalId}/owner" -> "ownerUserId=" + spare;
			// Blank tier and stage leave them as they are: the workspace's vocabularies decide what else is valid.
			case "/accounts/{externalId}/profile" -> "tier=&stage=";
			case "/accounts/{externalId}/attributes" -> "key=set-by-" + role + "&value=v";
			case "/accounts/{externalId}/attributes/remove" -> "key=set-by-" + role;
			case "/accounts/{externalId}/contact-roles" -> "contact=contact-1&role=" + (role.equals("admin") ? "champion" : "user");
			case "/password" -> "current=" + WebSession.encode(PASSWORD) + "&password=" + WebSession.encode("new-" + PASSWORD)
					+ "&repeat=" + WebSession.encode("new-" + PASSWORD);
			case "/settings/contact-roles" -> "roles=" + WebSession.encode("champion | 推進者 | Champion\nuser | 利用者 | User-" + role);
			case "/settings/scorecards" -> "tier=tier-" + role;
			case "/settings/health" -> "keyFeatures=" + WebSession.encode("Report Created") + "&idleDays=" + idleDays(role)
					+ "&seatsUnusedRatio=0.3&onboardingDays=14&championInactiveDays=14&renewalWindowDays=90";
			case "/settings/scorecards/{id}" -> "action=preview&redBelow=35&greenFrom=75";
			case "/settings/write-keys" -> "name=wk-" + role;
			case "/settings/api-tokens" -> "name=token-" + role + "&scope=read";
			case "/settings/workspace" -> "currency=JPY&timeZone=" + WebSession.encode(role.equals("admin") ? "Asia/Seoul" : "UTC")
					+ "&locale=en";
			case "/settings/users" -> "email=" + WebSession.encode("new-" + role + "-" + run + "@example.com")
					+ "&name=New&password=" + WebSession.encode(PASSWORD) + "&role=viewer";
			case "/settings/users/{id}/role" -> "role=support";
			case "/settings/users/{id}/disable" -> "disabled=true";
			case "/settings/outbound" -> "entries=hooks-" + role + ".example.com";
			case "/settings/vocabularies/{kind}" -> "code=tier-" + role + "&labelJa=t&labelEn=t";
			case "/settings/vocabularies/{kind}/{code}" -> "labelJa=" + WebSession.encode("中小企業 " + role) + "&labelEn=SMB";
			case "/settings/vocabularies/{kind}/{code}/move" -> "direction=down";
			case "/segments" -> "key=seg-by-" + role + "&name=" + WebSession.encode("By " + role) + "&definition="
					+ WebSession.encode("tier = \"smb\"");
			case "/segment-builder" -> "combine=and&g0.match=and&g0.c0.field=tier&g0.c0.operator=" + WebSession.encode("=")
					+ "&g0.c0.value=smb&definition=";
			case "/touch-model" -> "high.nameJa=" + WebSession.encode("ハイ " + role) + "&high.nameEn=High&high.definition="
					+ WebSession.encode("tier = \"enterprise\"") + "&mid.nameJa=mid&mid.nameEn=Mid&mid.definition="
					+ WebSession.encode("tier = \"mid-market\"") + "&tech.nameJa=tech&tech.nameEn=Tech";
			case "/segments/{key}" -> "name=" + WebSession.encode("Renamed by " + role) + "&definition="
					+ WebSession.encode("tier = \"smb\"");
			case "/onboarding/plans" -> "key=plan-by-" + role + "&nameJa=" + WebSession.encode("プラン " + role)
					+ "&nameEn=Plan&scope=tier&scopeValue=by-" + role + "&m0.key=kickoff&m0.nameJa=k&m0.nameEn=k"
					+ "&m0.kind=manual&m0.count=1&m0.withinDays=30&m0.dueDay=7&firstValue=0";
			case "/onboarding/plans/{key}" -> "key=roles-plan&nameJa=" + WebSession.encode("改名 " + role)
					+ "&nameEn=Renamed&scope=default&m0.key=kickoff&m0.nameJa=k&m0.nameEn=k&m0.kind=manual&m0.count=1"
					+ "&m0.withinDays=30&m0.dueDay=7&firstValue=0";
			case "/onboarding/accounts/{externalId}/milestones/{milestoneKey}" -> "completedOn=";
			case "/messaging/templates" -> "key=t-" + role + "&language=ja&name=n&subject=s&body=b";
			case "/messaging/templates/delete" -> "key=t-" + role + "&language=ja";
			case "/messaging/suppressions", "/messaging/suppressions/remove" -> "email=s-" + role + "%40example.com";
			case "/messaging/smtp" -> "host=smtp.example.com&port=587&security=starttls&fromAddress=cs%40example.com"
					+ "&ratePerMinute=60";
			case "/messaging/webhooks" -> "name=h-" + role + "&url=" + WebSession.encode("http://127.0.0.1:9/z")
					+ "&kind=webhook&events=signal.raised";
			case "/messaging/webhooks/{id}/active" -> "active=false";
			case "/settings/calendars" -> "key=cal-by-" + role + "&name=" + WebSession.encode("By " + role);
			case "/settings/calendars/{key}" -> "name=" + WebSession.encode("24/7 " + role) + "&zone="
					+ WebSession.encode("Asia/Tokyo") + "&hours-MONDAY=" + WebSession.encode("00:00-24:00");
			case "/settings/sla-policies" -> "key=pol-by-" + role + "&name=P&calendarKey=business-hours&firstResponseMinutes=60";
			case "/knowledge" -> "language=ja&visibility=public&title=" + WebSession.encode("By " + role) + "&slug=kb-by-" + role
					+ "&body=" + WebSession.encode("Written by " + role);
			case "/knowledge/{id}" -> "language=ja&visibility=public&title=Roles&slug=roles-kb&body="
					+ WebSession.encode("Edited by " + role);
			case "/knowledge/{id}/status" -> "status=published&lang=ja";
			case "/knowledge/{id}/revert" -> "lang=ja&version=1";
			case "/journeys/stages" -> "code=stage-by-" + role + "&labelJa=s&labelEn=S&stallDays=30";
			case "/journeys/stages/{code}" -> "labelJa=" + WebSession.encode("拡大 " + role) + "&labelEn=Expansion&stallDays=60";
			case "/journeys/stages/{code}/move" -> "by=1";
			case "/journeys/rules" -> "definition=" + WebSession.encode("tier = \"enterprise\"") + "&stage=expansion";
			case "/journeys/accounts/{externalId}/stage" -> "stage=expansion";
			case "/playbooks", "/playbooks/preview" -> "name=" + WebSession.encode("By " + role)
					+ "&triggerType=signal_raised&trigger.kind=paying_idle&stepDay=0&stepType=create_task&stepSettings="
					+ WebSession.encode("title={{account.name}}\ntype=risk\nassignee=owner");
			case "/tasks" -> "account=acct-1&title=" + WebSession.encode("Task by " + role) + "&type=activity&priority=normal";
			case "/tasks/types" -> "type=risk&ja=" + WebSession.encode("リスク " + role) + "&en=Risk";
			case "/support/tickets" -> "subject=" + WebSession.encode("Call by " + role)
					+ "&body=called&channel=phone&direction=inbound&minutes=3";
			case "/support/views" -> "name=" + WebSession.encode("View by " + role) + "&priority=urgent";
			case "/support/tickets/{id}/reply" -> "body=" + WebSession.encode("Reply by " + role) + "&status=pending";
			case "/support/tickets/{id}/note" -> "body=" + WebSession.encode("Note by " + role);
			case "/support/tickets/{id}/update" -> "priority=high&tags=roles";
			case "/support/tickets/{id}/merge" -> "into=" + ids.get("ticket");
			case "/support/tickets/{id}/chat" -> "text=" + WebSession.encode("Chat by " + role);
			case "/support/tickets/{id}/call" -> "direction=outbound&minutes=2&summary=" + WebSession.encode("Call by " + role);
			case "/support/availability" -> "available=true&cap=25";
			case "/support/macros" -> "name=" + WebSession.encode("Macro " + role) + "&language=ja&body=" + WebSession.encode("Thanks");
			case "/support/channels" -> "name=" + WebSession.encode("Box " + role) + "&address=box-" + role
					+ "%40example.com&imapHost=127.0.0.1&imapPort=9&imapUser=u&imapPassword=p&smtpHost=127.0.0.1&smtpPort=9";
			case "/feedback/requests" -> "title=" + WebSession.encode("Request by " + role) + "&account=acct-1&via=account";
			case "/feedback/requests/{id}/votes" -> "account=acct-1&via=account";
			case "/feedback/requests/{id}/status" -> "status=planned";
			case "/feedback/requests/{id}/rice" -> "impact=1&confidence=50&effort=2";
			case "/feedback/requests/{id}/merge" -> "target=" + ids.get("ticket");
			case "/feedback/requests/{id}/comments" -> "body=" + WebSession.encode("Comment by " + role);
			case "/feedback/requests/{id}/link" -> "contact=contact-1&language=ja";
			case "/feedback/requests/statuses" -> "code=by_" + role + "&labelJa=ja&labelEn=en";
			case "/feedback/surveys" -> "kind=nps&name=" + WebSession.encode("Survey by " + role);
			case "/feedback/surveys/{id}/status" -> "status=active";
			case "/feedback/reviews" -> "source=g2&rating=4&date=2026-11-01&title=" + WebSession.encode("By " + role);
			case "/feedback/reviews/{id}/reply" -> "reply=" + WebSession.encode("Thanks from " + role);
			default -> "";
		};
		return session.post(path, form);
	}

	private static int idleDays(String role) {
		return 20 + role.length();
	}

	/**
	 * The matrix the application enforces is what the modules declare: every page and action is placed in it by some
	 * module, with exactly the roles {@link #MATRIX} (and docs/security.md) give it. A page no module declared is
	 * refused to everyone, and fails here by name.
	 */
	@Test
	void everyPageAndActionIsDeclaredByAModuleWithTheRolesOfTheMatrix() {
		List<PageAccess> declared = pages.stream().flatMap(page -> page.access().stream()).toList();
		Map<String, Set<Role>> placed = new TreeMap<>();
		List<String> undeclared = new ArrayList<>();
		for (String call : calls()) {
			String method = call.substring(0, call.indexOf(' '));
			String path = call.substring(call.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1"); // ids are numbers
			List<Set<Role>> matching = declared.stream()
				.filter(access -> access.method() == null || access.method().name().equals(method))
				.filter(access -> access.paths().stream().anyMatch(pattern -> matches(pattern, path)))
				.map(PageAccess::roles)
				.distinct()
				.toList();
			if (matching.isEmpty()) {
				undeclared.add(call);
			}
			else {
				assertThat(matching).as(call + ": declarations that match it must agree").hasSize(1);
				placed.put(call, matching.get(0));
			}
		}
		assertThat(undeclared).as("pages and actions no module placed in the permission matrix (WebPages)").isEmpty();
		assertThat(placed).as("the roles the modules declare").isEqualTo(new TreeMap<>(MATRIX));
	}

	/** Refusing undeclared pages must not turn a mistyped address into "forbidden": it is still not found. */
	@Test
	void aPathThatIsNoPageIsNotFoundForASignedInPersonAndSignInForAnyoneElse() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("nf-" + run, "Not found", "JPY", "Asia/Tokyo", "en")).id();
		String email = "viewer-" + run + "@example.com";
		people.createUser(workspace, email, "Viewer", PASSWORD, Role.VIEWER);
		WebSession viewer = WebSession.signedIn(port, email, PASSWORD);
		assertThat(viewer.get("/no-such-page").statusCode()).isEqualTo(404);
		assertThat(viewer.get("/accounts/acct-1/no-such-tab").statusCode()).isEqualTo(404);
		HttpResponse<String> anonymous = new WebSession(port).get("/no-such-page");
		assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
	}

	private static boolean matches(String pattern, String path) {
		return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
	}

	@Test
	void changesWithoutTheCsrfTokenAndCallsWithoutASessionAreRefused() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		WorkspaceId workspace = workspaces.create(new NewWorkspace("csrf-" + run, "Csrf", "JPY", "Asia/Tokyo", "en")).id();
		String email = "admin-" + run + "@example.com";
		people.createUser(workspace, email, "Admin", PASSWORD, Role.ADMIN);
		WebSession admin = WebSession.signedIn(port, email, PASSWORD);
		assertThat(admin.post("/settings/write-keys", "name=forged", null).statusCode()).isEqualTo(403);
		assertThat(admin.post("/settings/write-keys", "name=forged", "not-the-token").statusCode()).isEqualTo(403);
		assertThat(accessKeys.writeKeys(workspace)).isEmpty();

		WebSession anonymous = new WebSession(port);
		for (String call : calls()) {
			String path = call.substring(call.indexOf(' ') + 1).replace("{externalId}", "acct-1").replace("{id}", "1")
				.replace("{key}", "k").replaceAll("\\{[^}]+}", "x");
			HttpResponse<String> response = call.startsWith("GET ") ? anonymous.get(path) : anonymous.send("POST", path);
			if (call.startsWith("GET ")) {
				assertThat(response.headers().firstValue("Location").orElse("")).as(call).endsWith("/login");
			}
			else {
				assertThat(response.statusCode()).as(call).isEqualTo(403);
			}
		}
		assertThat(anonymous.get("/login").statusCode()).as("the sign-in page itself is public").isEqualTo(200);
	}

	/** Every page and action of the web app as "METHOD pattern", from the application's own mappings. */
	private List<String> calls() {
		List<String> calls = new ArrayList<>();
		mappings.getHandlerMethods().forEach((info, handler) -> {
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/api/") || pattern.startsWith("/v1/") || PUBLIC.contains(pattern)
						|| pattern.startsWith("/help/") || pattern.startsWith("/ideas/")
						|| pattern.matches("/(contact|chat|csat)/.*")) {
					// the public help center (knowledge module): its own chain, no sign-in; KnowledgeIsolationIT covers it
					continue;
				}
				Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
				if (methods.isEmpty()) {
					calls.add("ANY " + pattern);
				}
				for (RequestMethod method : methods) {
					calls.add(method.name() + " " + pattern);
				}
			}
		});
		return calls.stream().distinct().sorted().toList();
	}
}
