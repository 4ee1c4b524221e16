package io.kizuna.accounts;

/**
 * A part of the account 360 page that a module contributes as a bean: health brings the score and signals, usage the
 * activity, revenue the lifetime value, and a new module its own panel, without the account page knowing it.
 */
public interface AccountPanel {

	/** Where the panel stands among the others, lowest first. */
	int order();

	/** The Thymeleaf template holding the panel's fragment, e.g. {@code health/account-panels}. */
	String template();

	/** The fragment's name in {@link #template()}; it reads what {@link #content} returned as {@code panel}. */
	String fragment();

	/** What the panel shows for this account, and what it adds to the account's timeline. */
	AccountPanelContent content(AccountView view);
}
