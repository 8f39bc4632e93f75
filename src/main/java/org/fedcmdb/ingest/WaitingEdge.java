package org.fedcmdb.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An edge that waits for one of its ends, stored as a {@code PendingEdge} node: for a ref of a later chunk of the same
 * snapshot ({@code awaitRef}), or for a CI a look-up names that does not exist yet ({@code lookup}, waiting on the
 * look-up's identity {@code keys}). The known end's CI id is set, the missing one null.
 *
 * @param chunk, index where the relationship was in its snapshot (chunk 0: before per-entry results were kept)
 */
record WaitingEdge(String pkey, String source, String type, String fromId, String toId, String snapshotId, long seen,
		long createdAt, int chunk, int index, String awaitRef, String lookup, List<String> keys) {

	/** The row {@code ingest-pending-edges-save} writes: the key, the node's properties, the keys it waits on. */
	Map<String, Object> row() {
		Map<String, Object> props = new HashMap<>();
		props.put("pkey", pkey);
		props.put("source", source);
		props.put("type", type);
		props.put("fromId", fromId);
		props.put("toId", toId);
		props.put("snapshotId", snapshotId);
		props.put("seen", seen);
		props.put("createdAt", createdAt);
		props.put("chunk", chunk);
		props.put("index", index);
		props.put("awaitRef", awaitRef);
		props.put("lookup", lookup);
		return Map.of("pkey", pkey, "props", props, "keys", keys);
	}

	/** From a stored node's properties (the keys it waits on are not read back). */
	static WaitingEdge of(Map<String, Object> p) {
		return new WaitingEdge((String) p.get("pkey"), (String) p.get("source"), (String) p.get("type"),
				(String) p.get("fromId"), (String) p.get("toId"), (String) p.get("snapshotId"), number(p.get("seen")),
				number(p.get("createdAt")), (int) number(p.get("chunk")), (int) number(p.get("index")),
				(String) p.get("awaitRef"), (String) p.get("lookup"), List.of());
	}

	/** A waiting edge whose missing end now has a CI ({@code resolved}; null: it never will, a dangling ref). */
	record Ready(WaitingEdge edge, String resolved) {
	}

	private static long number(Object o) {
		return o instanceof Number n ? n.longValue() : 0;
	}

}
