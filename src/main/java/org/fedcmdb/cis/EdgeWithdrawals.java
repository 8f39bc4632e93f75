package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Withdraws a source's assertion of edges: those a complete FULL snapshot did not report among its scope's CIs, and
 * those touching CIs whose assertion is withdrawn or stale. An edge no source asserts any more is closed (a WAS
 * relationship keeps its interval for as-of queries), recorded in history and published, in the transaction that
 * removes it; the source's in-memory set of asserted edges ({@link EdgeEpoch}) follows.
 */
@Component
class EdgeWithdrawals {

	private static final Logger log = LoggerFactory.getLogger(EdgeWithdrawals.class);

	private static final int PAGE = 2_000;

	private final Transactions transactions;

	private final CypherCatalog cypher;

	private final EventOutbox outbox;

	private final EdgeEpoch epoch;

	EdgeWithdrawals(Transactions transactions, CypherCatalog cypher, EventOutbox outbox, EdgeEpoch epoch) {
		this.transactions = transactions;
		this.cypher = cypher;
		this.outbox = outbox;
		this.epoch = epoch;
	}

	/**
	 * Withdraws the edges among a scope's CIs that a complete FULL snapshot (collected at {@code collectedAt}) did not
	 * report: none, without reading the scope's edges, when the source's set shows every edge it asserts reported.
	 * @param scopeCis the scope's live assertions
	 * @return how many edges no source asserts any more
	 */
	int withdrawNotReported(String source, String scope, String snapshotId, long collectedAt, int scopeCis,
			long[] reported) {
		return everyEdgeReported(source, scopeCis, reported) ? 0
				: withdrawEdgesInScope(source, scope, snapshotId, collectedAt, reported);
	}

	/**
	 * Whether the snapshot reported every edge its source asserts, known from the source's complete in-memory set
	 * ({@link AssertedEdges}) without reading the scope's edges: an unchanged complete re-send withdraws no edge and
	 * reads none. The set is loaded whole (one scan of every edge in the store) only when the scope holds at least
	 * half of the store's CIs, where that scan costs about what reading the scope's edges would.
	 */
	private boolean everyEdgeReported(String source, int scopeCis, long[] reported) {
		return epoch.allReported(source, reported,
				() -> scopeCis * 2L >= read(cypher.get("ci-count-all"), Map.of()).get(0).get("n").asLong());
	}

	/**
	 * Edges the source asserted from or to CIs in the scope that this snapshot did not report: the scope's live
	 * assertions walked a page at a time ({@code withdraw-gone-page}, the withdrawal's own walk; its gone flag is not
	 * needed here), each page's edges read and checked against {@code reported}.
	 */
	private int withdrawEdgesInScope(String source, String scope, String snapshotId, long collectedAt, long[] reported) {
		int removed = 0;
		int cis = 0;
		long t0 = System.nanoTime();
		String after = "";
		while (true) {
			List<String> ids = read(cypher.get("withdraw-gone-page"), Map.of("source", source, "scope", scope, "after",
					after, "limit", PAGE, "before", collectedAt, "snapshotId", snapshotId)).stream()
				.map(r -> r.get("id").asString()).toList();
			if (ids.isEmpty()) {
				log.debug("edges of {} CIs of {} scope '{}' checked in {} ms, {} withdrawn", cis, source, scope,
						(System.nanoTime() - t0) / 1_000_000, removed);
				return removed;
			}
			removed += withdrawEdges(source, ids, snapshotId, reported);
			after = ids.get(ids.size() - 1);
			cis += ids.size();
			if (cis % 500_000 < PAGE) {
				log.debug("edges of {} CIs of {} scope '{}' checked in {} ms", cis, source, scope,
						(System.nanoTime() - t0) / 1_000_000);
			}
		}
	}

