package io.kizuna.text;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Analysis as texts arrive: after the writer's transaction has committed, asynchronously, so a request never waits
 * for it. A failure is logged and left to the event publication registry (incomplete publications are retried).
 */
@Component
class TextPipeline {

	private static final Logger log = LoggerFactory.getLogger(TextPipeline.class);

	private final TextAnalytics analytics;

	TextPipeline(TextAnalytics analytics) {
		this.analytics = analytics;
	}

	@ApplicationModuleListener
	void on(CustomerTextsWritten written) {
		int stored = analytics.analyse(written.workspace(), written.texts());
		log.debug("text analytics: {} texts analysed", stored);
	}
}
