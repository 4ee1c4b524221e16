package io.kizuna.portfolio;

import java.util.Map;

import io.kizuna.shared.WorkspaceId;

/**
 * A section of the home page that another module contributes as a bean (text analytics brings its rising issues),
 * without the portfolio knowing the module: the model of {@link io.kizuna.accounts.AccountPanel}.
 */
public interface PortfolioSection {

	/** Where the section stands below the built-in ones, lowest first. */
	int order();

	/** The Thymeleaf template holding the section's fragment, e.g. {@code text/panels}. */
	String template();

	/** The fragment's name in {@link #template()}; it reads what {@link #model} returned as {@code section}. */
	String fragment();

	/** What the section shows; an empty map hides it. */
	Map<String, Object> model(WorkspaceId workspace);
}
