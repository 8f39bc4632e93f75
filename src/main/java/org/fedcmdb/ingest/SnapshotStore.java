package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.cis.EdgeKeys;
import org.fedcmdb.cis.ReportedRefs;
import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.Record;
import org.springframework.stereotype.Component;

/**
 * Snapshots and their chunks, stored in Neo4j before the request is acknowledged: a 202 means the data is durable
 * and will be applied even if this instance dies right after answering. Payloads are kept compressed until applied,
 * then replaced by the chunk's per-entry results.
 */
@Component
class SnapshotStore {

	private final Transactions transactions;

	private final CypherCatalog cypher;

	private final EventOutbox outbox;

	private final SnapshotEnds ends;

	SnapshotStore(Transactions transactions, CypherCatalog cypher, EventOutbox outbox, SnapshotEnds ends) {
		this.ends = ends;
		this.outbox = outbox;
		this.transactions = transactions;
		this.cypher = cypher;
	}

	void create(String id, SnapshotModel.Envelope env, boolean sealed, long now) {
		write(cypher.get("snapshot-create"), Map.of("props", props(id, env, sealed, now)));
	}

	private static Map<String, Object> props(String id, SnapshotModel.Envelope env, boolean sealed, long now) {
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("id", id);
		props.put("source", env.source());
		props.put("scope", env.scope());
		props.put("mode", env.mode().name());
		props.put("complete", env.complete());
		props.put("force", env.force());
		props.put("collectedAt", env.collectedAt());
		props.put("status", sealed ? "QUEUED" : "RECEIVING");
		props.put("sealed", sealed);
		props.put("createdAt", now);
		props.put("chunks", 0);
		props.put("itemsTotal", 0);
		props.put("itemsDone", 0);
		props.put("counts", "{}");
		return props;
	}

	/** Stores a chunk of an open snapshot; returns its sequence number. */
	int addChunk(String snapshotId, SnapshotService.Body body, int items, long now) {
		byte[] payload = payload(body);
		return transactions.write(tx -> tx.run(cypher.get("snapshot-add-chunk"),
				Map.of("snapshotId", snapshotId, "payload", payload, "items", items, "now", now))
			.single().get("seq").asInt());
	}

	/** Creates a sealed single-request snapshot with its one chunk, in one transaction. */
	void createWithChunk(String id, SnapshotModel.Envelope env, SnapshotService.Body body, int items, long now) {
		Map<String, Object> props = props(id, env, true, now);
		byte[] payload = payload(body);
		transactions.writeWithoutResult(tx -> {
			tx.run(cypher.get("snapshot-create"), Map.of("props", props)).consume();
			tx.run(cypher.get("snapshot-add-chunk"),
					Map.of("snapshotId", id, "payload", payload, "items", items, "now", now)).consume();
		});
	}

	/** A body's stored form: as it came (gzip or zstd), or compressed here ({@link org.fedcmdb.graph.Compressed}). */
	static byte[] payload(SnapshotService.Body body) {
		return body.encoded() != null ? body.encoded() : compress(body.json());
	}

	/** The stored snapshot, or null. */
	StoredSnapshot get(String id) {
		List<Record> r = read(cypher.get("snapshot-get"), Map.of("id", id));
		return r.isEmpty() ? null : StoredSnapshot.of(r.get(0).get("snapshot").asMap());
	}

	void update(String id, Map<String, Object> props) {
		update(id, props, List.of());
	}

	/**
	 * Updates the snapshot and appends {@code events} in one transaction (its final status and its events); a final
	 * status, once committed, wakes those waiting for it ({@link SnapshotEnds}).
	 */
	void update(String id, Map<String, Object> props, List<EventDraft> events) {
		transactions.writeWithoutResult(tx -> {
			tx.run(cypher.get("snapshot-update"), Map.of("id", id, "props", props)).consume();
			outbox.append(tx, events);
		});
		if (StoredSnapshot.ended((String) props.get("status"))) {
			ends.signal();
		}
	}

	/** A queued chunk with its snapshot; its payload as stored (compressed), decompressed when it is read. */
	record QueuedChunk(StoredSnapshot snapshot, int seq, byte[] compressed) {

		byte[] payload() {
			return decompress(compressed);
		}

	}

	boolean hasWork() {
		return read(cypher.get("snapshot-has-work"), Map.of()).get(0).get("work").asBoolean();
	}

