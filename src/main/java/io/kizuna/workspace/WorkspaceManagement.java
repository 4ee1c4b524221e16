package io.kizuna.workspace;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.WorkspaceId;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tenants: each workspace with its currency, time zone, language and outbound allow-list. */
@Service
public class WorkspaceManagement {

	private final Workspaces workspaces;

	private final AuditLog audit;

	private final OutboundAllowList outboundAllowList;

	// Workspace settings are read on every ingestion call and change rarely.
	private final Map<WorkspaceId, Workspace> cache = new ConcurrentHashMap<>();

	WorkspaceManagement(Workspaces workspaces, AuditLog audit, OutboundAllowList outboundAllowList) {
		this.workspaces = workspaces;
		this.audit = audit;
		this.outboundAllowList = outboundAllowList;
	}

	public Workspace get(WorkspaceId id) {
		Workspace cached = cache.get(id);
		if (cached != null) {
			return cached;
		}
		Workspace workspace = workspaces.find(id).orElseThrow(() -> new NotFoundException("no workspace " + id));
		cache.put(id, workspace);
		return workspace;
	}

	public List<WorkspaceId> ids() {
		return workspaces.ids();
	}

	public Optional<Workspace> findBySlug(String slug) {
		return workspaces.findBySlug(slug);
	}

	@Transactional
	public Workspace create(NewWorkspace request) {
		List<String> errors = new ArrayList<>();
		if (request.slug() == null || !request.slug().matches("[a-z0-9][a-z0-9-]{0,62}")) {
			errors.add("slug: lower-case letters, digits and dashes, at most 63");
		}
		if (request.name() == null || request.name().isBlank() || request.name().length() > 200) {
			errors.add("name: required, at most 200 characters");
		}
		errors.addAll(violations(new WorkspaceSettings(request.currency(), request.timeZone(), request.locale())));
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid workspace", errors);
		}
		Workspace workspace = workspaces.add(request);
		audit.record(workspace.id(), "workspace.created", workspace.slug(), Map.of());
		return workspace;
	}

	/**
	 * Changes the currency, time zone and default language. Days are cut in the new zone from now on; amounts
	 * already recorded keep their own currency (nothing is converted).
	 */
	@Transactional
	public Workspace updateSettings(WorkspaceId id, WorkspaceSettings settings, String actor) {
		List<String> errors = violations(settings);
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid workspace settings", errors);
		}
		Workspace before = get(id);
		Workspace after = workspaces.updateSettings(id, settings.currency().strip(), settings.timeZone().strip(),
				settings.locale());
		cache.remove(id);
		audit.record(id, actor, "workspace.settings_changed", before.slug(),
				Map.of("from", WorkspaceSettings.of(before), "to", WorkspaceSettings.of(after)));
		return after;
	}

	/** Each violation starts with its field: currency, timeZone or locale. */
	static List<String> violations(WorkspaceSettings settings) {
		List<String> errors = new ArrayList<>();
		String currency = settings.currency() == null ? "" : settings.currency().strip();
		try {
			if (!currency.matches("[A-Z]{3}")) {
				throw new IllegalArgumentException();
			}
			Currency.getInstance(currency);
		}
		catch (RuntimeException ex) {
			errors.add("currency: not an ISO 4217 code: " + bounded(settings.currency()));
		}
		try {
			String zone = settings.timeZone() == null ? "" : settings.timeZone().strip();
			// Region ids only: offsets like +09:00 have no daylight-saving rules and are not what people mean.
			if (!ZoneId.getAvailableZoneIds().contains(zone)) {
				throw new DateTimeException(zone);
			}
		}
		catch (DateTimeException ex) {
			errors.add("timeZone: unknown time zone: " + bounded(settings.timeZone()));
		}
		if (!"ja".equals(settings.locale()) && !"en".equals(settings.locale())) {
			errors.add("locale: ja or en");
		}
		return errors;
	}

	private static String bounded(String text) {
		return text == null ? "null" : text.length() > 50 ? text.substring(0, 50) + "…" : text;
	}

	/** Internal hosts and blocks an admin allowed outbound calls to (see shared.OutboundUrlGuard). */
	public List<String> outboundAllowList(WorkspaceId workspace) {
		return outboundAllowList.entries(workspace);
	}

	@Transactional
	public List<String> saveOutboundAllowList(WorkspaceId workspace, List<String> entries) {
		if (entries.size() > 100) {
			throw new InvalidInputException("at most 100 allow-list entries");
		}
		List<String> errors = new ArrayList<>();
		List<String> checked = new ArrayList<>();
		for (String entry : entries) {
			try {
				String value = io.kizuna.shared.OutboundUrlGuard.allowListEntry(entry);
				if (!checked.contains(value)) {
					checked.add(value);
				}
			}
			catch (InvalidInputException ex) {
				errors.add(ex.getMessage());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException("invalid allow-list", errors);
		}
		List<String> before = outboundAllowList.entries(workspace);
		outboundAllowList.replace(workspace, checked);
		audit.record(workspace, "outbound_allow_list.changed", null, Map.of("from", before, "to", checked));
		return checked;
	}
}
