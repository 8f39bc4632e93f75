package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Component;

/**
 * All reads and writes of the ingestion path, batched: one statement per kind of row for a whole batch, never a
 * transaction per item. Cypher lives in {@code cypher/queries/ingest-*.cypher}.
 */
@Component
class GraphStore {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GraphStore.class);

	private final Driver driver;

	private final CypherCatalog cypher;

	private final ClassCatalogue catalogue;

	private final IngestLock lock;

	private final EventOutbox outbox;

	GraphStore(Driver driver, CypherCatalog cypher, ClassCatalogue catalogue, IngestLock lock,
			EventOutbox outbox) {
		this.outbox = outbox;
		this.driver = driver;
		this.lock = lock;
		this.cypher = cypher;
		this.catalogue = catalogue;
	}

	record CandidateRow(String key, String id, String className, long firstSeen, String scope, String identifiers,
			List<String> distinctFrom, String hash, long seen, String status) {
	}

	List<CandidateRow> lookup(Collection<String> keys, String source) {
		if (keys.isEmpty()) {
			return List.of();
		}
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("ingest-lookup-keys"),
					Map.of("keys", List.copyOf(keys), "source", source)).list(r -> new CandidateRow(
							r.get("key").asString(), r.get("id").asString(), r.get("class").asString(),
							r.get("firstSeen").isNull() ? 0 : r.get("firstSeen").asLong(), r.get("scope").asString(),
							r.get("identifiers").asString(null), r.get("distinctFrom").asList(Value::asString),
							r.get("hash").asString(null), r.get("seen").isNull() ? 0 : r.get("seen").asLong(),
							r.get("status").asString(null))));
		}
	}

	Map<String, CiState> load(Collection<String> ids) {
		Map<String, CiState> out = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		try (Session s = driver.session()) {
			List<Record> records = s.executeRead(
					tx -> tx.run(cypher.get("ingest-load-cis"), Map.of("ids", List.copyOf(ids))).list());
			for (Record r : records) {
				Map<String, Object> props = new LinkedHashMap<>(r.get("ci").asMap());
				CiState state = new CiState((String) props.get("id"), false, (String) props.get("class"),
						(String) props.get("scope"), props);
				for (Object a : r.get("assertions").asList()) {
					@SuppressWarnings("unchecked")
					CiState.AssertionState as = CiState.AssertionState.fromProps((Map<String, Object>) a);
					state.assertions.put(as.source, as);
				}
				out.put(state.id, state);
			}
		}
		return out;
	}

	Map<String, String> resolveRefs(String snapshotId, String source, Collection<String> refs) {
		Map<String, String> out = new HashMap<>();
		if (refs.isEmpty()) {
			return out;
		}
		try (Session s = driver.session()) {
			s.executeRead(tx -> tx.run(cypher.get("ingest-resolve-refs"),
					Map.of("refs", List.copyOf(refs), "snapshotId", snapshotId, "source", source)).list())
				.forEach(r -> out.put(r.get("ref").asString(), r.get("id").asString()));
		}
		return out;
	}

	Map<String, String> resolveIds(Collection<String> ids) {
		Map<String, String> out = new HashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		try (Session s = driver.session()) {
			s.executeRead(tx -> tx.run(cypher.get("ci-resolve-ids"), Map.of("ids", List.copyOf(ids))).list())
				.forEach(r -> {
					if (!r.get("resolved").isNull()) {
						out.put(r.get("id").asString(), r.get("resolved").asString());
					}
				});
		}
		return out;
	}

	/** Everything one batch writes, as rows. */
	static final class Batch {

		final Map<String, List<Map<String, Object>>> createdByLabels = new LinkedHashMap<>();

		final List<Map<String, Object>> updated = new ArrayList<>();

		final List<Map<String, Object>> newAssertions = new ArrayList<>();

		final List<Map<String, Object>> changedAssertions = new ArrayList<>();

		final List<Map<String, Object>> touched = new ArrayList<>();

		final List<Map<String, Object>> addKeys = new ArrayList<>();

		final List<Map<String, Object>> removeKeys = new ArrayList<>();

		final List<Map<String, Object>> history = new ArrayList<>();

		final List<Map<String, Object>> pendingItems = new ArrayList<>();

		/** Events of the changes above, appended to the outbox in the same transaction. */
		final List<EventDraft> events = new ArrayList<>();

		boolean isEmpty() {
			return createdByLabels.isEmpty() && updated.isEmpty() && newAssertions.isEmpty()
					&& changedAssertions.isEmpty() && touched.isEmpty() && addKeys.isEmpty() && removeKeys.isEmpty()
					&& history.isEmpty() && pendingItems.isEmpty();
		}

	}

	void write(Batch b) {
		if (b.isEmpty()) {
			return;
		}
		try (Session s = driver.session()) {
			Map<String, Long> ms = new LinkedHashMap<>();
			s.executeWriteWithoutResult(tx -> {
				ms.clear();
				lock.fence(tx);
				b.createdByLabels.forEach((labels, rows) -> timed(ms, "cis", () -> run(tx,
						cypher.render("ingest-create-cis", Map.of("labels", labels)), rows)));
				timed(ms, "updated", () -> run(tx, cypher.get("ingest-update-cis"), b.updated));
				timed(ms, "newAssertions", () -> run(tx, cypher.get("ingest-create-assertions"), b.newAssertions));
				timed(ms, "assertions", () -> run(tx, cypher.get("ingest-update-assertions"), b.changedAssertions));
				timed(ms, "touched", () -> run(tx, cypher.get("ingest-touch-assertions"), b.touched));
				timed(ms, "removeKeys", () -> run(tx, cypher.get("ingest-remove-keys"), b.removeKeys));
				timed(ms, "addKeys", () -> run(tx, cypher.get("ingest-add-keys"), b.addKeys));
				timed(ms, "history", () -> run(tx, cypher.get("ingest-history"), b.history));
				timed(ms, "pendingItems", () -> run(tx, cypher.get("ingest-pending-items-save"), b.pendingItems));
				timed(ms, "events", () -> outbox.append(tx, b.events));
			});
			if (log.isDebugEnabled()) {
				log.debug("write ms {}", ms);
			}
		}
	}

	private static void timed(Map<String, Long> ms, String step, Runnable r) {
		long t0 = System.nanoTime();
		r.run();
		ms.merge(step, (System.nanoTime() - t0) / 1_000_000, Long::sum);
	}

	private static void run(TransactionContext tx, String query, List<Map<String, Object>> rows) {
		for (int i = 0; i < rows.size(); i += 10_000) {
			tx.run(query, Map.of("rows", rows.subList(i, Math.min(rows.size(), i + 10_000)))).consume();
		}
	}

	/** True when any edge or record waits for a CI (constant time: the count store). */
	boolean anythingPending() {
		try (Session s = driver.session()) {
			var r = s.executeRead(tx -> tx.run(cypher.get("ingest-pending-count")).single());
			return r.get("edges").asLong() + r.get("items").asLong() > 0;
		}
	}

	/**
	 * Asserts edges grouped by type; rows with {@code fresh} (their dependent CI was created in this batch) are
	 * created without a MERGE. Returns how many edges were new.
	 */
	int mergeEdges(Map<String, List<Map<String, Object>>> byType) {
		if (byType.isEmpty()) {
			return 0;
		}
		Map<String, List<Map<String, Object>>> fresh = new LinkedHashMap<>();
		Map<String, List<Map<String, Object>>> other = new LinkedHashMap<>();
		byType.forEach((type, rows) -> rows.forEach(r -> (Boolean.TRUE.equals(r.get("fresh")) ? fresh : other)
			.computeIfAbsent(type, k -> new ArrayList<>()).add(r)));
		return writeEdges("ingest-create-edges", fresh, null) + writeEdges("ingest-merge-edges", other, null);
	}

	/** Like {@link #mergeEdges} for rows that carry an {@code idx}: returns the idx of the rows that created an edge. */
	java.util.Set<Long> mergeEdgesReporting(Map<String, List<Map<String, Object>>> byType) {
		java.util.Set<Long> created = new java.util.HashSet<>();
		writeEdges("ingest-merge-edges", byType, created);
		return created;
	}

	private int writeEdges(String queryName, Map<String, List<Map<String, Object>>> byType, java.util.Set<Long> createdRows) {
		if (byType.isEmpty()) {
			return 0;
		}
		if (createdRows == null) {
			long idx = 0;
			for (List<Map<String, Object>> rows : byType.values()) {
				for (Map<String, Object> r : rows) {
					r.put("idx", idx++);
				}
			}
		}
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> {
				if (createdRows != null) {
					createdRows.clear(); // a retried transaction starts over
				}
				List<EventDraft> events = new ArrayList<>();
				int created = 0;
				for (var e : byType.entrySet()) {
					if (!ClassCatalogue.RELATIONSHIP_TYPES.contains(e.getKey())) {
						throw new IllegalArgumentException("unknown relationship type " + e.getKey());
					}
					String q = cypher.render(queryName, Map.of("type", e.getKey()));
					List<Map<String, Object>> rows = e.getValue();
					for (int i = 0; i < rows.size(); i += 10_000) {
						List<Map<String, Object>> part = rows.subList(i, Math.min(rows.size(), i + 10_000));
						Record r = tx.run(q, Map.of("rows", part)).single();
						created += r.get("created").asInt();
						Map<Long, Map<String, Object>> byIdx = new HashMap<>();
						part.forEach(row -> byIdx.put(((Number) row.get("idx")).longValue(), row));
						for (Value c : r.get("createdRows").values()) {
							// [idx, fromId, fromClass, fromName, toId, toClass, toName]
							List<Object> row = c.asList();
							long idx = ((Number) row.get(0)).longValue();
							if (createdRows != null) {
								createdRows.add(idx);
							}
							Map<String, Object> edge = byIdx.get(idx);
							events.add(CiEvents.relationship(EventTypes.RELATIONSHIP_ADDED,
									row.subList(1, 7), e.getKey(), (String) edge.get("source"), (String) edge.get("snapshotId")));
						}
					}
				}
				outbox.append(tx, events);
				return created;
			});
		}
	}

	void savePendingEdges(List<Map<String, Object>> rows) {
		if (rows.isEmpty()) {
			return;
		}
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> run(tx, cypher.get("ingest-pending-edges-save"), rows));
		}
	}

	List<Map<String, Object>> readyPendingItems(Collection<String> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("ingest-pending-items-ready"), Map.of("keys", List.copyOf(keys)))
				.list(r -> r.get("item").asMap()));
		}
	}

	/** Pending edges whose look-up target now exists: the edge's properties plus "resolved", the CI found. */
	List<Map<String, Object>> readyPendingEdges(Collection<String> keys, int limit) {
		if (keys.isEmpty()) {
			return List.of();
		}
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("ingest-pending-edges-ready"), Map.of("keys", List.copyOf(keys), "limit", limit))
				.list(r -> {
					Map<String, Object> m = new LinkedHashMap<>(r.get("edge").asMap());
					m.put("resolved", r.get("resolved").asString());
					return m;
				}));
		}
	}

	List<Map<String, Object>> refPendingEdges(String snapshotId) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("ingest-pending-edges-of-snapshot"),
					Map.of("snapshotId", snapshotId)).list(r -> r.get("edge").asMap()));
		}
	}

	void deletePending(Collection<String> pkeys) {
		if (pkeys.isEmpty()) {
			return;
		}
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(
					tx -> tx.run(cypher.get("ingest-pending-delete"), Map.of("pkeys", List.copyOf(pkeys))).consume());
		}
	}

}
