package io.kizuna.feedback.requests;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kizuna.feedback.BoardSort;
import io.kizuna.feedback.FeatureRequests;
import io.kizuna.feedback.VocSection;
import io.kizuna.shared.WorkspaceId;
import io.kizuna.workspace.WorkspaceManagement;
import org.springframework.stereotype.Component;

/** The VoC overview's "top requests by ARR": the open requests most wanted by revenue, with breadth and risk. */
@Component
class RequestSections implements VocSection {

	private final FeatureRequests requests;

	private final WorkspaceManagement workspaces;

	RequestSections(FeatureRequests requests, WorkspaceManagement workspaces) {
		this.requests = requests;
		this.workspaces = workspaces;
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public String template() {
		return "feedback/request-sections";
	}

	@Override
	public String fragment() {
		return "top-requests";
	}

	@Override
	public Map<String, Object> model(WorkspaceId workspace, int months) {
		return topRequests(workspace, 10);
	}

	Map<String, Object> topRequests(WorkspaceId workspace, int limit) {
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("requests", requests.board(workspace, BoardSort.ARR, null, null, null, limit, 0).stream()
			.filter(r -> r.demand().votes() > 0).toList());
		model.put("statusLabels", requests.statusLabels(workspace,
				org.springframework.context.i18n.LocaleContextHolder.getLocale()));
		model.put("currency", workspaces.get(workspace).currency().getCurrencyCode());
		return model;
	}
}
