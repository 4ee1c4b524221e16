package io.kizuna.support;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;

import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;

import io.kizuna.shared.SecretBox;
import io.kizuna.shared.WorkspaceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches a mailbox over IMAP (TLS unless the admin turned it off) by UID: every message after the last one stored is
 * read byte for byte, a group of messages per FETCH, and stored a group per transaction with the cursor moved past it
 * (ADR 0141); a group with a message that cannot be stored is stored again one by one, so that message is noted and
 * never retried in a loop. A failed connection backs off (ADR 0094).
 */
@Component
class MailFetcher {

	private static final Logger log = LoggerFactory.getLogger(MailFetcher.class);

	static final int BATCH = 500;

	static final int MAX_RAW = 50 * 1024 * 1024;

	static final int CHUNK = 100;

	static final long CHUNK_BYTES = 16L * 1024 * 1024;

	private final Channels channels;

	private final SupportDesk desk;

	private final SecretBox secrets;

	private final TransactionTemplate transactions;

	private final String trust;

	private final Duration every;

	MailFetcher(Channels channels, SupportDesk desk, SecretBox secrets, TransactionTemplate transactions,
			@Value("${kizuna.support.mail.ssl-trust:}") String trust,
			@Value("${kizuna.support.mail.fetch-every:PT1M}") Duration every) {
		this.channels = channels;
		this.transactions = transactions;
		this.desk = desk;
		this.secrets = secrets;
		this.trust = trust;
		this.every = every;
	}

	/** The outcome of one fetch: how many messages were stored, and the error in words if it failed. */
	record Outcome(int fetched, String error) {
	}

	Outcome fetch(WorkspaceId ws, long channelId) {
		Channels.Connection connection = channels.connection(ws, channelId).orElse(null);
		if (connection == null) {
			return new Outcome(0, "no such channel");
		}
		MailChannel channel = connection.channel();
		String protocol = channel.imapTls() ? "imaps" : "imap";
		Properties properties = new Properties();
		properties.setProperty("mail." + protocol + ".connectiontimeout", "10000");
		properties.setProperty("mail." + protocol + ".timeout", "30000");
		if (channel.imapTls()) {
			if (trust.isBlank()) {
				properties.setProperty("mail.imaps.ssl.checkserveridentity", "true");
			}
			else {
				// hosts an operator trusts explicitly (a private CA, a test server): their certificates are accepted
				properties.setProperty("mail.imaps.ssl.trust", trust);
				properties.setProperty("mail.imaps.ssl.checkserveridentity", "false");
			}
		}
		else {
			properties.setProperty("mail.imap.starttls.enable", "true");
		}
		int fetched = 0;
		try {
			Session session = Session.getInstance(properties);
			try (Store store = session.getStore(protocol)) {
				store.connect(channel.imapHost(), channel.imapPort(), channel.imapUser(),
						secrets.open(connection.imapPasswordSealed()));
				Folder inbox = store.getFolder("INBOX");
				inbox.open(Folder.READ_ONLY);
				try {
					UIDFolder uids = (UIDFolder) inbox;
					long validity = uids.getUIDValidity();
					long last = connection.uidValidity() != null && connection.uidValidity() == validity
							? connection.lastUid() : 0;
					Message[] messages = uids.getMessagesByUID(last + 1, UIDFolder.LASTUID);
					FetchProfile profile = new FetchProfile();
					profile.add(UIDFolder.FetchProfileItem.UID);
					profile.add(FetchProfile.Item.SIZE);
					inbox.fetch(messages, profile);
					List<Message> fresh = new ArrayList<>();
					for (Message message : messages) {
						if (fresh.size() >= BATCH) {
							break;
						}
						if (uids.getUID(message) > last) {
							fresh.add(message); // IMAP answers the last message for an empty range
						}
					}
					for (Message stored : storeGroups(ws, channelId, (IMAPFolder) inbox, chunks(fresh), validity)) {
						last = uids.getUID(stored);
						fetched++;
					}
					channels.succeeded(ws, channelId, last, validity, 0, every);
				}
				finally {
					inbox.close(false);
				}
			}
			return new Outcome(fetched, null);
		}
		catch (MessagingException | RuntimeException ex) {
			String error = describe(ex);
			log.warn("fetching mail channel {} of workspace {} failed: {}", channelId, ws.value(), error);
			channels.failed(ws, channelId, error);
			return new Outcome(fetched, error);
		}
	}

