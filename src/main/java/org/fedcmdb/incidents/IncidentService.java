package org.fedcmdb.incidents;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.fedcmdb.impact.BlastRadius;
import org.fedcmdb.impact.ImpactQuery;
import org.fedcmdb.impact.ImpactService;
import org.springframework.stereotype.Service;

/**
 * Alerts in, incidents out. A notification is applied in one transaction (all of it or nothing), serialised with
 * every other notification across instances; alerts already known (same fingerprint and start) change nothing, so a
 * retried notification is harmless. Look-ups and traversals that do not depend on the incidents happen before the
 * transaction, so the serialised part stays short.
 */
@Service
class IncidentService {

	private final IncidentStore store;

	private final AlertMapper mapper;

	private final ImpactService impact;

	private final IncidentProperties properties;

	private final IncidentEvents events;

	private final MeterRegistry metrics;

	IncidentService(IncidentStore store, AlertMapper mapper, ImpactService impact, IncidentProperties properties,
			IncidentEvents events, MeterRegistry metrics) {
		this.store = store;
		this.mapper = mapper;
		this.impact = impact;
		this.properties = properties;
		this.events = events;
		this.metrics = metrics;
	}

	/** What a notification did, as the receiver answers it. */
	record Receipt(int received, int applied, int duplicates, int unmapped, int resolved, List<String> incidentIds,
			int incidentsOpened) {
	}

	Receipt receive(AlertPayloads.Notification n) {
		long now = System.currentTimeMillis();
		Map<Map<String, String>, AlertMapper.Mapped> mapped = new HashMap<>();
		Map<String, Map<String, Integer>> needs = new HashMap<>();
		// Alertmanager re-sends firing alerts every repeat_interval: those already known change nothing, so their
		// CIs need no traversal (the transaction still checks each alert under the lock)
		java.util.Set<String> known = store.firingKeys(n.alerts().stream().filter(a -> a.firing() && a.startsAt() != null)
			.map(Alert::key).toList());
		for (Alert a : n.alerts()) {
			AlertMapper.Mapped m = mapped.computeIfAbsent(a.labels(), mapper::map);
			if (a.firing() && (a.startsAt() == null || !known.contains(a.key()))) {
				m.ciIds().forEach(ci -> needs.computeIfAbsent(ci, this::needs));
			}
		}
		java.util.Set<String> hubs = hubs(needs);
		NotificationRound round = store.write(tx -> new NotificationRound(tx, now, mapped, needs, hubs, store, properties, impact, events)
			.apply(n.alerts()));
		metrics.counter("fedcmdb.alerts.received", "source", n.source()).increment(n.alerts().size());
		metrics.counter("fedcmdb.alerts.unmapped").increment(round.unmapped);
		metrics.counter("fedcmdb.alerts.duplicates").increment(round.duplicates);
		for (IncidentRecord i : round.touched.values()) {
			if (i.created) {
				metrics.counter("fedcmdb.incidents.opened", "priority", i.priority, "service",
						i.services.isEmpty() ? "none" : String.valueOf(i.services.get(0).get("name"))).increment();
			}
			if ("RESOLVED".equals(i.status) && i.resolvedAt != null && i.resolvedAt == now) {
				resolvedMetric(metrics, i);
			}
		}
		return new Receipt(n.alerts().size(), round.applied, round.duplicates, round.unmapped, round.resolved,
				List.copyOf(round.touched.keySet()), round.opened);
	}

	/** Time to resolve by priority and by most critical impacted service (MTTR is its mean). */
	static void resolvedMetric(MeterRegistry metrics, IncidentRecord i) {
		String service = i.services.isEmpty() ? "none" : String.valueOf(i.services.get(0).get("name"));
		io.micrometer.core.instrument.Timer.builder("fedcmdb.incidents.resolution").tag("priority", i.priority)
			.tag("service", service).description("Time from an incident's opening to its resolution")
			.register(metrics).record(Duration.ofMillis(Math.max(0, i.resolvedAt - i.openedAt)));
	}

	/** The CIs among those needed that more than {@code max-shared-dependents} CIs depend on. */
	private java.util.Set<String> hubs(Map<String, Map<String, Integer>> needs) {
		java.util.Set<String> all = new java.util.HashSet<>(needs.keySet());
		needs.values().forEach(n -> all.addAll(n.keySet()));
		return store.hubs(List.copyOf(all), properties.maxSharedDependents());
	}

	/** What a CI needs within the correlation depth: CI id to depth (its possible causes). */
	private Map<String, Integer> needs(String ciId) {
		BlastRadius br = impact.blastRadius(new ImpactQuery(List.of(ciId), ImpactQuery.Direction.DOWNSTREAM,
				properties.correlationDepth(), null, false, 500), Duration.ofSeconds(5));
		Map<String, Integer> out = new LinkedHashMap<>();
		br.impacted().forEach(i -> out.putIfAbsent(i.ciId(), i.depth()));
		return out;
	}

}