	/**
	 * Withdraws the source's assertion of the edges touching these CIs, except those in {@code reported} (sorted
	 * {@link EdgeKeys}: what the snapshot reported; none for staleness and deletions).
	 */
	int withdrawEdges(String source, List<String> ids, String snapshotId, long[] reported) {
		EdgeEpoch.Move[] move = new EdgeEpoch.Move[1];
		List<Long> goneKeys = new ArrayList<>();
		int removed = transactions.write(tx -> {
			goneKeys.clear(); // a retried transaction starts over
			List<String> gone = notReported(tx, source, ids, reported, goneKeys);
			if (gone.isEmpty()) {
				return 0;
			}
			move[0] = epoch.bump(tx);
			var r = tx.run(cypher.get("withdraw-edges"), Map.of("eids", gone, "source", source,
					"snapshotId", snapshotId == null ? "" : snapshotId, "now", System.currentTimeMillis())).single();
			List<EventDraft> events = new ArrayList<>();
			for (Value e : r.get("edges").values()) {
				List<Object> row = e.asList(); // [type, fromId, fromClass, fromName, toId, toClass, toName]
				events.add(CiEvents.relationship(EventTypes.RELATIONSHIP_REMOVED, row.subList(1, 7), (String) row.get(0),
						source, snapshotId));
			}
			outbox.append(tx, events);
			return r.get("removed").asInt();
		});
		if (!goneKeys.isEmpty()) {
			epoch.asserted.removed(move[0].from(), move[0].to(), source, goneKeys);
		}
		return removed;
	}

	/**
	 * The element ids of the source's edges touching these CIs that the snapshot did not report, under their ends'
	 * ids or those merged into them; their keys go to {@code goneKeys}.
	 */
	private List<String> notReported(TransactionContext tx, String source, List<String> ids, long[] reported,
			List<Long> goneKeys) {
		List<Record> unreported = new ArrayList<>();
		for (var e : tx.run(cypher.get("withdraw-edges-of-cis"), Map.of("ids", ids, "source", source)).list()) {
			long key = EdgeKeys.key(e.get("type").asString(), e.get("fromId").asString(), e.get("toId").asString());
			if (!EdgeKeys.contains(reported, key)) {
				unreported.add(e);
			}
		}
		Map<String, List<String>> aliases = aliasesOfEnds(tx, unreported, reported);
		List<String> gone = new ArrayList<>();
		for (Record e : unreported) {
			if (!reportedBeforeAMerge(e, aliases, reported)) {
				gone.add(e.get("eid").asString());
				goneKeys.add(EdgeKeys.key(e.get("type").asString(), e.get("fromId").asString(), e.get("toId").asString()));
			}
		}
		return gone;
	}

	/**
	 * The ids merged into the ends of these edges ({@code CiAlias}), when a snapshot's reported set is given: a chunk
	 * reported an edge under the ids its ends had then, and a later chunk's record may have merged one of them away.
	 */
	private Map<String, List<String>> aliasesOfEnds(TransactionContext tx, List<Record> edges, long[] reported) {
		if (edges.isEmpty() || reported.length == 0) {
			return Map.of();
		}
		Set<String> ends = new HashSet<>();
		edges.forEach(e -> {
			ends.add(e.get("fromId").asString());
			ends.add(e.get("toId").asString());
		});
		Map<String, List<String>> out = new HashMap<>();
		tx.run(cypher.get("ci-aliases"), Map.of("ids", List.copyOf(ends)))
			.forEachRemaining(r -> out.put(r.get("id").asString(), r.get("aliases").asList(Value::asString)));
		return out;
	}

	/** Whether the snapshot reported the edge under an id one of its ends had before a merge. */
	private static boolean reportedBeforeAMerge(Record e, Map<String, List<String>> aliases, long[] reported) {
		String type = e.get("type").asString();
		String from = e.get("fromId").asString();
		String to = e.get("toId").asString();
		List<String> froms = new ArrayList<>(aliases.getOrDefault(from, List.of()));
		froms.add(from);
		List<String> tos = new ArrayList<>(aliases.getOrDefault(to, List.of()));
		tos.add(to);
		for (String f : froms) {
			for (String t : tos) {
				if (EdgeKeys.contains(reported, EdgeKeys.key(type, f, t))) {
					return true;
				}
			}
		}
		return false;
	}

	private List<Record> read(String query, Map<String, Object> params) {
		return transactions.read(tx -> tx.run(query, params).list());
	}

}
