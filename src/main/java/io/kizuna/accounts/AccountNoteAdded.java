package io.kizuna.accounts;

import io.kizuna.shared.AccountId;
import io.kizuna.shared.WorkspaceId;

/** A CSM wrote a note on an account (a CSM touch). */
public record AccountNoteAdded(WorkspaceId workspaceId, AccountId accountId, long noteId, String author) {
}
