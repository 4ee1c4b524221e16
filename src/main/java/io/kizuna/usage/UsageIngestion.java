package io.kizuna.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.annotation.PreDestroy;

import io.kizuna.accounts.AccountDraft;
import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.ContactDraft;
import io.kizuna.accounts.Vocabulary;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.usage.EventStore.AccountDay;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The usage module's write API. When a call returns, every new message is durably stored, its contact and account
 * are up to date, and its account-days are queued for the rollups; a replayed messageId is recognised and stored
 * nothing. A call is stored whole or not at all: concurrent Segment calls share one transaction (group commit, ADR
 * 0045), and a group that fails is stored again call by call.
 */
@Service
public class UsageIngestion {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final EventStore events;

	private final AccountManagement accounts;

	private final WorkspaceManagement workspaces;

	private final JsonMapper json;

	private final TransactionTemplate transaction;

	private final Attribution attribution;

	private final Rejections rejections;

	private final IgnoredTraits ignoredTraits;

	private final GroupCommit groupCommit;

	UsageIngestion(EventStore events, AccountManagement accounts, WorkspaceManagement workspaces, JsonMapper json,
			TransactionTemplate transaction, Attribution attribution, Rejections rejections,
			IgnoredTraits ignoredTraits, @Value("${kizuna.usage.group-commit.writers:2}") int writers,
			@Value("${kizuna.usage.group-commit.max-events:10000}") int maxEvents) {
		this.ignoredTraits = ignoredTraits;
		this.attribution = attribution;
		this.rejections = rejections;
		this.events = events;
		this.accounts = accounts;
		this.workspaces = workspaces;
		this.json = json;
		this.transaction = transaction;
		this.groupCommit = writers > 0 ? new GroupCommit(this::storeTogether, writers, maxEvents) : null;
	}

	/**
	 * Parses and stores a Segment HTTP API body; invalid input stores nothing and raises InvalidInputException. The
	 * body is parsed before the transaction begins; its JSON members are stored as the slices of it they are.
	 */
	public IngestionResult ingestSegment(WorkspaceId workspace, String endpoint, byte[] body) {
		return ingestSegment(workspace, null, endpoint, body);
	}

	/**
	 * As {@link #ingestSegment(WorkspaceId, String, byte[])}, recording which write key sent the events; a call
	 * refused as invalid is recorded with its reason for the live events page. Concurrent calls share a transaction
	 * and its commit (ADR 0045); this returns when the call's messages are committed.
	 */
	public IngestionResult ingestSegment(WorkspaceId workspace, Long writeKeyId, String endpoint, byte[] body) {
		List<Message> messages;
		try {
			messages = SegmentParser.read(endpoint, body, Instant.now());
		}
		catch (io.kizuna.shared.InvalidInputException ex) {
			rejections.record(workspace, writeKeyId, endpoint, ex.getMessage(), body);
			throw ex;
		}
		if (groupCommit == null) {
			return storeTogether(List.of(new GroupCommit.Call(workspace, writeKeyId, messages, null))).get(0);
		}
		return groupCommit.store(workspace, writeKeyId, messages);
	}

	/** Stores messages built in Java (CSV import, demo); joins the caller's transaction if there is one. */
	public IngestionResult ingest(WorkspaceId workspace, List<TrackedMessage> messages) {
		List<Message> converted = new ArrayList<>(messages.size());
		for (TrackedMessage message : messages) {
			converted.add(Message.of(message));
		}
		return transaction.execute(status -> store(workspace, List.of(converted), Arrays.asList((Long) null), status))
			.get(0);
	}

	@PreDestroy
	void stopWriters() {
		if (groupCommit != null) {
			groupCommit.close();
		}
	}

