package org.fedcmdb.ingest;

import java.util.Map;

import org.fedcmdb.graph.Json;

/**
 * A snapshot as stored (its {@code Snapshot} node, written by {@link SnapshotStore}), read once at the database
 * boundary: what the worker, the finisher and the status page need, typed, instead of a map cast at every use.
 *
 * @param counts per operation, as stored (JSON)
 * @param withdrawal the withdrawal report (JSON), null before the finish or when none ran
 * @param finalResults results of entries that waited and were settled at the finish (JSON), null when none
 */
record StoredSnapshot(String id, SnapshotModel.Envelope envelope, String status, boolean sealed, int chunks,
		long itemsTotal, long itemsDone, String counts, long edgesCreated, String withdrawal, String error,
		String finalResults) {

	static StoredSnapshot of(Map<String, Object> p) {
		SnapshotModel.Envelope env = new SnapshotModel.Envelope((String) p.get("source"), (String) p.get("scope"),
				SnapshotModel.Mode.valueOf((String) p.get("mode")), Boolean.TRUE.equals(p.get("complete")),
				Boolean.TRUE.equals(p.get("force")), number(p.get("collectedAt")));
		return new StoredSnapshot((String) p.get("id"), env, (String) p.get("status"), Boolean.TRUE.equals(p.get("sealed")),
				(int) number(p.get("chunks")), number(p.get("itemsTotal")), number(p.get("itemsDone")),
				p.get("counts") instanceof String c ? c : "{}", number(p.get("edgesCreated")), (String) p.get("withdrawal"),
				(String) p.get("error"), (String) p.get("finalResults"));
	}

	String source() {
		return envelope.source();
	}

	/** Whether a snapshot with this status has ended: applied and finished (COMPLETED) or given up (FAILED). */
	static boolean ended(String status) {
		return "COMPLETED".equals(status) || "FAILED".equals(status);
	}

	/** Whether chunk {@code seq} is the last: the snapshot is sealed and it is its highest chunk. */
	boolean isLast(int seq) {
		return sealed && seq == chunks;
	}

	/** The counts per operation, decoded. */
	Map<String, Object> countsByOperation() {
		return Json.readMap(counts);
	}

	private static long number(Object o) {
		return o instanceof Number n ? n.longValue() : 0;
	}

}
