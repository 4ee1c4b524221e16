package io.kizuna.text;

import java.util.List;
import java.util.function.Consumer;

import io.kizuna.shared.WorkspaceId;

/**
 * A module that holds customer text, as a bean (extension point): text analytics reads every text of a workspace
 * through it when it re-analyses (`kizuna text reanalyze`), and otherwise follows {@link CustomerTextsWritten}.
 */
public interface CustomerTextSource {

	/** The kind of text this source holds, the {@link CustomerText#source()} of all it hands over. */
	String source();

	/** Hands over every text of the workspace, oldest first, in batches of a bounded size. */
	void forEachBatch(WorkspaceId workspace, Consumer<List<CustomerText>> batch);
}