	QueuedChunk nextChunk() {
		List<Record> r = read(cypher.get("snapshot-next-chunk"), Map.of());
		if (r.isEmpty()) {
			return null;
		}
		Record rec = r.get(0);
		return new QueuedChunk(StoredSnapshot.of(rec.get("snapshot").asMap()), rec.get("seq").asInt(),
				rec.get("payload").asByteArray());
	}

	/** The queued chunk the worker takes after {@code snapshotId}'s chunk {@code seq}, or null. */
	ChunkPrefetch.ChunkKey queuedAfter(String snapshotId, int seq) {
		List<Record> r = read(cypher.get("snapshot-chunk-after"), Map.of("key", snapshotId + "|" + seq));
		return r.isEmpty() ? null
				: new ChunkPrefetch.ChunkKey(r.get(0).get("snapshotId").asString(), r.get(0).get("seq").asInt());
	}

	/** A queued chunk's payload, decompressed; null once it is no longer queued. */
	byte[] queuedPayload(ChunkPrefetch.ChunkKey key) {
		List<Record> r = read(cypher.get("snapshot-chunk-payload"), Map.of("key", key.snapshotId() + "|" + key.seq()));
		return r.isEmpty() ? null : decompress(r.get(0).get("payload").asByteArray());
	}

	void chunkDone(String snapshotId, int seq, List<SnapshotModel.Result> results, Map<String, Object> counts,
			int edgesCreated, long[] reportedEdges, List<String> confirmedLater, String identityToken,
			List<WaitingEdge> waitingRefs) {
		Map<String, Object> params = new java.util.HashMap<>(Map.of("key", snapshotId + "|" + seq, "results",
				ResultsJson.compressed(results), "counts", Json.write(counts),
				"now", System.currentTimeMillis(), "edgesCreated", edgesCreated, "resultCount", results.size(),
				"reportedEdges", EdgeKeys.bytes(reportedEdges)));
		params.put("confirmedLater", confirmedLater.isEmpty() ? null : packPairs(confirmedLater));
		params.put("identity", identityToken);
		params.put("waitingRefs", waitingRefs.isEmpty() ? null
				: compress(Json.write(waitingRefs.stream().map(e -> e.row().get("props")).toList())
					.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		write(cypher.get("snapshot-chunk-done"), params);
	}

	/** The chunks of the snapshot that keep edges waiting for a ref of a later chunk, in order. */
	List<Integer> chunksWithWaitingRefs(String snapshotId) {
		return read(cypher.get("snapshot-waiting-ref-chunks"), Map.of("id", snapshotId)).stream()
			.map(r -> r.get("seq").asInt())
			.toList();
	}

	/** The edges one chunk keeps waiting for a ref of a later chunk. */
	@SuppressWarnings("unchecked")
	List<WaitingEdge> waitingRefs(String snapshotId, int seq) {
		List<Record> r = read(cypher.get("snapshot-waiting-refs"), Map.of("key", snapshotId + "|" + seq));
		if (r.isEmpty() || r.get(0).get("edges").isNull()) {
			return List.of();
		}
		List<Object> rows = Json.MAPPER.readValue(decompress(r.get(0).get("edges").asByteArray()), List.class);
		return rows.stream().map(row -> WaitingEdge.of((Map<String, Object>) row)).toList();
	}

	/** One chunk's waiting edges are settled: dropped from it. */
	void waitingRefsSettled(String snapshotId, int seq) {
		write(cypher.get("snapshot-waiting-refs-settled"), Map.of("key", snapshotId + "|" + seq));
	}

	/**
	 * The unchanged records the snapshot's chunks did not write ({@link ReportedRefs}); {@code identityNow}: the
	 * identity epoch's token now, against which each chunk's own says whether an assertion may have moved since.
	 */
	ReportedRefs confirmedLater(String snapshotId, String identityNow) {
		List<List<String>> chunks = new java.util.ArrayList<>();
		boolean[] moved = { false };
		read(cypher.get("snapshot-confirmed-later"), Map.of("id", snapshotId)).forEach(r -> {
			chunks.add(r.get("pairs").asObject() instanceof byte[] packed ? unpackPairs(packed)
					: r.get("pairs").asList(org.neo4j.driver.Value::asString)); // as stored before 2026-12-05
			moved[0] |= !java.util.Objects.equals(r.get("identity").asString(null), identityNow);
		});
		return ReportedRefs.of(chunks, moved[0]);
	}

	/**
	 * A chunk's unwritten records' pairs as one compressed text, a pair per line (a ref has no control character, a CI id
	 * none at all). As a list of strings, the 10,000 pairs of an unchanged chunk (about 450 KB) filled some 3,800 of
	 * the store's 120-byte array records, written with the chunk and read back at the finish; the time-ordered CI ids
	 * compress well.
	 */
	static byte[] packPairs(List<String> pairs) {
		return compress(String.join("\n", pairs).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	static List<String> unpackPairs(byte[] packed) {
		String text = new String(decompress(packed), java.nio.charset.StandardCharsets.UTF_8);
		return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
	}

	/** Edges of this snapshot that waited and were completed by another snapshot's data: reported all the same. */
	void addSettledEdges(String snapshotId, Map<Integer, long[]> keysByChunk) {
		List<Map<String, Object>> chunks = new java.util.ArrayList<>();
		keysByChunk.forEach((seq, keys) -> chunks.add(Map.of("seq", seq, "keys", keys)));
		write(cypher.get("snapshot-add-settled-edges"), Map.of("id", snapshotId, "chunks", chunks));
	}

	/** Every edge the snapshot reported, as sorted keys ({@link EdgeKeys}). */
	long[] reportedEdges(String snapshotId) {
		List<long[]> parts = new java.util.ArrayList<>();
		read(cypher.get("snapshot-reported-edges"), Map.of("id", snapshotId))
			.forEach(r -> parts.add(r.get("keys").asObject() instanceof byte[] b ? EdgeKeys.fromBytes(b) // a chunk's
					: r.get("keys").asList(org.neo4j.driver.Value::asLong).stream().mapToLong(Long::longValue).toArray()));
		return EdgeKeys.sorted(parts);
	}

	/** The snapshot if it is sealed, unfinished and has no queued chunk left; null otherwise. */
	StoredSnapshot readyToFinish(String id) {
		List<Record> r = read(cypher.get("snapshot-ready-to-finish"), Map.of("id", id));
		return r.isEmpty() ? null : StoredSnapshot.of(r.get(0).get("snapshot").asMap());
	}

	StoredSnapshot toFinish() {
		List<Record> r = read(cypher.get("snapshot-to-finish"), Map.of());
		return r.isEmpty() ? null : StoredSnapshot.of(r.get(0).get("snapshot").asMap());
	}

	/** Per-entry results of every applied chunk, in order. */
	List<Map<String, Object>> results(String id) {
		return results(id, null);
	}

	/** Per-entry results of the given chunks ({@code null}: all), in order. */
	List<Map<String, Object>> results(String id, List<Integer> seqs) {
		List<Map<String, Object>> out = new ArrayList<>();
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("id", id);
		params.put("seqs", seqs);
		for (Record r : read(cypher.get("snapshot-results"), params)) {
			String json = new String(decompress(r.get("results").asByteArray()), java.nio.charset.StandardCharsets.UTF_8);
			Map<String, Map<String, Object>> amended = SnapshotAmendments.decode(r.get("amended"));
			for (Object o : Json.MAPPER.readValue(json, List.class)) {
				@SuppressWarnings("unchecked")
				Map<String, Object> m = (Map<String, Object>) o;
				Map<String, Object> now = amended.isEmpty() ? null : amended.get(SnapshotAmendments.slot(m));
				out.add(now != null ? now : m);
			}
		}
		return out;
	}

	/** Result count per applied chunk in order; a count is null for chunks applied before counts were kept. */
	List<Integer[]> resultCounts(String id) {
		return read(cypher.get("snapshot-result-counts"), Map.of("id", id)).stream()
			.map(r -> new Integer[] { r.get("seq").asInt(), r.get("count").isNull() ? null : r.get("count").asInt() })
			.toList();
	}

	void purge(long before) {
		write(cypher.get("snapshot-purge"), Map.of("before", before));
	}

	private List<Record> read(String q, Map<String, Object> params) {
		return transactions.read(tx -> tx.run(q, params).list());
	}

	private void write(String q, Map<String, Object> params) {
		transactions.writeWithoutResult(tx -> tx.run(q, params).consume());
	}

	static byte[] compress(byte[] data) {
		return org.fedcmdb.graph.Compressed.compress(data);
	}

	static byte[] decompress(byte[] data) {
		return org.fedcmdb.graph.Compressed.decompress(data);
	}

}
