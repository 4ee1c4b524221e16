package io.kizuna.support;

/** What an admin enters to connect a mailbox; the passwords are sealed at once and never shown again. */
public record MailChannelDraft(String name, String address, String imapHost, Integer imapPort, String imapUser,
		String imapPassword, Boolean imapTls, String smtpHost, Integer smtpPort, String smtpUser, String smtpPassword,
		Boolean smtpTls) {

	@Override
	public String toString() {
		return "MailChannelDraft[" + name + ", " + address + ", " + imapHost + ":" + imapPort + ", passwords hidden]";
	}
}
