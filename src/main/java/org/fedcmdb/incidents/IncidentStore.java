package org.fedcmdb.incidents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/** Alerts and incidents in Neo4j: reads for the API, and the writes of one notification's transaction. */
@Component
class IncidentStore {

	private final Driver driver;

	private final CypherCatalog cypher;

	IncidentStore(Driver driver, CypherCatalog cypher) {
		this.driver = driver;
		this.cypher = cypher;
	}

	void lock(TransactionContext tx, long now) {
		tx.run(cypher.get("incident-lock"), Map.of("now", now)).consume();
	}

	Map<String, Map<String, Object>> alerts(TransactionContext tx, List<String> keys) {
		Map<String, Map<String, Object>> out = new LinkedHashMap<>();
		tx.run(cypher.get("alert-get"), Map.of("keys", keys)).list(r -> r.get("alert").asMap())
			.forEach(a -> out.put((String) a.get("key"), new LinkedHashMap<>(a)));
		return out;
	}

	/** The start of the firing alert of a fingerprint, or null (a monitor that sends no start re-sends one alert). */
	Long firingStart(TransactionContext tx, String fingerprint) {
		var rows = tx.run(cypher.get("alert-firing-of-fingerprint"), Map.of("fingerprint", fingerprint)).list();
		return rows.isEmpty() ? null : rows.get(0).get("startsAt").asLong();
	}

	String lastIncidentOf(TransactionContext tx, String fingerprint) {
		var rows = tx.run(cypher.get("alert-last-of-fingerprint"), Map.of("fingerprint", fingerprint)).list();
		return rows.isEmpty() ? null : rows.get(0).get("incidentId").asString();
	}

	/** Of the alert keys, those stored and still FIRING (read outside any notification's transaction). */
	java.util.Set<String> firingKeys(List<String> keys) {
		if (keys.isEmpty()) {
			return java.util.Set.of();
		}
		java.util.Set<String> out = new java.util.HashSet<>();
		read(s -> s.executeRead(tx -> tx.run(cypher.get("alert-get"), Map.of("keys", keys)).list(r -> r.get("alert").asMap())))
			.forEach(a -> {
				if ("FIRING".equals(a.get("status"))) {
					out.add((String) a.get("key"));
				}
			});
		return out;
	}

	/** Open incidents with an alert since {@code openSince} whose picture holds any of {@code ciIds}. */
	List<IncidentRecord> candidates(TransactionContext tx, java.util.Collection<String> ciIds,
			java.util.Collection<String> hubs, long openSince) {
		if (ciIds.isEmpty()) {
			return new ArrayList<>();
		}
		return tx.run(cypher.get("incident-candidates-by-ci"), Map.of("ids", List.copyOf(ciIds), "hubs", List.copyOf(hubs),
				"openSince", openSince))
			.list(r -> IncidentRecord.from(r.get("incident").asMap()));
	}

	/** Records that these CIs are in these incidents' pictures (rows of incidentId, ciId). */
	void link(TransactionContext tx, List<Map<String, Object>> rows) {
		if (!rows.isEmpty()) {
			tx.run(cypher.get("incident-link-cis"), Map.of("rows", rows)).consume();
		}
	}

	IncidentRecord incident(TransactionContext tx, String id) {
		var rows = tx.run(cypher.get("incident-get"), Map.of("ids", List.of(id))).list();
		return rows.isEmpty() ? null : IncidentRecord.from(rows.get(0).get("incident").asMap());
	}

	long nextNumber(TransactionContext tx) {
		return tx.run(cypher.get("incident-next-number")).single().get("number").asLong();
	}

	void saveAlerts(TransactionContext tx, List<Map<String, Object>> rows) {
		if (!rows.isEmpty()) {
			tx.run(cypher.get("alert-save"), Map.of("rows", rows)).consume();
		}
	}

	void saveIncidents(TransactionContext tx, List<IncidentRecord> incidents) {
		if (!incidents.isEmpty()) {
			tx.run(cypher.get("incident-save"), Map.of("rows", incidents.stream().map(IncidentRecord::toRow).toList()))
				.consume();
		}
	}

