package io.kizuna.text;

import java.util.List;

import io.kizuna.shared.WorkspaceId;

/**
 * Customer texts were written or changed (one event per request or per import batch, never per row of a large
 * import); text analytics analyses them after the writer's transaction has committed.
 */
public record CustomerTextsWritten(WorkspaceId workspace, List<CustomerText> texts) {

	public CustomerTextsWritten {
		texts = List.copyOf(texts);
	}
}
