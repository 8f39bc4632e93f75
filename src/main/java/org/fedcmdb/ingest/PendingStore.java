package org.fedcmdb.ingest;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.springframework.stereotype.Component;

/**
 * What waits for a CI: edges whose ref comes in a later chunk or whose look-up target does not exist yet, and records
 * a source may not create (they wait for an allowed source). Records waiting are saved with the batch that set them
 * aside ({@link org.fedcmdb.cis.GraphStore#commit}); edges here.
 */
@Component
class PendingStore {

	private final Transactions transactions;

	private final CypherCatalog cypher;

	PendingStore(Transactions transactions, CypherCatalog cypher) {
		this.transactions = transactions;
		this.cypher = cypher;
	}

	/** True when any edge or record waits for a CI (constant time: the count store). */
	boolean anythingPending() {
		var r = transactions.read(tx -> tx.run(cypher.get("ingest-pending-count")).single());
		return r.get("edges").asLong() + r.get("items").asLong() > 0;
	}

	void savePendingEdges(List<WaitingEdge> edges) {
		if (edges.isEmpty()) {
			return;
		}
		List<Map<String, Object>> rows = edges.stream().map(WaitingEdge::row).toList();
		transactions.writeWithoutResult(tx -> {
			for (int i = 0; i < rows.size(); i += 10_000) {
				tx.run(cypher.get("ingest-pending-edges-save"),
						Map.of("rows", rows.subList(i, Math.min(rows.size(), i + 10_000)))).consume();
			}
		});
	}

	/** Records waiting for keys that now identify a CI. */
	List<WaitingRecord> readyPendingItems(Collection<String> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		return transactions.read(tx -> tx.run(cypher.get("ingest-pending-items-ready"), Map.of("keys", List.copyOf(keys)))
			.list(r -> WaitingRecord.of(r.get("item").asMap())));
	}

	/** Pending edges whose look-up target now exists, with the CI found. */
	List<WaitingEdge.Ready> readyPendingEdges(Collection<String> keys, int limit) {
		if (keys.isEmpty()) {
			return List.of();
		}
		return transactions.read(tx -> tx.run(cypher.get("ingest-pending-edges-ready"),
				Map.of("keys", List.copyOf(keys), "limit", limit))
			.list(r -> new WaitingEdge.Ready(WaitingEdge.of(r.get("edge").asMap()), r.get("resolved").asString())));
	}

	/** Edges of the snapshot that wait for a ref of a later chunk. */
	/** At most {@code limit} of the snapshot's edges that wait for a ref of a later chunk. */
	List<WaitingEdge> refPendingEdges(String snapshotId, int limit) {
		return transactions.read(tx -> tx.run(cypher.get("ingest-pending-edges-of-snapshot"),
				Map.of("snapshotId", snapshotId, "limit", limit)).list(r -> WaitingEdge.of(r.get("edge").asMap())));
	}

	void deletePending(Collection<String> pkeys) {
		if (pkeys.isEmpty()) {
			return;
		}
		transactions.writeWithoutResult(
				tx -> tx.run(cypher.get("ingest-pending-delete"), Map.of("pkeys", List.copyOf(pkeys))).consume());
	}

}
