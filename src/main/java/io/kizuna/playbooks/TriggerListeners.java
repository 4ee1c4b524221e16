package io.kizuna.playbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.kizuna.health.HealthBandsChanged;
import io.kizuna.health.SignalsRaised;
import io.kizuna.health.SignalsResolved;
import io.kizuna.segments.SegmentMembershipChanged;
import io.kizuna.shared.AccountId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The built-in triggers' event side: one call of {@link PlaybookManagement#fire} per event (per scoring run, per
 * segment evaluation), never per account. Each occurrence's key comes from the event itself, so an event the
 * publication registry delivers again after a restart enrolls nobody twice.
 */
@Component
class TriggerListeners {

	private final PlaybookManagement playbooks;

	TriggerListeners(PlaybookManagement playbooks) {
		this.playbooks = playbooks;
	}

	@ApplicationModuleListener
	void on(SignalsRaised raised) {
		List<TriggerHit> hits = raised.signals().stream()
			.map(s -> new TriggerHit(s.accountId(), "signal:" + s.kind().code() + ":" + raised.day(),
					Map.of("kind", s.kind().code(), "severity", String.valueOf(s.severity())),
					Map.of("trigger", "signal_raised", "kind", s.kind().code(), "severity", String.valueOf(s.severity()),
							"day", raised.day().toString())))
			.toList();
		playbooks.fire(raised.workspaceId(), "signal_raised", hits);
	}

	@ApplicationModuleListener
	void on(SignalsResolved resolved) {
		Map<String, List<AccountId>> byKind = resolved.signals().stream().collect(Collectors.groupingBy(
				s -> s.kind().code(), Collectors.mapping(SignalsResolved.Resolved::accountId, Collectors.toList())));
		byKind.forEach((kind, accounts) -> playbooks.resolved(resolved.workspaceId(), kind, accounts));
	}

	@ApplicationModuleListener
	void on(HealthBandsChanged changed) {
		List<TriggerHit> hits = changed.changes().stream()
			.map(c -> new TriggerHit(c.accountId(), "band:" + code(c.previousBand()) + "-" + code(c.band()) + ":" + changed.day(),
					Map.of("from", code(c.previousBand()), "to", code(c.band())),
					Map.of("trigger", "band_changed", "from", code(c.previousBand()), "to", code(c.band()),
							"score", c.score(), "day", changed.day().toString())))
			.toList();
		playbooks.fire(changed.workspaceId(), "band_changed", hits);
	}

	@ApplicationModuleListener
	void on(SegmentMembershipChanged changed) {
		// the event's content is its identity: the registry delivers the same lists again after a restart
		String occurrence = changed.segmentId() + ":" + Integer.toHexString(Objects.hash(changed.entered(), changed.exited(),
				changed.reason().name())) + ":" + java.time.LocalDate.now();
		playbooks.fire(changed.workspaceId(), "segment_entered", hits(changed, changed.entered(), "in:" + occurrence));
		playbooks.fire(changed.workspaceId(), "segment_exited", hits(changed, changed.exited(), "out:" + occurrence));
	}

	private static List<TriggerHit> hits(SegmentMembershipChanged changed, List<AccountId> accounts, String key) {
		List<TriggerHit> hits = new ArrayList<>(accounts.size());
		for (AccountId account : accounts) {
			hits.add(new TriggerHit(account, "segment:" + key, Map.of("segment", changed.segmentKey()),
					Map.of("trigger", "segment", "segment", changed.segmentKey())));
		}
		return hits;
	}

	private static String code(io.kizuna.health.HealthBand band) {
		return band == null ? "" : band.code();
	}
}
