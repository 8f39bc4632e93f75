package org.fedcmdb.impact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.graph.Revisions;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;

/**
 * CIs' effective values as of an instant over the driver, for the level-wise traversal (the procedure reads them in
 * the database, {@link InDatabaseAsOf}): the stored values and the history entries after the instant, undone by
 * {@link Revisions}, two statements for any number of CIs.
 */
final class CypherAsOf {

	private final CypherCatalog cypher;

	CypherAsOf(CypherCatalog cypher) {
		this.cypher = cypher;
	}

	Map<String, Revisions.Values> revise(TransactionContext tx, Collection<String> ids, long t) {
		Map<String, Revisions.Values> out = new HashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		Map<String, Revisions.Values> stored = new HashMap<>();
		List<String> live = new ArrayList<>();
		List<String> merged = new ArrayList<>();
		for (Record r : tx.run(cypher.get("asof-values"), Map.of("ids", List.copyOf(ids))).list()) {
			String id = r.get("id").asString();
			stored.put(id, new Revisions.Values(r.get("status").asString(null),
					Json.readMap(r.get("attributes").asString(null)),
					Json.readIdentifiers(r.get("identifiers").asString(null)), r.get("name").asString(null)));
			(r.get("merged").asBoolean() ? merged : live).add(id);
		}
		Map<String, List<Revisions.Entry>> entries = new HashMap<>();
		collect(tx, "asof-changes", live, t, entries);
		collect(tx, "asof-changes-merged", merged, t, entries);
		stored.forEach((id, v) -> out.put(id, Revisions.revert(v.status(), v.attributes(), v.identifiers(), v.name(),
				entries.getOrDefault(id, List.of()))));
		return out;
	}

	private void collect(TransactionContext tx, String query, List<String> ids, long t,
			Map<String, List<Revisions.Entry>> into) {
		if (ids.isEmpty()) {
			return;
		}
		for (Record r : tx.run(cypher.get(query), Map.of("ids", ids, "t", t)).list()) {
			into.computeIfAbsent(r.get("id").asString(), k -> new ArrayList<>())
				.add(new Revisions.Entry(r.get("kind").asString(), r.get("field").asString(null),
						r.get("oldValue").asString(null), r.get("at").asLong()));
		}
	}

	/** The values then of the rows' CIs (column to, or id for start rows) revised since t and not in known. */
	Map<String, Revisions.Values> revised(TransactionContext tx, List<Record> rows, java.util.Set<String> known, long t) {
		java.util.Set<String> ids = new java.util.LinkedHashSet<>();
		for (Record r : rows) {
			String id = r.get(r.containsKey("to") ? "to" : "id").asString();
			if (r.get("revised").asBoolean(false) && !known.contains(id)) {
				ids.add(id);
			}
		}
		return revise(tx, ids, t);
	}

	/** Redundancy groups as they were at t: members then, not retired then, and the group's minHealthy then. */
	Map<String, ImpactStates.Group> groups(TransactionContext tx, List<String> ids, long t) {
		Map<String, ImpactStates.Group> out = new HashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		Map<String, List<List<Object>>> members = new HashMap<>();
		java.util.Set<String> toRevise = new java.util.LinkedHashSet<>(ids);
		for (Record r : tx.run(cypher.get("impact-group-members-asof"), Map.of("ids", ids, "t", t)).list()) {
			List<List<Object>> list = new ArrayList<>();
			for (Object o : r.get("members").asList()) {
				List<?> m = (List<?>) o;
				if (m.get(0) != null) {
					list.add(new ArrayList<>(m));
					if (Boolean.TRUE.equals(m.get(2))) {
						toRevise.add((String) m.get(0));
					}
				}
			}
			members.put(r.get("id").asString(), list);
		}
		Map<String, Revisions.Values> then = revise(tx, toRevise, t);
		members.forEach((id, list) -> {
			int live = (int) list.stream().filter(m -> {
				Revisions.Values v = then.get((String) m.get(0));
				return !"RETIRED".equals(v != null ? v.status() : m.get(1));
			}).count();
			Revisions.Values group = then.get(id);
			Integer min = group == null ? null : group.minHealthy();
			out.put(id, new ImpactStates.Group(live, min == null ? 1 : min));
		});
		return out;
	}

}