	/**
	 * Reads and stores the groups in order, the next group read from the server while this one is stored (at most
	 * two groups in memory). Returns the messages passed, stored or noted, in order.
	 */
	private List<Message> storeGroups(WorkspaceId ws, long channelId, IMAPFolder folder, List<List<Message>> groups,
			long validity) throws MessagingException {
		List<Message> passed = new ArrayList<>();
		if (groups.isEmpty()) {
			return passed;
		}
		ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
			Thread thread = new Thread(task, "imap-read-" + channelId);
			thread.setDaemon(true);
			return thread;
		});
		try {
			Future<Map<Integer, byte[]>> next = reader.submit(() -> rawMessages(folder, groups.get(0)));
			for (int g = 0; g < groups.size(); g++) {
				List<Message> group = groups.get(g);
				Map<Integer, byte[]> raws = read(next);
				if (g + 1 < groups.size()) {
					List<Message> following = groups.get(g + 1);
					next = reader.submit(() -> rawMessages(folder, following));
				}
				if (!storeTogether(ws, channelId, folder, group, raws, validity)) {
					for (Message message : group) {
						long uid = folder.getUID(message);
						// each in its own transaction, the cursor after it: a failing one is passed, not retried
						store(ws, channelId, message, uid, raws.get(message.getMessageNumber()));
						channels.advanced(ws, channelId, uid, validity, 1);
					}
				}
				passed.addAll(group);
			}
			return passed;
		}
		finally {
			reader.shutdownNow();
		}
	}

	/**
	 * The messages in groups fetched with one command each (at most {@link #CHUNK} messages and about
	 * {@link #CHUNK_BYTES} bytes by their sizes): one round trip per group instead of one per message.
	 */
	static List<List<Message>> chunks(List<Message> messages) throws MessagingException {
		List<List<Message>> chunks = new ArrayList<>();
		List<Message> current = new ArrayList<>();
		long bytes = 0;
		for (Message message : messages) {
			long size = Math.max(message.getSize(), 0);
			if (!current.isEmpty() && (current.size() >= CHUNK || bytes + size > CHUNK_BYTES)) {
				chunks.add(current);
				current = new ArrayList<>();
				bytes = 0;
			}
			current.add(message);
			bytes += size;
		}
		if (!current.isEmpty()) {
			chunks.add(current);
		}
		return chunks;
	}

	/**
	 * The raw bytes of a group of messages by message number, exactly as the server sent them ({@code BODY.PEEK[]},
	 * one FETCH for the group; messages over the size limit are left out). A message the server does not answer for
	 * is absent and is read on its own afterwards.
	 */
	private static Map<Integer, byte[]> rawMessages(IMAPFolder folder, List<Message> chunk) {
		int[] numbers = chunk.stream().filter(MailFetcher::withinLimit).mapToInt(Message::getMessageNumber).toArray();
		Map<Integer, byte[]> raws = new HashMap<>();
		if (numbers.length == 0) {
			return raws;
		}
		try {
			folder.doCommand(protocol -> {
				Response[] responses = protocol.fetch(MessageSet.createMessageSets(numbers), "BODY.PEEK[]");
				for (Response response : responses) {
					if (response instanceof FetchResponse fetch) {
						BODY body = fetch.getItem(BODY.class);
						if (body != null && body.getByteArray() != null) {
							ByteArray bytes = body.getByteArray();
							raws.put(fetch.getNumber(), Arrays.copyOfRange(bytes.getBytes(), bytes.getStart(),
									bytes.getStart() + bytes.getCount()));
						}
					}
				}
				protocol.notifyResponseHandlers(responses);
				protocol.handleResult(responses[responses.length - 1]);
				return null;
			});
		}
		catch (MessagingException | RuntimeException ex) {
			// the group's messages are then read one by one, and any that still fails is noted on its own
			log.debug("fetching a group of {} messages failed: {}", numbers.length, ex.toString());
		}
		return raws;
	}

	/** A group read ahead; one that could not be read is empty, and its messages are then read one by one. */
	private static Map<Integer, byte[]> read(Future<Map<Integer, byte[]>> group) {
		try {
			return group.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("mail fetch interrupted", ex);
		}
		catch (ExecutionException ex) {
			log.debug("reading a group of messages failed: {}", ex.getCause().toString());
			return Map.of();
		}
	}

	private static boolean withinLimit(Message message) {
		try {
			return message.getSize() <= MAX_RAW;
		}
		catch (MessagingException ex) {
			return false;
		}
	}

	/**
	 * Stores a whole group in one transaction with the cursor moved past it: one commit per group instead of two
	 * per message, which is most of a fetch's time. If any message of the group fails, nothing of the group is kept
	 * (its events are never published) and the caller stores it again one message per transaction, so the failing
	 * message is noted and passed on its own; a message stored twice that way is still stored once.
	 */
	private boolean storeTogether(WorkspaceId ws, long channelId, UIDFolder uids, List<Message> chunk,
			Map<Integer, byte[]> raws, long validity) throws MessagingException {
		for (Message message : chunk) {
			if (withinLimit(message) && !raws.containsKey(message.getMessageNumber())) {
				return false;
			}
		}
		long lastUid = uids.getUID(chunk.get(chunk.size() - 1));
		try {
			transactions.executeWithoutResult(tx -> {
				List<byte[]> group = new ArrayList<>();
				for (Message message : chunk) {
					byte[] raw = raws.get(message.getMessageNumber());
					if (raw != null) {
						group.add(raw);
					}
				}
				desk.receiveAll(ws, channelId, group);
				channels.advanced(ws, channelId, lastUid, validity, chunk.size());
			});
			return true;
		}
		catch (RuntimeException ex) {
			log.info("a group of {} messages of channel {} is stored again one by one: {}", chunk.size(), channelId,
					ex.toString());
			return false;
		}
	}

	private void store(WorkspaceId ws, long channelId, Message message, long uid, byte[] fetchedRaw) {
		try {
			int size = message.getSize();
			if (size > MAX_RAW) {
				log.warn("message uid {} of channel {} is {} bytes, over the limit; skipped", uid, channelId, size);
				return;
			}
			byte[] raw = fetchedRaw;
			if (raw == null) {
				ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(size, 1024));
				message.writeTo(out);
				raw = out.toByteArray();
			}
			desk.receive(ws, channelId, raw);
		}
		catch (Exception ex) {
			// a message that cannot be stored is noted and passed: it must never block the mailbox
			log.warn("message uid {} of channel {} could not be stored: {}", uid, channelId, ex.toString());
		}
	}

	/** The failure in words an admin can act on, without user names or passwords. */
	static String describe(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (ex instanceof jakarta.mail.AuthenticationFailedException) {
			return "authentication_failed";
		}
		if (root instanceof java.net.UnknownHostException) {
			return "unknown_host";
		}
		if (root instanceof java.net.ConnectException || root instanceof java.net.SocketTimeoutException
				|| root instanceof java.net.NoRouteToHostException) {
			return "unreachable";
		}
		if (root instanceof javax.net.ssl.SSLException || root instanceof java.security.cert.CertificateException
				|| root instanceof java.security.GeneralSecurityException) {
			return "tls_failed";
		}
		if (ex instanceof IllegalArgumentException) {
			return "secret_unreadable";
		}
		return "mail_error";
	}
}
