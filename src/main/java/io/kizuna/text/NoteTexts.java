package io.kizuna.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.kizuna.accounts.AccountManagement;
import io.kizuna.accounts.AccountNote;
import io.kizuna.accounts.AccountNoteAdded;
import io.kizuna.shared.AccountId;
import io.kizuna.shared.AccountLinks;
import io.kizuna.shared.WorkspaceId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The account notes CSMs write, as customer text (source {@code note}): read through the accounts facade when a
 * workspace is re-analysed, and analysed after each new note's transaction has committed.
 */
@Component
class NoteTexts implements CustomerTextSource {

	static final String SOURCE = "note";

	private final AccountManagement accounts;

	private final TextAnalytics analytics;

	NoteTexts(AccountManagement accounts, @org.springframework.context.annotation.Lazy TextAnalytics analytics) {
		this.accounts = accounts;
		this.analytics = analytics;
	}

	@Override
	public String source() {
		return SOURCE;
	}

	@Override
	public void forEachBatch(WorkspaceId workspace, Consumer<List<CustomerText>> batch) {
		long after = 0;
		while (true) {
			List<AccountNote> notes = accounts.notesAfter(workspace, after, TextAnalytics.BATCH);
			if (notes.isEmpty()) {
				return;
			}
			batch.accept(texts(workspace, notes));
			after = notes.get(notes.size() - 1).id();
		}
	}

	@ApplicationModuleListener
	void on(AccountNoteAdded added) {
		accounts.note(added.workspaceId(), added.noteId())
			.ifPresent(note -> analytics.analyse(added.workspaceId(), texts(added.workspaceId(), List.of(note))));
	}

	private List<CustomerText> texts(WorkspaceId workspace, List<AccountNote> notes) {
		Map<String, Long> ids = accounts.accountIds(workspace,
				notes.stream().map(AccountNote::accountExternalId).distinct().toList());
		List<CustomerText> texts = new ArrayList<>(notes.size());
		for (AccountNote note : notes) {
			Long id = ids.get(note.accountExternalId());
			texts.add(new CustomerText(workspace, SOURCE, Long.toString(note.id()), id == null ? null : new AccountId(id),
					note.body(), note.createdAt(), "/accounts/" + AccountLinks.encode(note.accountExternalId())));
		}
		return texts;
	}
}
