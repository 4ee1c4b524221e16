package io.kizuna.health.web;

import io.kizuna.workspace.SignedInUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.Page;
import io.kizuna.accounts.Vocabulary;
import io.kizuna.health.AccountListQuery;
import io.kizuna.health.AccountListRow;
import io.kizuna.health.HealthQueries;
import io.kizuna.health.SegmentChoice;
import io.kizuna.health.SignalKind;
import io.kizuna.health.SignalRules;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.User;
import io.kizuna.workspace.UserManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The accounts list: filters and sort in the URL, so a view can be bookmarked and shared. Values outside the
 * known sets are dropped with a notice rather than passed on.
 */
@Controller
class AccountListController {

	static final int PAGE_SIZE = 25;

	static final Set<String> BANDS = Set.of("red", "yellow", "green");

	static final Set<Integer> RENEWAL_WINDOWS = Set.of(30, 60, 90);

	private final HealthQueries health;

	private final UserManagement people;

	private final SignalRules signals;

	private final AccountManagement accounts;

	AccountListController(HealthQueries health, UserManagement people, SignalRules signals, AccountManagement accounts) {
		this.signals = signals;
		this.accounts = accounts;
		this.health = health;
		this.people = people;
	}

	@GetMapping("/accounts")
	String list(@AuthenticationPrincipal SignedInUser signedIn, @RequestParam Map<String, String> params, Model model) {
		WorkspaceId workspace = signedIn.user().workspaceId();
		Map<Long, User> users = people.users(workspace).stream().collect(Collectors.toMap(User::id, Function.identity()));
		Vocabulary tiers = accounts.tiers(workspace);
		Vocabulary stages = accounts.lifecycleStages(workspace);
		Filters filters = Filters.of(params, users.keySet(), signals, Set.copyOf(tiers.codes()), Set.copyOf(stages.codes()));
		List<SegmentChoice> segments = health.segmentChoices(workspace);
		SegmentChoice chosen = filters.chooseSegment(params, segments);
		Page<AccountListRow> page = health.accounts(workspace, new AccountListQuery(filters.q, filters.tier, filters.stage,
				filters.owner, filters.band, filters.signal, filters.renewal, chosen == null ? null : chosen.id(),
				filters.touch, filters.sort, filters.descending, filters.page, PAGE_SIZE));
		model.addAttribute("touchLevels", health.touchLevels(workspace).stream()
			.collect(Collectors.toMap(io.kizuna.health.TouchChoice::code, Function.identity(), (x, y) -> x,
					LinkedHashMap::new)));
		model.addAttribute("segments", segments);
		model.addAttribute("page", page);
		model.addAttribute("f", filters);
		model.addAttribute("users", users);
		model.addAttribute("tiers", tiers);
		model.addAttribute("stages", stages);
		model.addAttribute("kinds", signals.kinds());
		model.addAttribute("sorts", AccountListQuery.Sort.values());
		boolean capped = page.total() > AccountListQuery.COUNT_CAP;
		model.addAttribute("capped", capped);
		model.addAttribute("countCap", AccountListQuery.COUNT_CAP);
		// Past the cap the pager goes on while pages come back full.
		model.addAttribute("lastPage", capped ? filters.page + (page.items().size() == PAGE_SIZE ? 1 : 0)
				: Math.max(0, (page.total() - 1) / PAGE_SIZE));
		return "health/accounts";
	}

	/** The list's state as read from the URL, and the links that change one part of it. */
	static final class Filters {

		String q;

		String tier;

		String stage;

		Long owner;

		String band;

		SignalKind signal;

		Integer renewal;

		SegmentChoice segment;

		String touch;

		AccountListQuery.Sort sort = AccountListQuery.Sort.NAME;

		boolean descending;

		int page;

		boolean invalid;

