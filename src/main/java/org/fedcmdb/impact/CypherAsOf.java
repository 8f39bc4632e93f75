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

}