	/** The calls in one transaction, workspace by workspace in id order; each call's result, in order. */
	private List<IngestionResult> storeTogether(List<GroupCommit.Call> calls) {
		Map<WorkspaceId, List<Integer>> byWorkspace = new TreeMap<>(java.util.Comparator.comparingLong(WorkspaceId::value));
		for (int i = 0; i < calls.size(); i++) {
			byWorkspace.computeIfAbsent(calls.get(i).workspace(), w -> new ArrayList<>()).add(i);
		}
		IngestionResult[] results = new IngestionResult[calls.size()];
		transaction.executeWithoutResult(status -> byWorkspace.forEach((workspace, positions) -> {
			List<List<Message>> messages = new ArrayList<>(positions.size());
			List<Long> keys = new ArrayList<>(positions.size());
			for (int i : positions) {
				messages.add(calls.get(i).messages());
				keys.add(calls.get(i).writeKeyId());
			}
			List<IngestionResult> stored = store(workspace, messages, keys, status);
			for (int i = 0; i < positions.size(); i++) {
				results[positions.get(i)] = stored.get(i);
			}
		}));
		return Arrays.asList(results);
	}

	/**
	 * Stores the calls of one workspace in the current transaction: a messageId seen before, or earlier among these
	 * calls, is a duplicate of the call that repeats it. Answers each call's result, in order.
	 */
	private List<IngestionResult> store(WorkspaceId workspace, List<List<Message>> calls, List<Long> writeKeyIds,
			TransactionStatus status) {
		Map<String, Message> unique = new LinkedHashMap<>();
		Map<String, Integer> callOf = new HashMap<>();
		for (int c = 0; c < calls.size(); c++) {
			for (Message message : calls.get(c)) {
				if (unique.putIfAbsent(message.messageId(), message) == null) {
					callOf.put(message.messageId(), c);
				}
			}
		}
		int[] storedPerCall = new int[calls.size()];
		if (unique.isEmpty()) {
			return results(calls, storedPerCall);
		}
		events.ensurePartitions(unique.values());
		List<Message> toStore;
		// Replays are rare: claim every id with one COPY; only when one was seen before, with INSERT … ON CONFLICT,
		// which answers the new ones.
		// In one order for every call, so that two calls sharing ids wait for each other instead of deadlocking.
		List<Message> sorted = new ArrayList<>(unique.values());
		sorted.sort(java.util.Comparator.comparing(Message::messageId));
		Object savepoint = status.createSavepoint();
		if (events.claimAll(workspace, sorted)) {
			status.releaseSavepoint(savepoint);
			toStore = new ArrayList<>(unique.values());
		}
		else {
			status.rollbackToSavepoint(savepoint);
			Set<String> fresh = events.claimNew(workspace, sorted);
			toStore = new ArrayList<>(fresh.size());
			for (Message message : unique.values()) {
				if (fresh.contains(message.messageId())) {
					toStore.add(message);
				}
			}
		}
		if (toStore.isEmpty()) {
			return results(calls, storedPerCall);
		}
		Long[] keyIds = new Long[toStore.size()];
		for (int i = 0; i < toStore.size(); i++) {
			int call = callOf.get(toStore.get(i).messageId());
			keyIds[i] = writeKeyIds.get(call);
			storedPerCall[call]++;
		}
		Set<String> users = new HashSet<>();
		Set<String> groups = new HashSet<>();
		applyIdentities(workspace, toStore, users, groups);
		Long[] accountIds = resolveAccounts(workspace, toStore);
		events.append(workspace, toStore, accountIds, keyIds);
		recordActivity(workspace, toStore, accountIds);
		for (int i = 0; i < toStore.size(); i++) {
			if (accountIds[i] == null) {
				Message m = toStore.get(i);
				users.add(m.userId() != null ? m.userId() : m.anonymousId());
				if (m.groupId() != null) {
					groups.add(m.groupId());
				}
			}
		}
		// Events without an account, and the links this call made: see Attribution for why both.
		attribution.queue(workspace, users, groups);
		return results(calls, storedPerCall);
	}

	private static List<IngestionResult> results(List<List<Message>> calls, int[] storedPerCall) {
		List<IngestionResult> results = new ArrayList<>(calls.size());
		for (int c = 0; c < calls.size(); c++) {
			results.add(new IngestionResult(storedPerCall[c], calls.get(c).size() - storedPerCall[c]));
		}
		return results;
	}

