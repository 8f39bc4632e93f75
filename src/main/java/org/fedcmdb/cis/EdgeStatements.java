package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

/**
 * {@link EdgeWriter}'s writes as Cypher ({@code ingest-create-edges}, {@code ingest-merge-edges}), for an external
 * server or with {@code fedcmdb.ingest.kernel-writes=false}: rows batched per relationship type, each created edge's
 * {@code relationship.added} event returned for the caller to append in the same transaction.
 */
final class EdgeStatements {

	private final CypherCatalog cypher;

	EdgeStatements(CypherCatalog cypher) {
		this.cypher = cypher;
	}

	/**
	 * Edges whose dependent CI the chunk created ({@code ingest-create-edges}); how many were created, their events
	 * added to {@code events}.
	 */
	int create(TransactionContext tx, List<EdgeWriter.EdgeWrite> fresh, List<EventDraft> events) {
		return writeEdges(tx, "ingest-create-edges", allTypes(fresh), new HashSet<>(), events);
	}

	/**
	 * Edges that may exist ({@code ingest-merge-edges}); the created ones' positions go to {@code createdRows}, their
	 * events to {@code events}.
	 */
	int merge(TransactionContext tx, List<EdgeWriter.EdgeWrite> edges, Set<Long> createdRows, List<EventDraft> events) {
		return writeEdges(tx, "ingest-merge-edges", byType(edges), createdRows, events);
	}

	/** Rows per relationship type, for a statement rendered per type (MATCH and MERGE of a type from a bound CI). */
	static Map<String, List<Map<String, Object>>> byType(List<EdgeWriter.EdgeWrite> edges) {
		Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
		for (int i = 0; i < edges.size(); i++) {
			out.computeIfAbsent(known(edges.get(i).type()), k -> new ArrayList<>()).add(edges.get(i).row(i));
		}
		return out;
	}

	/**
	 * All rows under {@link #ANY_TYPE}, each with its {@code type}: for {@code ingest-create-edges}, which creates each
	 * row's type as a dynamic type (Neo4j 5.26), one statement for every type of a batch instead of one per type.
	 */
	private static Map<String, List<Map<String, Object>>> allTypes(List<EdgeWriter.EdgeWrite> edges) {
		List<Map<String, Object>> rows = new ArrayList<>(edges.size());
		for (int i = 0; i < edges.size(); i++) {
			Map<String, Object> row = edges.get(i).row(i);
			row.put("type", known(edges.get(i).type()));
			rows.add(row);
		}
		return rows.isEmpty() ? Map.of() : Map.of(ANY_TYPE, rows);
	}

	/** The group of rows whose statement takes each row's own type. */
	private static final String ANY_TYPE = "*";

	private static String known(String type) {
		if (!ClassCatalogue.RELATIONSHIP_TYPES.contains(type)) {
			throw new IllegalArgumentException("unknown relationship type " + type);
		}
		return type;
	}

	private int writeEdges(TransactionContext tx, String queryName, Map<String, List<Map<String, Object>>> byType,
			Set<Long> createdRows, List<EventDraft> events) {
		createdRows.clear(); // a retried transaction starts over
		int created = 0;
		for (var e : byType.entrySet()) {
			String q = e.getKey().equals(ANY_TYPE) ? cypher.get(queryName)
					: cypher.render(queryName, Map.of("type", e.getKey()));
			for (List<Map<String, Object>> rows : rounds(e.getKey(), e.getValue())) {
				for (int i = 0; i < rows.size(); i += 10_000) {
					created += runPart(tx, q, e.getKey(), rows.subList(i, Math.min(rows.size(), i + 10_000)),
							createdRows, events);
				}
			}
		}
		return created;
	}

	/** One statement's rows; the created ones' positions to {@code createdRows}, their events to {@code events}. */
	private static int runPart(TransactionContext tx, String q, String typeKey, List<Map<String, Object>> part,
			Set<Long> createdRows, List<EventDraft> events) {
		Record r = tx.run(q, Map.of("rows", part)).single();
		Map<Long, Map<String, Object>> byIdx = new HashMap<>();
		part.forEach(row -> byIdx.put(((Number) row.get("idx")).longValue(), row));
		for (Value c : r.get("createdRows").values()) {
			// [idx, fromId, fromClass, fromName, toId, toClass, toName]
			List<Object> row = c.asList();
			long idx = ((Number) row.get(0)).longValue();
			createdRows.add(idx);
			Map<String, Object> edge = byIdx.get(idx);
			String type = typeKey.equals(ANY_TYPE) ? (String) edge.get("type") : typeKey;
			events.add(CiEvents.relationship(EventTypes.RELATIONSHIP_ADDED, row.subList(1, 7), type,
					(String) edge.get("source"), (String) edge.get("snapshotId")));
		}
		return r.get("created").asInt();
	}

	/**
	 * The rows in rounds in which each edge (type, from, to) comes once. A statement matches all its rows before it
	 * merges any (the plan's Eager), so an edge that two rows of one statement asserted (two sources' waiting edges
	 * settled together, a relationship sent twice) was taken as new by both: one edge, two history entries and two
	 * relationship.added events. Each round, a statement of its own, sees the edges the rounds before it wrote.
	 */
	static List<List<Map<String, Object>>> rounds(String type, List<Map<String, Object>> rows) {
		List<List<Map<String, Object>>> rounds = new ArrayList<>();
		List<Set<String>> keys = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			String key = row.getOrDefault("type", type) + "|" + row.get("from") + "|" + row.get("to");
			int round = 0;
			while (round < rounds.size() && !keys.get(round).add(key)) {
				round++;
			}
			if (round == rounds.size()) {
				rounds.add(new ArrayList<>());
				keys.add(new HashSet<>(Set.of(key)));
			}
			rounds.get(round).add(row);
		}
		return rounds;
	}

}
