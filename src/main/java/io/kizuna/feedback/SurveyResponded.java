package io.kizuna.feedback;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/** Survey responses were submitted or imported (one event per request or import batch). */
public record SurveyResponded(WorkspaceId workspaceId, List<Long> responseIds, List<Long> detractorResponseIds) {

	public SurveyResponded {
		responseIds = List.copyOf(responseIds);
		detractorResponseIds = List.copyOf(detractorResponseIds);
	}
}
