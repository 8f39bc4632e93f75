package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.fedcmdb.reconciliation.Reconciler;
import org.fedcmdb.reconciliation.RulesConfig;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Withdraws a source's assertions: what a complete FULL snapshot no longer reports (for its source and scope only),
 * what a DELTA snapshot deletes. The assertion is kept, marked withdrawn: the CI keeps its identity and last known
 * values (provenance FALLBACK_WITHDRAWN where no asserting source has a value) and is revived, same id, when reported
 * again. A CI whose last fresh assertion goes becomes STALE at once; an edge no source asserts any more is removed
 * (and recorded in history; reported again, it is added back between the same two CIs). A safety cap refuses to withdraw more than a share of a scope at once unless forced: an agent
 * that silently saw half the estate is likelier than half the estate vanishing.
 */
@Component
public class Withdrawals {

	private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);

	private static final int PAGE = 2_000;

	private final Transactions transactions;

	private final CypherCatalog cypher;

	private final GraphStore store;

	private final ClassCatalogue catalogue;

	private final Reconciler reconciler;

	private final RulesConfig rules;

	private final EventOutbox outbox;

	private final EdgeEpoch epoch;

	Withdrawals(Transactions transactions, CypherCatalog cypher, GraphStore store, ClassCatalogue catalogue, Reconciler reconciler,
			RulesConfig rules, EventOutbox outbox, EdgeEpoch epoch) {
		this.epoch = epoch;
		this.outbox = outbox;
		this.transactions = transactions;
		this.cypher = cypher;
		this.store = store;
		this.catalogue = catalogue;
		this.reconciler = reconciler;
		this.rules = rules;
	}

	/** What a FULL withdrawal did or refused. */
	public record Report(int assertedInScope, int withdrawn, int edgesRemoved, boolean refused, boolean forced,
			String message) {
		public Map<String, Object> toMap() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("assertedInScope", assertedInScope);
			m.put("withdrawn", withdrawn);
			m.put("edgesRemoved", edgesRemoved);
			m.put("refused", refused);
			m.put("forced", forced);
			m.put("message", message);
			return m;
		}
	}

	/**
	 * Withdraws what a complete FULL snapshot of the source and scope did not report: its CIs, and its edges among
	 * the scope's CIs that are not in {@code reported} (sorted {@link EdgeKeys}).
	 */
	public Report completeFull(String source, String scope, String snapshotId, long collectedAt, boolean force,
			long[] reported) {
		Map<String, Object> params = Map.of("source", source, "scope", scope, "before", collectedAt, "snapshotId",
				snapshotId);
		long t0 = System.nanoTime();
		var row = read(cypher.get("withdraw-candidates"), params).get(0);
		log.debug("withdrawal candidates of {} scope '{}' counted in {} ms", source, scope,
				(System.nanoTime() - t0) / 1_000_000);
		int total = row.get("total").asInt();
		int gone = row.get("gone").asInt();
		double share = total == 0 ? 0 : (double) gone / total;
		if (gone > 0 && share > rules.maxWithdrawShare() && !force) {
			return new Report(total, 0, 0, true, false, String.format(
					"refused to withdraw %d of %d CIs (%.0f%%) of source %s scope '%s': above the %.0f%% safety cap; "
							+ "re-send with \"force\": true if they are really gone",
					gone, total, share * 100, source, scope, rules.maxWithdrawShare() * 100));
		}
		int edges = everyEdgeReported(source, total, reported) ? 0
				: withdrawEdgesInScope(source, scope, snapshotId, reported);
		int withdrawn = gone == 0 ? 0 : withdrawGone(params, reported, "not reported by complete FULL snapshot " + snapshotId);
		return new Report(total, withdrawn, edges, false, force && share > rules.maxWithdrawShare(),
				"withdrew " + withdrawn + " of " + total + " CIs and " + edges + " edges");
	}

	/** Walks the scope page by page and withdraws each page's gone CIs before reading the next. */
	private int withdrawGone(Map<String, Object> params, long[] reported, String reason) {
		String source = (String) params.get("source");
		int withdrawn = 0;
		String after = "";
		while (true) {
			Map<String, Object> page = new HashMap<>(params);
			page.put("after", after);
			page.put("limit", PAGE);
			List<Record> rows = read(cypher.get("withdraw-gone-page"), page);
			if (rows.isEmpty()) {
				return withdrawn;
			}
			List<String> gone = rows.stream().filter(r -> r.get("gone").asBoolean()).map(r -> r.get("id").asString()).toList();
			withdrawn += withdraw(source, gone, (String) params.get("snapshotId"), reported, reason);
			after = rows.get(rows.size() - 1).get("id").asString();
		}
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

	/** Edges the source asserted from or to CIs in the scope that this snapshot did not report. */
	private int withdrawEdgesInScope(String source, String scope, String snapshotId, long[] reported) {
		int removed = 0;
		int cis = 0;
		long t0 = System.nanoTime();
		String after = "";
		while (true) {
			List<String> ids = read(cypher.get("withdraw-scope-ci-page"),
					Map.of("source", source, "scope", scope, "after", after, "limit", PAGE)).stream()
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
		String[] tokens = new String[2];
		List<Long> goneKeys = new ArrayList<>();
		int removed = transactions.write(tx -> {
			goneKeys.clear(); // a retried transaction starts over
			List<String> gone = notReported(tx, source, ids, reported, goneKeys);
			if (gone.isEmpty()) {
				return 0;
			}
			tokens[0] = epoch.read(tx);
			tokens[1] = epoch.bump(tx);
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
			epoch.asserted.removed(tokens[0], tokens[1], source, goneKeys);
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

	/**
	 * Removes {@code source}'s assertion of each CI (and of its edges, but those the snapshot reported) and recomputes
	 * them.
	 * @return how many assertions were removed
	 */
	public int withdraw(String source, Collection<String> ciIds, String snapshotId, long[] reported, String reason) {
		int count = 0;
		List<String> all = new ArrayList<>(ciIds);
		for (int i = 0; i < all.size(); i += PAGE) {
			List<String> page = all.subList(i, Math.min(all.size(), i + PAGE));
			withdrawEdges(source, page, snapshotId, reported);
			long now = System.currentTimeMillis();
			Map<String, CiState> states = store.load(page);
			GraphStore.Batch batch = new GraphStore.Batch();
			RowsHelper rows = new RowsHelper(catalogue);
			for (CiState state : states.values()) {
				AssertionState a = state.assertions.get(source);
				if (a == null || a.withdrawn()) {
					continue;
				}
				// Kept, marked withdrawn: the CI keeps its identifiers and last known values, and comes back as
				// itself when a source reports it again.
				a.withdrawnAt = now;
				a.hash = null;
				a.changed = true;
				state.dirty = true;
				state.notes.add(new CiState.Change("ASSERTION_WITHDRAWN", "source", source, null, reason));
				rows.addRows(batch, state, state.recompute(catalogue, reconciler, now), source, snapshotId, now);
				count++;
			}
			store.write(batch);
		}
		return count;
	}

	public Map<String, String> ciIdsBySourceRef(String source, List<String> refs) {
		Map<String, String> out = new HashMap<>();
		if (refs.isEmpty()) {
			return out;
		}
		read(cypher.get("assertion-by-source-ref"), Map.of("source", source, "refs", refs))
			.forEach(r -> out.put(r.get("ref").asString(), r.get("id").asString()));
		return out;
	}

	private List<org.neo4j.driver.Record> read(String query, Map<String, Object> params) {
		return transactions.read(tx -> tx.run(query, params).list());
	}

}