	// reads for the API

	IncidentRecord get(String id) {
		return read(s -> s.executeRead(tx -> incident(tx, id)));
	}

	List<IncidentRecord> page(String status, String priority, String service, Long before, int limit) {
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("status", status);
		p.put("priority", priority);
		p.put("service", service);
		p.put("before", before);
		p.put("limit", limit);
		return read(s -> s.executeRead(tx -> tx.run(cypher.get("incident-page"), p)
			.list(r -> IncidentRecord.from(r.get("incident").asMap()))));
	}

	List<Map<String, Object>> alertsOf(String incidentId, int limit) {
		return read(s -> s.executeRead(tx -> tx.run(cypher.get("incident-alerts"), Map.of("id", incidentId, "limit", limit))
			.list(r -> r.get("alert").asMap())));
	}

	List<Map<String, Object>> unmapped(int limit) {
		return read(s -> s.executeRead(tx -> tx.run(cypher.get("alert-unmapped"), Map.of("limit", limit))
			.list(r -> r.get("alert").asMap())));
	}

	/** Alert counts by MAPPED/UNMAPPED and FIRING/RESOLVED. */
	Map<String, Long> alertCounts() {
		Map<String, Long> out = new LinkedHashMap<>();
		read(s -> s.executeRead(tx -> tx.run(cypher.get("alert-counts")).list())).forEach(r -> out.put(
				(r.get("mapped").asBoolean() ? "MAPPED" : "UNMAPPED") + "_" + r.get("status").asString(), r.get("n").asLong()));
		return out;
	}

	List<org.fedcmdb.graph.HistoryEntry> history(List<String> ciIds, long from, long to, int limit) {
		return read(s -> s.executeRead(tx -> tx.run(cypher.get("incident-history-near"),
				Map.of("ids", ciIds, "from", from, "to", to, "limit", limit))
			.list(r -> org.fedcmdb.graph.HistoryEntry.of(r.get("entry")))));
	}

	List<Map<String, Object>> hotspots(long since, int limit) {
		return read(s -> s.executeRead(tx -> tx.run(cypher.get("incident-hotspots"), Map.of("since", since, "limit", limit))
			.list(r -> r.asMap())));
	}

	/** Of {@code ids}, those more than {@code max} CIs depend on. */
	java.util.Set<String> hubs(List<String> ids, int max) {
		if (ids.isEmpty()) {
			return java.util.Set.of();
		}
		java.util.Set<String> out = new java.util.HashSet<>();
		read(s -> s.executeRead(tx -> tx.run(cypher.get("incident-fan-in"), Map.of("ids", ids)).list())).forEach(r -> {
			if (r.get("fanIn").asLong() > max) {
				out.add(r.get("id").asString());
			}
		});
		return out;
	}

	/** Class, name and identifiers of CIs, for events and tickets. */
	record CiSummary(String id, String className, String name, Map<String, List<String>> identifiers) {
	}

	Map<String, CiSummary> summaries(List<String> ids) {
		Map<String, CiSummary> out = new LinkedHashMap<>();
		read(s -> s.executeRead(tx -> tx.run(cypher.get("incident-ci-summaries"), Map.of("ids", ids)).list()))
			.forEach(r -> out.put(r.get("id").asString(), new CiSummary(r.get("id").asString(),
					r.get("class").isNull() ? null : r.get("class").asString(),
					r.get("name").isNull() ? null : r.get("name").asString(),
					org.fedcmdb.graph.Json.readIdentifiers(r.get("identifiers").isNull() ? null : r.get("identifiers").asString()))));
		return out;
	}

	<T> T write(java.util.function.Function<TransactionContext, T> work) {
		try (Session s = driver.session()) {
			return s.executeWrite(work::apply);
		}
	}

	private <T> T read(java.util.function.Function<Session, T> work) {
		try (Session s = driver.session()) {
			return work.apply(s);
		}
	}

	static List<String> strings(Object o) {
		List<String> out = new ArrayList<>();
		if (o instanceof List<?> l) {
			l.forEach(x -> out.add(String.valueOf(x)));
		}
		return out;
	}

}
