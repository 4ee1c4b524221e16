package io.kizuna.messaging;

/**
 * What an admin saves as the SMTP settings; a null or empty {@code password} keeps the stored one.
 *
 * @param security {@code none}, {@code starttls} or {@code ssl}
 */
public record SmtpDraft(String host, Integer port, String security, String username, String password,
		String fromAddress, Integer ratePerMinute) {

	/** Never prints the password (a draft may end up in a log line or an exception). */
	@Override
	public String toString() {
		return "SmtpDraft[host=" + host + ", port=" + port + ", security=" + security + ", username=" + username
				+ ", password=" + (password == null || password.isEmpty() ? "(unchanged)" : "(given)") + ", fromAddress="
				+ fromAddress + ", ratePerMinute=" + ratePerMinute + "]";
	}
}
