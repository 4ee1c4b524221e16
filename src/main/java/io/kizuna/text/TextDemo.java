package io.kizuna.text;

import java.time.Duration;

import io.kizuna.shared.DemoContribution;
import io.kizuna.shared.DemoWorkspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo's texts dated as their sources date them. The other modules' demos write tickets, answers and reviews now
 * and then move them into the past (tickets over eight weeks, answers over months); the texts reached analysis as
 * they were written, dated now. Once the pipeline has caught up, the workspace is analysed again from its sources
 * and what loading found rising (everything at once, so nothing had a history) is replaced by what the dated texts
 * show: the login wave of the last days and the accounts whose tone fell.
 */
@Component
class TextDemo implements DemoContribution {

	private static final Logger log = LoggerFactory.getLogger(TextDemo.class);

	private static final Duration MAX_WAIT = Duration.ofMinutes(5);

	private final TextAnalytics analytics;

	private final JdbcClient jdbc;

	TextDemo(TextAnalytics analytics, JdbcClient jdbc) {
		this.analytics = analytics;
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 900; // after every module that writes customer text
	}

	@Override
	public void load(DemoWorkspace demo) {
		long deadline = System.nanoTime() + MAX_WAIT.toNanos();
		long pending;
		while ((pending = pending()) > 0 && System.nanoTime() < deadline) {
			log.info("Demo text analytics: waiting for {} batches of texts to be analysed", pending);
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		jdbc.sql("delete from text_alert where workspace_id = :ws and detected_on = :today")
			.param("ws", demo.workspace().value()).param("today", java.sql.Date.valueOf(analytics.today(demo.workspace())))
			.update();
		long[] reported = { 0 };
		long texts = analytics.reanalyze(demo.workspace(), done -> {
			if (done - reported[0] >= 1000) {
				reported[0] = done;
				log.info("Demo text analytics: {} texts analysed again", done);
			}
		});
		log.info("Demo text analytics: {} texts dated by their sources, {} rising issues", texts,
				analytics.alerts(demo.workspace(), 200).size());
	}

	private long pending() {
		return jdbc.sql("""
				select count(*) from event_publication
				where completion_date is null and listener_id like '%TextPipeline%'""")
			.query(Long.class).single();
	}
}
