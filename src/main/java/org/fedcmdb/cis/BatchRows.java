package org.fedcmdb.cis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fedcmdb.graph.Json;

/**
 * The rows one {@link CiBatch} writes, typed: each statement of {@code cypher/queries/ingest-*.cypher} takes a
 * list of one of these as {@code $rows}, turned into the driver's parameter maps only at the boundary
 * ({@link Row#parameters}). A CI's and an assertion's own properties stay a map: they are the open-ended property set
 * the class catalogue and the reconciliation decide.
 */
final class BatchRows {

	private BatchRows() {
	}

	/** A row as the statement's {@code $rows} parameter takes it. */
	interface Row {

		Map<String, Object> parameters();

	}

	/**
	 * A CI created with these properties, its sources' assertions (their properties) and the identity keys that
	 * identify it (ingest-create-cis).
	 */
	record NewCi(String id, List<String> labels, Map<String, Object> props, List<Map<String, Object>> assertions,
			List<String> keys) implements Row {
		public Map<String, Object> parameters() {
			return Map.of("id", id, "labels", labels, "props", props, "assertions", assertions, "keys", keys);
		}
	}

	/** A CI's properties set again (ingest-update-cis). */
	record CiUpdate(String id, Map<String, Object> props) implements Row {
		public Map<String, Object> parameters() {
			return Map.of("id", id, "props", props);
		}
	}

	/** A source's first assertion of a CI that existed before the batch (ingest-create-assertions). */
	record NewAssertion(String ciId, Map<String, Object> props) implements Row {
		public Map<String, Object> parameters() {
			return Map.of("ciId", ciId, "props", props);
		}
	}

	/** A changed assertion, found by its key (ingest-update-assertions). */
	record AssertionUpdate(String key, Map<String, Object> props) implements Row {
		public Map<String, Object> parameters() {
			return Map.of("key", key, "props", props);
		}
	}

	/** An unchanged record seen again: the assertion's and the CI's times move forward (ingest-touch-*). */
	record Touch(String key, String ciId, long seen, String snapshotId, String ref, String scope, long now)
			implements Row {
		public Map<String, Object> parameters() {
			Map<String, Object> m = new HashMap<>();
			m.put("now", now);
			m.put("key", key);
			m.put("ciId", ciId);
			m.put("seen", seen);
			m.put("snapshotId", snapshotId);
			m.put("ref", ref);
			m.put("scope", scope);
			return m;
		}
	}

	/**
	 * An identity key that identifies a CI that existed before the batch from now on (ingest-add-keys); a new CI's keys
	 * are created with it ({@link NewCi}).
	 */
	record KeyAdded(String key, String ciId) implements Row {
		public Map<String, Object> parameters() {
			return Map.of("key", key, "ciId", ciId);
		}
	}

	/** An identity key that no longer identifies the CI (ingest-remove-keys). */
	record KeyRemoved(String key, String ciId) implements Row {
		public Map<String, Object> parameters() {
			return Map.of("key", key, "ciId", ciId);
		}
	}

	/** A history entry (ingest-history); values JSON-encoded, null where the change has none. */
	record HistoryEntry(String id, String ciId, long at, String source, String snapshotId, String kind, String field,
			String oldValue, String newValue, String detail) implements Row {

		static HistoryEntry of(String ciId, long now, String source, String snapshotId, CiState.Change ch) {
			return new HistoryEntry(UUID.randomUUID().toString(), ciId, now, source, snapshotId, ch.kind(), ch.field(),
					ch.oldValue() == null ? null : Json.write(ch.oldValue()),
					ch.newValue() == null ? null : Json.write(ch.newValue()), ch.detail());
		}

		public Map<String, Object> parameters() {
			Map<String, Object> m = new HashMap<>(); // SET h = r stores no null
			m.put("id", id);
			m.put("ciId", ciId);
			m.put("at", at);
			m.put("source", source);
			m.put("snapshotId", snapshotId);
			m.put("kind", kind);
			m.put("field", field);
			m.put("oldValue", oldValue);
			m.put("newValue", newValue);
			m.put("detail", detail);
			return m;
		}
	}

	/** A record set aside until an allowed source creates its CI (ingest-pending-items-save). */
	record PendingItem(String pkey, Map<String, Object> props, List<String> keys) implements Row {
		public Map<String, Object> parameters() {
			return Map.of("pkey", pkey, "props", props, "keys", keys);
		}
	}

}
