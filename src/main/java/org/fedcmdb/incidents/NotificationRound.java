package org.fedcmdb.incidents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.Json;
import org.fedcmdb.impact.ImpactService;
import org.neo4j.driver.TransactionContext;

/**
 * One notification's transaction, under the alerts lock: each alert is deduplicated, correlated into an open
 * incident (or one of its own reopened, or a new one) or resolved; then each touched incident's cause, impacted
 * services, assignment, priority and timeline are settled and its event appended, all before the commit.
 */
final class NotificationRound {

	private final IncidentStore store;

	private final IncidentProperties properties;

	private final ImpactService impact;

	private final IncidentEvents events;


	final TransactionContext tx;

	final long now;

	final Map<Map<String, String>, AlertMapper.Mapped> mapped;

	final Map<String, Map<String, Integer>> needs;

	final java.util.Set<String> hubs;

	final Map<String, IncidentRecord> touched = new LinkedHashMap<>();

	final Map<String, IncidentRecord> before = new HashMap<>();

	final Map<String, List<String>> joined = new LinkedHashMap<>();

	final Map<String, Integer> resolvedIn = new HashMap<>();

	final List<Map<String, Object>> links = new ArrayList<>();

	List<IncidentRecord> candidates;

	int applied;

	int duplicates;

	int unmapped;

	int resolved;

	int opened;

	NotificationRound(TransactionContext tx, long now, Map<Map<String, String>, AlertMapper.Mapped> mapped,
			Map<String, Map<String, Integer>> needs, java.util.Set<String> hubs, IncidentStore store,
			IncidentProperties properties, ImpactService impact, IncidentEvents events) {
		this.store = store;
		this.properties = properties;
		this.impact = impact;
		this.events = events;
		this.hubs = hubs;
		this.tx = tx;
		this.now = now;
		this.mapped = mapped;
		this.needs = needs;
	}

