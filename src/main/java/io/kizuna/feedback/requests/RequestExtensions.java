package io.kizuna.feedback.requests;

import static io.kizuna.workspace.PageAccess.get;
import static io.kizuna.workspace.PageAccess.post;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.kizuna.accounts.AccountPanel;
import io.kizuna.accounts.AccountPanelContent;
import io.kizuna.accounts.AccountView;
import io.kizuna.feedback.BoardSort;
import io.kizuna.feedback.FeatureRequest;
import io.kizuna.feedback.FeatureRequests;
import io.kizuna.health.WorkspaceRescored;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.text.CustomerText;
import io.kizuna.text.CustomerTextSource;
import io.kizuna.workspace.NavigationEntry;
import io.kizuna.workspace.PageAccess;
import io.kizuna.workspace.Roles;
import io.kizuna.workspace.WebPages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Feature requests' parts of other modules: pages and navigation, the account 360 panel, customer text. */
@Configuration(proxyBeanMethods = false)
class RequestExtensions {

	@Bean
	WebPages requestPages() {
		return new WebPages() {
			@Override
			public List<PageAccess> access() {
				// everyone reads the board; those who work with customers log requests and votes; admins edit the
				// status list
				return List.of(get(Roles.ADMINS, "/feedback/requests/statuses"),
						post(Roles.ADMINS, "/feedback/requests/statuses"),
						get(Roles.EVERYONE, "/feedback/requests", "/feedback/requests/export.csv",
								"/feedback/requests/{id:(?!new$|statuses$|export\\.csv$).+}"),
						get(Roles.WORKERS, "/feedback/requests/new"),
						post(Roles.WORKERS, "/feedback/requests", "/feedback/requests/*/votes",
								"/feedback/requests/*/votes/*/delete", "/feedback/requests/*/status",
								"/feedback/requests/*/rice", "/feedback/requests/*/merge", "/feedback/requests/*/comments",
								"/feedback/requests/*/link"));
			}

			@Override
			public List<NavigationEntry> navigation() {
				return List.of(new NavigationEntry("nav-feedback-requests", "feedback.request.nav", "/feedback/requests",
						72, Roles.EVERYONE));
			}
		};
	}

	@Bean
	AccountPanel requestPanel(FeatureRequests requests) {
		return new AccountPanel() {
			@Override
			public int order() {
				return 75;
			}

			@Override
			public String template() {
				return "feedback/request-panel";
			}

			@Override
			public String fragment() {
				return "requests";
			}

			@Override
			public AccountPanelContent content(AccountView view) {
				Map<String, Object> model = new LinkedHashMap<>();
				model.put("requests", requests.ofAccount(view.workspaceId(), view.account().id(), 20));
				model.put("open", requests.board(view.workspaceId(), BoardSort.ACCOUNTS, null, null, null, 100, 0));
				model.put("account", view.account().externalId());
				model.put("statusLabels", requests.statusLabels(view.workspaceId(), view.locale()));
				return AccountPanelContent.of(model);
			}
		};
	}

	@Bean
	CustomerTextSource featureRequestTexts(FeatureRequests requests) {
		return new CustomerTextSource() {
			@Override
			public String source() {
				return "feature_request";
			}

			@Override
			public void forEachBatch(WorkspaceId workspace, Consumer<List<CustomerText>> batch) {
				long after = 0;
				while (true) {
					List<FeatureRequest> rows = requests.after(workspace, after, 1000);
					if (rows.isEmpty()) {
						return;
					}
					batch.accept(rows.stream().map(r -> requests.customerText(workspace, r)).toList());
					after = rows.get(rows.size() - 1).id();
				}
			}
		};
	}

	/** After a scoring run, ARR and bands moved: the demand of every request follows, in one statement. */
	@Component
	static class DemandRefresh {

		private final FeatureRequests requests;

		DemandRefresh(FeatureRequests requests) {
			this.requests = requests;
		}

		@ApplicationModuleListener
		void on(WorkspaceRescored event) {
			requests.recomputeDemand(event.workspaceId());
		}
	}
}
