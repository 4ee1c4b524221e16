package io.kizuna.shared;

/**
 * A module's part of the demo workspace: after the accounts, usage, health and revenue are loaded, the demo calls
 * every contribution in {@link #order()} so that each module brings its own demo data (tickets, tasks, articles…)
 * without the demo module knowing it. Loading the same demo twice must store nothing twice.
 */
public interface DemoContribution {

	/** Lower runs first; a contribution that needs another's data runs after it (segments 100, journeys 200, …). */
	int order();

	/** Adds this module's demo data. Long work logs its progress. */
	void load(DemoWorkspace demo);
}