		static Filters of(Map<String, String> params, Set<Long> owners, SignalRules kinds, Set<String> tiers,
				Set<String> stages) {
			Filters f = new Filters();
			String q = value(params, "q");
			f.q = q == null ? null : q.length() > 200 ? q.substring(0, 200) : q;
			f.tier = f.known(value(params, "tier"), tiers);
			f.stage = f.known(value(params, "stage"), stages);
			f.band = f.known(value(params, "band"), BANDS);
			f.touch = f.known(value(params, "touch"), AccountListQuery.TOUCH_LEVELS);
			Long owner = f.number(value(params, "owner"));
			f.owner = owner == null || owners.contains(owner) ? owner : f.drop();
			String signal = value(params, "signal");
			if (signal != null) {
				f.signal = kinds.kind(signal).orElse(null);
				f.invalid |= f.signal == null;
			}
			Long renewal = f.number(value(params, "renewal"));
			f.renewal = renewal == null || RENEWAL_WINDOWS.contains(renewal.intValue()) ? toInt(renewal) : f.drop();
			String sort = value(params, "sort");
			if (sort != null) {
				AccountListQuery.Sort known = AccountListQuery.Sort.fromCode(sort);
				f.invalid |= known == null;
				f.sort = known == null ? AccountListQuery.Sort.NAME : known;
			}
			String dir = value(params, "dir");
			f.invalid |= dir != null && !dir.equals("asc") && !dir.equals("desc");
			f.descending = "desc".equals(dir);
			Long page = f.number(value(params, "page"));
			f.page = page == null || page < 0 || page > 100_000 ? (page == null ? 0 : f.dropPage()) : page.intValue();
			return f;
		}

		/** The segment the URL names among the workspace's; an unknown one is dropped and said so. */
		SegmentChoice chooseSegment(Map<String, String> params, List<SegmentChoice> segments) {
			String key = value(params, "segment");
			segment = segments.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
			invalid |= key != null && segment == null;
			return segment;
		}

		public String getQ() {
			return q;
		}

		public String getTier() {
			return tier;
		}

		public String getStage() {
			return stage;
		}

		public Long getOwner() {
			return owner;
		}

		public String getBand() {
			return band;
		}

		public String getSignal() {
			return signal == null ? null : signal.code();
		}

		public Integer getRenewal() {
			return renewal;
		}

		public String getTouch() {
			return touch;
		}

		public String getSegment() {
			return segment == null ? null : segment.key();
		}

		public Long getSegmentId() {
			return segment == null ? null : segment.id();
		}

		public String getSort() {
			return sort.code();
		}

		public boolean isDescending() {
			return descending;
		}

		public boolean isInvalid() {
			return invalid;
		}

		/** The link a column header gives: its key ascending, or descending when it is the current ascending sort. */
		public String sortLink(String code) {
			boolean flip = code.equals(sort.code()) && !descending;
			Map<String, Object> state = state();
			state.put("sort", code);
			state.put("dir", flip ? "desc" : "asc");
			state.remove("page");
			return link(state);
		}

		/** For aria-sort on the column headers. */
		public String ariaSort(String code) {
			return !code.equals(sort.code()) ? "none" : descending ? "descending" : "ascending";
		}

		public String pageLink(int number) {
			Map<String, Object> state = state();
			state.put("page", number);
			return link(state);
		}

		/** The export button's link: the same filters and sort, every page. */
		public String getExportLink() {
			return link("/exports/accounts.csv", exportState());
		}

		Map<String, Object> exportState() {
			Map<String, Object> state = state();
			state.remove("page");
			return state;
		}

		private Map<String, Object> state() {
			Map<String, Object> state = new LinkedHashMap<>();
			state.put("q", q);
			state.put("tier", tier);
			state.put("stage", stage);
			state.put("owner", owner);
			state.put("band", band);
			state.put("signal", getSignal());
			state.put("renewal", renewal);
			state.put("segment", getSegment());
			state.put("touch", touch);
			state.put("sort", sort == AccountListQuery.Sort.NAME && !descending ? null : sort.code());
			state.put("dir", descending ? "desc" : null);
			state.put("page", page == 0 ? null : page);
			return state;
		}

		static String link(Map<String, Object> state) {
			return link("/accounts", state);
		}

		private static String link(String path, Map<String, Object> state) {
			UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
			state.forEach((name, value) -> {
				if (value != null) {
					builder.queryParam(name, value);
				}
			});
			return builder.encode().build().toUriString();
		}

		private String known(String value, Set<String> allowed) {
			if (value == null || allowed.contains(value)) {
				return value;
			}
			invalid = true;
			return null;
		}

		private Long number(String value) {
			if (value == null) {
				return null;
			}
			try {
				return Long.parseLong(value);
			}
			catch (NumberFormatException ex) {
				invalid = true;
				return null;
			}
		}

		private <T> T drop() {
			invalid = true;
			return null;
		}

		private int dropPage() {
			invalid = true;
			return 0;
		}

		private static Integer toInt(Long value) {
			return value == null ? null : value.intValue();
		}

		static String value(Map<String, String> params, String name) {
			String value = params.get(name);
			return value == null || value.isBlank() ? null : value.strip();
		}
	}
}
