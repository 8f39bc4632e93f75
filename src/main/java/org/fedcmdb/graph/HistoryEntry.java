package org.fedcmdb.graph;

import java.time.Instant;

import org.neo4j.driver.Value;

/**
 * One entry of a CI's history: what changed, when, and which source's snapshot changed it.
 * @param kind INSERT, ATTRIBUTE, IDENTIFIER, STATUS, RELATIONSHIP_ADDED, RELATIONSHIP_REMOVED, MERGED, SPLIT,
 * ASSERTION_WITHDRAWN or ASSERTION_REVIVED
 * @param field the attribute, identifier or relationship the entry is about, when it is about one
 * @param oldValue the value before (any JSON value), when there was one
 * @param newValue the value after
 */
public record HistoryEntry(String id, String ciId, Instant at, String source, String snapshotId, String kind,
		String field, Object oldValue, Object newValue, String detail) {

	/** The entry of a {@code h {.*} AS entry} row (its values stored as JSON text). */
	public static HistoryEntry of(Value h) {
		return new HistoryEntry(h.get("id").asString(), h.get("ciId").asString(null),
				h.get("at").isNull() ? null : Instant.ofEpochMilli(h.get("at").asLong()), h.get("source").asString(null),
				h.get("snapshotId").asString(null), h.get("kind").asString(null), h.get("field").asString(null),
				Json.readHistoryValue(h.get("oldValue").asObject()), Json.readHistoryValue(h.get("newValue").asObject()),
				h.get("detail").asString(null));
	}

}
