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
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/**
 * Rewrites the stored result of an entry that waited (PENDING) once it resolved: the relationship created when its ref
 * arrived or its look-up target appeared, the record applied when an allowed source created its CI, the ref that never
 * came (DANGLING_REF). The snapshot's counts move from PENDING to what happened and {@code edgesCreated} includes the
 * edges, so the status of the snapshot that posted an entry says how it ended. Only the chunks holding amended entries
 * are decoded and written, once, at resolution: status polls keep reading per-chunk counts.
 */
@Component
class SnapshotAmendments {

	private final Driver driver;

	private final CypherCatalog cypher;

	SnapshotAmendments(Driver driver, CypherCatalog cypher) {
		this.driver = driver;
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
		try (Session s = driver.session()) {
			return s.executeWrite(tx -> amendIn(tx, snapshotId, bySlot, seqs, edgesCreated));
		}
	}

	private int amendIn(TransactionContext tx, String snapshotId, Map<String, SnapshotModel.Result> bySlot,
			Set<Integer> seqs, int edgesCreated) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", snapshotId);
		params.put("seqs", List.copyOf(seqs));
		List<Record> chunks = tx.run(cypher.get("snapshot-results"), params).list();
		List<Record> snapshot = tx.run(cypher.get("snapshot-get"), Map.of("id", snapshotId)).list();
		if (snapshot.isEmpty()) {
			return 0;
		}
		Map<String, Object> counts = new LinkedHashMap<>(
				Json.readMap(snapshot.get(0).get("snapshot").get("counts").asString("{}")));
		List<Map<String, Object>> rows = new ArrayList<>();
		int replaced = 0;
		for (Record c : chunks) {
			int seq = c.get("seq").asInt();
			List<Object> results = decode(c.get("results").asByteArray());
			boolean changed = false;
			for (int i = 0; i < results.size(); i++) {
				@SuppressWarnings("unchecked")
				Map<String, Object> old = (Map<String, Object>) results.get(i);
				SnapshotModel.Result now = bySlot.get(old.get("kind") + "|" + seq + "|" + old.get("index"));
				if (now == null || now.operation().name().equals(old.get("operation")) && old.get("resolvedAt") != null) {
					continue;
				}
				add(counts, (String) old.get("operation"), -1);
				add(counts, now.operation().name(), 1);
				results.set(i, now);
				changed = true;
				replaced++;
			}
			if (changed) {
				rows.add(Map.of("seq", seq, "results", SnapshotStore.gzip(Json.write(results).getBytes(StandardCharsets.UTF_8))));
			}
		}
		tx.run(cypher.get("snapshot-amend"), Map.of("id", snapshotId, "chunks", rows, "counts", Json.write(counts),
				"edgesCreated", edgesCreated)).consume();
		return replaced;
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

	private static List<Object> decode(byte[] gz) {
		String json = new String(SnapshotStore.gunzip(gz), StandardCharsets.UTF_8);
		return new ArrayList<>(Json.MAPPER.readValue(json, List.class));
	}

}
