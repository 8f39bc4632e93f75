package org.fedcmdb.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.cis.GraphStore;

/**
 * A record whose new CI its source may not create, stored as a {@code PendingItem} node waiting on its identity
 * {@code keys} until an allowed source creates the CI; then it is applied as its own source's DELTA.
 *
 * @param item the record as JSON (ref, class, identifiers, attributes), parsed again when it is applied
 * @param chunk, index where it was in its snapshot (chunk below 1: not a posted chunk's entry)
 */
record WaitingRecord(String pkey, String source, String scope, String snapshotId, long collectedAt, String className,
		String ref, int chunk, int index, String item, long createdAt, List<String> keys) {

	/** The row the CI batch saves with the records it applied ({@code ingest-pending-items-save}). */
	GraphStore.WaitingRow row() {
		Map<String, Object> props = new HashMap<>();
		props.put("pkey", pkey);
		props.put("source", source);
		props.put("scope", scope);
		props.put("snapshotId", snapshotId);
		props.put("collectedAt", collectedAt);
		props.put("className", className);
		props.put("ref", ref);
		props.put("chunk", chunk);
		props.put("index", index);
		props.put("item", item);
		props.put("createdAt", createdAt);
		return new GraphStore.WaitingRow(pkey, props, keys);
	}

	/** From a stored node's properties (the keys it waits on are not read back). */
	static WaitingRecord of(Map<String, Object> p) {
		return new WaitingRecord((String) p.get("pkey"), (String) p.get("source"), (String) p.get("scope"),
				(String) p.get("snapshotId"), number(p.get("collectedAt")), (String) p.get("className"),
				(String) p.get("ref"), (int) number(p.get("chunk")), (int) number(p.get("index")), (String) p.get("item"),
				number(p.get("createdAt")), List.of());
	}

	private static long number(Object o) {
		return o instanceof Number n ? n.longValue() : 0;
	}

}
