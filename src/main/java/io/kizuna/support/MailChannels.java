package io.kizuna.support;

import java.util.List;
import java.util.regex.Pattern;

import io.kizuna.shared.InvalidInputException;
import io.kizuna.shared.NotFoundException;
import io.kizuna.shared.SecretBox;
import io.kizuna.shared.WorkspaceId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Connected mailboxes: an admin connects one (IMAP to read, SMTP to reply), the passwords sealed with
 * {@link SecretBox} and never shown again; the fetch runs as a cluster job and its state is on the channel.
 */
@Service
public class MailChannels {

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9a-fA-F:.]{2,45}\\]");

	private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]{1,64}@[A-Za-z0-9.-]{1,253}");

	private final Channels channels;

	private final MailFetcher fetcher;

	private final SecretBox secrets;

	MailChannels(Channels channels, MailFetcher fetcher, SecretBox secrets) {
		this.channels = channels;
		this.fetcher = fetcher;
		this.secrets = secrets;
	}

	public MailChannel connect(WorkspaceId ws, MailChannelDraft draft) {
		String name = SupportDesk.required("name", draft.name(), 200);
		String address = SupportDesk.required("address", draft.address(), 320).strip();
		if (!ADDRESS.matcher(address).matches()) {
			throw new InvalidInputException("address is not an e-mail address");
		}
		host("imapHost", draft.imapHost());
		host("smtpHost", draft.smtpHost());
		port("imapPort", draft.imapPort());
		port("smtpPort", draft.smtpPort());
		SupportDesk.required("imapUser", draft.imapUser(), 320);
		SupportDesk.required("imapPassword", draft.imapPassword(), 1000);
		SupportDesk.optional("smtpUser", draft.smtpUser(), 320);
		SupportDesk.optional("smtpPassword", draft.smtpPassword(), 1000);
		MailChannelDraft clean = new MailChannelDraft(name, address, draft.imapHost().strip(), draft.imapPort(),
				draft.imapUser(), null, draft.imapTls(), draft.smtpHost().strip(), draft.smtpPort(),
				draft.smtpUser() == null || draft.smtpUser().isBlank() ? null : draft.smtpUser(), null, draft.smtpTls());
		String smtpPassword = draft.smtpPassword() == null || draft.smtpPassword().isEmpty() ? null
				: secrets.seal(draft.smtpPassword());
		try {
			long id = channels.insert(ws, clean, secrets.seal(draft.imapPassword()), smtpPassword);
			return channel(ws, id);
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException("this address is already connected");
		}
	}

	private static void host(String field, String value) {
		String v = SupportDesk.required(field, value, 253).strip();
		if (!HOST.matcher(v).matches()) {
			throw new InvalidInputException(field + " is not a host name");
		}
	}

	private static void port(String field, Integer value) {
		if (value == null || value < 1 || value > 65535) {
			throw new InvalidInputException(field + " must be between 1 and 65535");
		}
	}

	public List<MailChannel> channels(WorkspaceId ws) {
		return channels.list(ws);
	}

	public MailChannel channel(WorkspaceId ws, long id) {
		return channels.find(ws, id).orElseThrow(() -> new NotFoundException("no channel " + id));
	}

	/** Fetches at once (the channel page's button, tests); returns how many messages were stored. */
	public FetchResult fetchNow(WorkspaceId ws, long id) {
		channel(ws, id);
		MailFetcher.Outcome outcome = fetcher.fetch(ws, id);
		return new FetchResult(outcome.fetched(), outcome.error());
	}

	public record FetchResult(int fetched, String error) {
	}

	/** The job's turn: fetches every channel that is due and not claimed by another node. */
	int fetchDue() {
		int total = 0;
		for (long[] due : channels.claimDue(20)) {
			total += fetcher.fetch(new WorkspaceId(due[0]), due[1]).fetched();
		}
		return total;
	}
}
