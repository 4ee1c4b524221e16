package io.kizuna.knowledge;

import org.springframework.context.ApplicationContext;

/**
 * What KnowledgeBenchmark (io.kizuna.bench) reaches inside the module: a search on the node's index alone, with
 * highlighting but without the search log the facade writes, to split the facade's time into Lucene and PostgreSQL.
 */
public final class KnowledgeBench {

	private KnowledgeBench() {
	}

	/** Searches the running context's index as {@link KnowledgeManagement#search} does; answers the hits. */
	public static int indexSearch(ApplicationContext context, long workspace, String query, boolean publicOnly,
			int limit) {
		return context.getBean(KnowledgeIndex.class).search(workspace, SearchIndex.clean(query), publicOnly, limit)
			.hits()
			.size();
	}
}
