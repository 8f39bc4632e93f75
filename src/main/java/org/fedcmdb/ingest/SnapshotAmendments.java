package org.fedcmdb.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.graph.Transactions;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * Rewrites the stored result of an entry that waited (PENDING) once it resolved: the relationship created when its ref
 * arrived or its look-up target appeared, the record applied when an allowed source created its CI, the ref that never
 * came (DANGLING_REF). The snapshot's counts move from PENDING to what happened and {@code edgesCreated} includes the
 * edges, so the status of the snapshot that posted an entry says how it ended. The amended results are kept beside a
 * chunk's stored results ({@code amended}, compressed JSON) and replace them slot by slot when results are read
 * ({@link SnapshotStore#results}): settling a page of waiting edges writes what changed, instead of decoding and
 * rewriting every result of each chunk that posted one (at a snapshot's finish that was most of the time of an
 * unchanged re-send's settlement). Status polls keep reading per-chunk counts.
 */
@Component
class SnapshotAmendments {

	private final Transactions transactions;

	private final CypherCatalog cypher;

	SnapshotAmendments(Transactions transactions, CypherCatalog cypher) {
		this.transactions = transactions;
		this.cypher = cypher;
	}

	/**
	 * Replaces the results of {@code snapshotId} that occupy the same slots (kind, chunk, index) as {@code amended};
	 * entries whose chunk is gone (purged) are skipped.
	 * @param edgesCreated edges the amendments created, added to the snapshot's {@code edgesCreated}
	 * @return how many stored results were replaced
	 */
	int amend(String snapshotId, List<SnapshotModel.Result> amended, int edgesCreated) {
		if (amended.isEmpty() && edgesCreated == 0) {
			return 0;
		}
		Map<String, SnapshotModel.Result> bySlot = new HashMap<>();
		Set<Integer> seqs = new TreeSet<>();
		amended.forEach(r -> {
			bySlot.put(r.slot(), r);
			seqs.add(r.chunk());
		});
		return transactions.write(tx -> amendIn(tx, snapshotId, bySlot, seqs, edgesCreated));
	}

	private int amendIn(TransactionContext tx, String snapshotId, Map<String, SnapshotModel.Result> bySlot,
			Set<Integer> seqs, int edgesCreated) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", snapshotId);
		params.put("seqs", List.copyOf(seqs));
		List<Record> chunks = tx.run(cypher.get("snapshot-amendments"), params).list();
		List<Record> snapshot = tx.run(cypher.get("snapshot-get"), Map.of("id", snapshotId)).list();
		if (snapshot.isEmpty()) {
			return 0;
		}
		Map<String, Object> counts = new LinkedHashMap<>(
				Json.readMap(snapshot.get(0).get("snapshot").get("counts").asString("{}")));
		Map<Integer, List<SnapshotModel.Result>> bySeq = new HashMap<>();
		bySlot.values().forEach(r -> bySeq.computeIfAbsent(r.chunk(), k -> new ArrayList<>()).add(r));
		List<Map<String, Object>> rows = new ArrayList<>();
		int replaced = 0;
		for (Record c : chunks) {
			int seq = c.get("seq").asInt();
			// stored entries as read (maps) and new ones as results: both written by the same mapper, the same JSON
			// (a result converted to a map first cost a serialisation and a parse per entry)
			Map<String, Object> amended = new LinkedHashMap<>(decode(c.get("amended")));
			boolean changed = false;
			for (SnapshotModel.Result now : bySeq.getOrDefault(seq, List.of())) {
				Object old = amended.get(now.slot());
				// an entry amended before, or else the PENDING result its chunk stored when the entry began to wait
				String oldOperation = old == null ? SnapshotModel.Operation.PENDING.name() : operation(old);
				if (old != null && now.operation().name().equals(oldOperation) && resolved(old)) {
					continue;
				}
				add(counts, oldOperation, -1);
				add(counts, now.operation().name(), 1);
				amended.put(now.slot(), now);
				changed = true;
				replaced++;
			}
			if (changed) {
				rows.add(Map.of("seq", seq, "amended",
						SnapshotStore.compress(Json.write(List.copyOf(amended.values())).getBytes(StandardCharsets.UTF_8))));
			}
		}
		tx.run(cypher.get("snapshot-amend"), Map.of("id", snapshotId, "chunks", rows, "counts", Json.write(counts),
				"edgesCreated", edgesCreated)).consume();
		return replaced;
	}

	private static String operation(Object entry) {
		return entry instanceof SnapshotModel.Result r ? r.operation().name() : (String) ((Map<?, ?>) entry).get("operation");
	}

	private static boolean resolved(Object entry) {
		return entry instanceof SnapshotModel.Result r ? r.resolvedAt() != null : ((Map<?, ?>) entry).get("resolvedAt") != null;
	}

	/** A chunk's amended results by slot; the results it stored when applied are neither read nor rewritten. */
	static Map<String, Map<String, Object>> decode(org.neo4j.driver.Value gz) {
		Map<String, Map<String, Object>> out = new LinkedHashMap<>();
		if (gz == null || gz.isNull()) {
			return out;
		}
		String json = new String(SnapshotStore.decompress(gz.asByteArray()), StandardCharsets.UTF_8);
		for (Object o : Json.MAPPER.readValue(json, List.class)) {
			@SuppressWarnings("unchecked")
			Map<String, Object> m = (Map<String, Object>) o;
			out.put(slot(m), m);
		}
		return out;
	}

	/** A stored result's slot, as {@link SnapshotModel.Result#slot()}. */
	static String slot(Map<String, Object> result) {
		return result.get("kind") + "|" + result.get("chunk") + "|" + result.get("index");
	}

	private static void add(Map<String, Object> counts, String op, int delta) {
		int n = (counts.get(op) instanceof Number x ? x.intValue() : 0) + delta;
		if (n <= 0) {
			counts.remove(op);
		}
		else {
			counts.put(op, n);
		}
	}

}