	NotificationRound apply(List<Alert> alerts) {
		store.lock(tx, now);
		java.util.Set<String> pictured = new java.util.HashSet<>();
		for (Alert a : alerts) {
			if (a.firing()) {
				for (String ci : mapped.get(a.labels()).ciIds()) {
					pictured.add(ci);
					pictured.addAll(needs.getOrDefault(ci, Map.of()).keySet());
				}
			}
		}
		candidates = store.candidates(tx, pictured, hubs, now - properties.window().toMillis());
		candidates.forEach(c -> before.put(c.id, IncidentRecord.from(c.toRow())));
		List<Alert> timed = alerts.stream().map(this::withStart).toList();
		Map<String, Map<String, Object>> known = store.alerts(tx, timed.stream().map(Alert::key).distinct().toList());
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Alert a : timed) {
			Map<String, Object> row = a.firing() ? fire(a, known) : resolve(a, known);
			if (row != null) {
				known.put(a.key(), row);
				rows.add(row);
				applied++;
			}
			else {
				duplicates++;
			}
		}
		store.saveAlerts(tx, rows);
		List<IncidentRecord> changed = new ArrayList<>(touched.values());
		IncidentSettlement settlement = new IncidentSettlement(impact, now, links);
		for (IncidentRecord i : changed) {
			settlement.settle(i, joined.getOrDefault(i.id, List.of()), resolvedIn.getOrDefault(i.id, 0));
		}
		events.publish(tx, changed, before, now); // marks what it notified: before the save
		store.saveIncidents(tx, changed);
		store.link(tx, links);
		return this;
	}

	/** A generic alert without a start: the firing one of its fingerprint, or now. */
	private Alert withStart(Alert a) {
		if (a.startsAt() != null) {
			return a;
		}
		Long firing = store.firingStart(tx, a.fingerprint());
		Instant start = Instant.ofEpochMilli(firing == null ? now : firing);
		return new Alert(a.fingerprint(), start, a.endsAt(), a.firing(), a.labels(), a.annotations(), a.generatorUrl(),
				a.source());
	}

	private Map<String, Object> fire(Alert a, Map<String, Map<String, Object>> known) {
		Map<String, Object> ex = known.get(a.key());
		if (ex != null && "FIRING".equals(ex.get("status"))) {
			return null;
		}
		AlertMapper.Mapped m = mapped.get(a.labels());
		Map<String, Object> row = row(a, m);
		if (!m.mapped()) {
			unmapped++;
			return row;
		}
		String ci = m.ciIds().get(0);
		IncidentRecord inc = reopenable(a, ex);
		if (inc == null) {
			inc = correlated(ci);
		}
		if (inc == null) {
			inc = open(a);
		}
		join(inc, a, ci);
		row.put("incidentId", inc.id);
		return row;
	}

	private Map<String, Object> resolve(Alert a, Map<String, Map<String, Object>> known) {
		Map<String, Object> ex = known.get(a.key());
		if (ex != null && "RESOLVED".equals(ex.get("status"))) {
			return null;
		}
		AlertMapper.Mapped m = mapped.get(a.labels());
		Map<String, Object> row = ex == null ? row(a, m) : new LinkedHashMap<>(ex);
		row.put("status", "RESOLVED");
		row.put("endsAt", a.endsAt() == null ? now : a.endsAt().toEpochMilli());
		row.put("updatedAt", now);
		resolved++;
		if (ex == null && !m.mapped()) {
			unmapped++;
		}
		String incidentId = (String) row.get("incidentId");
		if (incidentId != null) {
			IncidentRecord inc = load(incidentId);
			if (inc != null && "OPEN".equals(inc.status)) {
				inc.openAlertCount = Math.max(0, inc.openAlertCount - 1);
				resolvedIn.merge(inc.id, 1, Integer::sum);
			}
		}
		return row;
	}

	/**
	 * The incident a re-fire of one of its alerts (same fingerprint) joins: still open, or resolved within the reopen
	 * window (then it reopens). A different alert on related CIs after a resolution opens a new incident.
	 */
	private IncidentRecord reopenable(Alert a, Map<String, Object> ex) {
		String id = ex != null ? (String) ex.get("incidentId") : store.lastIncidentOf(tx, a.fingerprint());
		IncidentRecord inc = id == null ? null : load(id);
		if (inc == null) {
			return null;
		}
		boolean open = "OPEN".equals(inc.status);
		boolean recent = inc.resolvedAt != null && now - inc.resolvedAt <= properties.reopenWindow().toMillis();
		return open || recent ? inc : null;
	}

	/** The open (or recently resolved) incident this CI is topologically related to, the closest overlap first. */
	private IncidentRecord correlated(String ci) {
		Map<String, Integer> n = needs.getOrDefault(ci, Map.of());
		IncidentRecord best = null;
		int bestOverlap = 0;
		List<IncidentRecord> pool = new ArrayList<>(candidates);
		touched.values().stream().filter(t -> !pool.contains(t)).forEach(pool::add);
		for (IncidentRecord c : pool) {
			IncidentRecord i = touched.getOrDefault(c.id, c);
			if (!"OPEN".equals(i.status)) {
				continue; // a resolved incident reopens only when one of its own alerts fires again
			}
			int o = i.scores.overlap(ci, n, hubs);
			if (o > bestOverlap) {
				best = i;
				bestOverlap = o;
			}
		}
		return best;
	}

	private IncidentRecord open(Alert a) {
		IncidentRecord i = new IncidentRecord();
		i.number = store.nextNumber(tx);
		// the number orders and pages; the suffix keeps ids unique in an ITSM across a database that started over
		i.id = "inc_" + i.number + "r" + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
		i.openedAt = now;
		i.updatedAt = now;
		i.title = title(a);
		i.created = true;
		i.urgency = 3;
		i.log(now, "OPENED", "by alert " + a.name() + " (" + a.fingerprint() + ")");
		touched.put(i.id, i);
		opened++;
		return i;
	}

	private void join(IncidentRecord i, Alert a, String ci) {
		touched.putIfAbsent(i.id, i);
		if ("RESOLVED".equals(i.status)) {
			i.status = "OPEN";
			i.resolvedAt = null;
			i.log(now, "REOPENED", "alert " + a.name() + " fired again within " + properties.reopenWindow());
		}
		i.alertCount++;
		i.openAlertCount++;
		i.lastAlertAt = now;
		i.urgency = Math.min(i.urgency, properties.urgencyOf(a.severity()));
		if (i.alertCis.add(ci)) {
			Map<String, Integer> n = needs.getOrDefault(ci, Map.of());
			i.scores.add(ci, n, hubs);
			links.add(Map.of("incidentId", i.id, "ciId", ci, "alerting", true));
			n.keySet().forEach(d -> links.add(Map.of("incidentId", i.id, "ciId", d, "alerting", false)));
		}
		joined.computeIfAbsent(i.id, k -> new ArrayList<>()).add(a.name());
	}

	private IncidentRecord load(String id) {
		IncidentRecord t = touched.get(id);
		if (t != null) {
			return t;
		}
		IncidentRecord i = candidates.stream().filter(c -> c.id.equals(id)).findFirst().orElse(null);
		if (i == null) {
			i = store.incident(tx, id);
			if (i != null) {
				before.put(i.id, IncidentRecord.from(i.toRow()));
			}
		}
		if (i != null) {
			touched.put(id, i);
		}
		return i;
	}

	private Map<String, Object> row(Alert a, AlertMapper.Mapped m) {
		Map<String, Object> r = new LinkedHashMap<>();
		r.put("key", a.key());
		r.put("fingerprint", a.fingerprint());
		r.put("startsAt", a.startsAt().toEpochMilli());
		r.put("endsAt", a.endsAt() == null ? null : a.endsAt().toEpochMilli());
		r.put("status", a.firing() ? "FIRING" : "RESOLVED");
		r.put("alertname", a.name());
		r.put("severity", a.severity());
		r.put("labels", Json.write(a.labels()));
		r.put("annotations", Json.write(a.annotations()));
		r.put("generatorURL", a.generatorUrl());
		r.put("source", a.source());
		r.put("ciIds", m.ciIds());
		r.put("mapped", m.mapped());
		r.put("mappedBy", m.rule());
		r.put("incidentId", null);
		r.put("receivedAt", System.currentTimeMillis());
		r.put("updatedAt", System.currentTimeMillis());
		return r;
	}

	private static String title(Alert a) {
		String summary = a.annotations().get("summary");
		return summary != null && !summary.isBlank() ? AlertPayloads.abbreviate(summary) : a.name();
	}

}