	/**
	 * identify creates or updates contacts, group creates or updates accounts and links the user, alias maps ids.
	 * Calls are merged per account and per user first (later traits win), so a batch costs one upsert each. The
	 * users linked and the groups saved are added to {@code linkedUsers} and {@code savedGroups}.
	 */
	private void applyIdentities(WorkspaceId workspace, List<Message> messages, Set<String> linkedUsers,
			Set<String> savedGroups) {
		Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
		List<Message> groupCalls = new ArrayList<>();
		Map<String, Map<String, Object>> people = new LinkedHashMap<>();
		Map<String, String> memberships = new HashMap<>();
		Map<String, Instant> firstSeen = new HashMap<>();
		for (Message m : messages) {
			switch (m.type()) {
				case "group" -> {
					groups.computeIfAbsent(m.groupId(), id -> new LinkedHashMap<>()).putAll(traits(m));
					groupCalls.add(m);
					if (m.userId() != null) {
						memberships.put(m.userId(), m.groupId());
						people.computeIfAbsent(m.userId(), id -> new LinkedHashMap<>());
						firstSeen.merge(m.userId(), m.occurredAt(), UsageIngestion::min);
					}
				}
				case "identify" -> {
					if (m.userId() != null) {
						people.computeIfAbsent(m.userId(), id -> new LinkedHashMap<>()).putAll(traits(m));
						firstSeen.merge(m.userId(), m.occurredAt(), UsageIngestion::min);
						if (m.groupId() != null) {
							memberships.put(m.userId(), m.groupId());
						}
					}
				}
				case "alias" -> {
					events.alias(workspace, m.previousId(), m.userId());
					linkedUsers.add(m.previousId());
					linkedUsers.add(m.userId());
				}
				default -> {
				}
			}
		}
		if (!groups.isEmpty()) {
			Vocabulary tiers = accounts.tiers(workspace);
			Vocabulary stages = accounts.lifecycleStages(workspace);
			ignoredTraits.record(workspace, unknownValues(groupCalls, tiers, stages));
			groups.forEach((groupId, traits) -> accounts.saveAccount(workspace, groupId,
					accountDraft(traits, tiers, stages)));
		}
		savedGroups.addAll(groups.keySet());
		linkedUsers.addAll(memberships.keySet());
		Map<String, Long> accountIds = accounts.accountIds(workspace, new HashSet<>(memberships.values()));
		people.forEach((userId, traits) -> accounts.saveContact(workspace, userId,
				new ContactDraft(string(traits.get("email")), name(traits), string(traits.get("title")), null,
						firstSeen.get(userId), traits),
				memberships.containsKey(userId) ? accountIds.get(memberships.get(userId)) : null));
	}

	/**
	 * An event's account is its group's; failing that, its user's (through an alias for an anonymous id). Users are
	 * looked up only for the events whose group did not resolve, so batches from SDKs that send a groupId cost one
	 * query here.
	 */
	private Long[] resolveAccounts(WorkspaceId workspace, List<Message> messages) {
		Set<String> groupIds = new HashSet<>();
		for (Message m : messages) {
			if (m.groupId() != null) {
				groupIds.add(m.groupId());
			}
		}
		Map<String, Long> byGroup = accounts.accountIds(workspace, groupIds);
		Long[] resolved = new Long[messages.size()];
		Set<String> anonymous = new HashSet<>();
		boolean unresolved = false;
		for (int i = 0; i < messages.size(); i++) {
			Message m = messages.get(i);
			resolved[i] = m.groupId() == null ? null : byGroup.get(m.groupId());
			if (resolved[i] == null) {
				unresolved = true;
				if (m.userId() == null) {
					anonymous.add(m.anonymousId());
				}
			}
		}
		if (!unresolved) {
			return resolved;
		}
		Map<String, String> aliases = events.aliases(workspace, anonymous);
		Set<String> users = new HashSet<>();
		for (int i = 0; i < messages.size(); i++) {
			Message m = messages.get(i);
			String user = m.userId() != null ? m.userId() : aliases.get(m.anonymousId());
			if (resolved[i] == null && user != null) {
				users.add(user);
			}
		}
		Map<String, Long> byUser = accounts.accountIdsOfUsers(workspace, users);
		for (int i = 0; i < messages.size(); i++) {
			Message m = messages.get(i);
			String user = m.userId() != null ? m.userId() : aliases.get(m.anonymousId());
			if (resolved[i] == null && user != null) {
				resolved[i] = byUser.get(user);
			}
		}
		return resolved;
	}

