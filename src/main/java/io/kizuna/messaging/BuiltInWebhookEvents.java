package io.kizuna.messaging;

import java.util.List;

import org.springframework.stereotype.Component;

/** The events Kizuna's own modules raise today: signals, health bands, segment entries and exits, and the test. */
@Component
class BuiltInWebhookEvents implements WebhookEventSource {

	@Override
	public List<String> eventTypes() {
		return List.of("signal.raised", "health.band_changed", "segment.entered", "segment.exited", "playbook.step", Webhooks.TEST_EVENT);
	}
}
