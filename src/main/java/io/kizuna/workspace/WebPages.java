package io.kizuna.workspace;

import java.util.List;

/**
 * What a module brings to the web app besides its controllers: its header links and who may open its pages. Each
 * module with pages declares one bean of this type; the layout and the security configuration collect them all.
 */
public interface WebPages {

	/** Who may call each of the module's pages and actions. */
	List<PageAccess> access();

	/** The module's links in the header, if any. */
	default List<NavigationEntry> navigation() {
		return List.of();
	}
}