	private void recordActivity(WorkspaceId workspace, List<Message> messages, Long[] accountIds) {
		ZoneId zone = workspaces.get(workspace).timeZone();
		Set<AccountDay> days = new HashSet<>();
		Map<String, Instant[]> seen = new HashMap<>();
		for (int i = 0; i < messages.size(); i++) {
			Message m = messages.get(i);
			if (!m.isActivity()) {
				continue;
			}
			if (accountIds[i] != null) {
				days.add(new AccountDay(accountIds[i], m.occurredAt().atZone(zone).toLocalDate()));
			}
			if (m.userId() != null) {
				seen.merge(m.userId(), new Instant[] { m.occurredAt(), m.occurredAt() },
						(a, b) -> new Instant[] { min(a[0], b[0]), max(a[1], b[1]) });
			}
		}
		events.markPending(workspace, days);
		accounts.recordActivity(workspace, seen);
	}

	/** RudderStack's identify carries the traits in {@code context.traits} only; Segment's in {@code traits}. */
	private Map<String, Object> traits(Message m) {
		if (m.traits() != null) {
			return read(m.traits());
		}
		if ("identify".equals(m.type()) && m.context() != null
				&& read(m.context()).get("traits") instanceof Map<?, ?> traits) {
			@SuppressWarnings("unchecked")
			Map<String, Object> typed = (Map<String, Object>) traits;
			return typed;
		}
		return Map.of();
	}

	private Map<String, Object> read(JsonText text) {
		return json.readValue(text.bytes(), text.offset(), text.length(), MAP);
	}

	/**
	 * An SDK's group traits as an account. A tier or lifecycle stage the workspace does not define is left off, from
	 * the column and from the attributes (the account keeps its value), rather than failing the batch, which an SDK
	 * would retry for ever; the live events page shows what was left off (ADR 0028). An empty name is no name.
	 */
	private static AccountDraft accountDraft(Map<String, Object> traits, Vocabulary tiers, Vocabulary stages) {
		Object domain = traits.containsKey("domain") ? traits.get("domain") : traits.get("website");
		String name = string(traits.get("name"));
		String tier = string(traits.get("tier"));
		String stage = stage(traits);
		boolean knownTier = tier != null && tiers.contains(tier);
		boolean knownStage = stage != null && stages.contains(stage);
		Map<String, Object> attributes = traits;
		if ((tier != null && !knownTier) || (stage != null && !knownStage)) {
			attributes = new LinkedHashMap<>(traits);
			if (tier != null && !knownTier) {
				attributes.remove("tier");
			}
			if (stage != null && !knownStage) {
				attributes.remove("lifecycle_stage");
				attributes.remove("lifecycleStage");
			}
		}
		return new AccountDraft(name == null || name.isBlank() ? null : name, string(domain),
				string(traits.get("industry")), knownTier ? tier : null, null, knownStage ? stage : null, null,
				attributes);
	}

	/** Segment's own traits are camelCase; CSV columns and Kizuna's API snake_case: both are read. */
	private static String stage(Map<String, Object> traits) {
		return string(traits.containsKey("lifecycle_stage") ? traits.get("lifecycle_stage") : traits.get("lifecycleStage"));
	}

	/** Each group call's tier and stage that the workspace does not define. */
	private List<IgnoredTrait> unknownValues(List<Message> groupCalls, Vocabulary tiers, Vocabulary stages) {
		List<IgnoredTrait> ignored = new ArrayList<>();
		for (Message m : groupCalls) {
			Map<String, Object> traits = traits(m);
			String tier = string(traits.get("tier"));
			if (tier != null && !tiers.contains(tier)) {
				ignored.add(new IgnoredTrait(m.messageId(), "tier", tier));
			}
			String stage = stage(traits);
			if (stage != null && !stages.contains(stage)) {
				ignored.add(new IgnoredTrait(m.messageId(), "lifecycle_stage", stage));
			}
		}
		return ignored;
	}

	private static String name(Map<String, Object> traits) {
		String name = string(traits.get("name"));
		if (name != null) {
			return name;
		}
		String joined = java.util.stream.Stream.of(traits.get("firstName"), traits.get("lastName"))
			.filter(java.util.Objects::nonNull)
			.map(Object::toString)
			.collect(java.util.stream.Collectors.joining(" "));
		return joined.isBlank() ? null : joined;
	}

	private static String string(Object value) {
		return value == null ? null : value.toString();
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}
}
