package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.fedcmdb.reconciliation.Reconciler;
import org.fedcmdb.reconciliation.RulesConfig;
import org.neo4j.driver.Record;
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

	private final EdgeWithdrawals edgeWithdrawals;

	Withdrawals(Transactions transactions, CypherCatalog cypher, GraphStore store, ClassCatalogue catalogue, Reconciler reconciler,
			RulesConfig rules, EdgeWithdrawals edgeWithdrawals) {
		this.edgeWithdrawals = edgeWithdrawals;
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
	 * The source's live assertions in the scope ({@code total}) and how many of their CIs the complete FULL snapshot
	 * did not report ({@code gone}): what the safety cap weighs. Only reads, so it may be counted while the snapshot's
	 * waiting edges settle (edges and results, no CI's assertion).
	 */
	public record Counted(int total, int gone) {
	}

	/**
	 * Counts what {@link #completeFull} weighs: a CI is reported if its assertion carries the snapshot's id or is one of
	 * {@code unwritten}, the unchanged records the snapshot did not write.
	 */
	public Counted count(String source, String scope, String snapshotId, long collectedAt, ReportedRefs unwritten) {
		Map<String, Object> params = params(source, scope, snapshotId, collectedAt);
		long t0 = System.nanoTime();
		// the unwritten pairs' CIs are not gone; if an assertion may have moved since, their refs say so (the walk)
		Set<String> notGone = unwritten.identityMoved() ? Set.of() : unwritten.ciIds();
		Counted count = store.countScope(source, scope, collectedAt, snapshotId, notGone);
		if (count == null) {
			Map<String, Object> counting = new HashMap<>(params);
			counting.put("unwritten", notGone.isEmpty() ? null : List.copyOf(notGone));
			var row = read(cypher.get("withdraw-candidates"), counting).get(0);
			count = new Counted(row.get("total").asInt(), row.get("gone").asInt());
		}
		log.debug("withdrawal candidates of {} scope '{}' counted in {} ms", source, scope,
				(System.nanoTime() - t0) / 1_000_000);
		int gone = count.gone();
		if (gone > 0 && unwritten.identityMoved()) {
			// an assertion may have moved to another CI since some pairs were stored: counted again walking the scope,
			// their refs alone taken for reported
			t0 = System.nanoTime();
			gone = walkGone(params, unwritten, ids -> { });
			log.debug("gone CIs of {} scope '{}' counted in {} ms", source, scope, (System.nanoTime() - t0) / 1_000_000);
		}
		return gone == count.gone() ? count : new Counted(count.total(), gone);
	}

	private static Map<String, Object> params(String source, String scope, String snapshotId, long collectedAt) {
		return Map.of("source", source, "scope", scope, "before", collectedAt, "snapshotId", snapshotId);
	}

	/**
	 * Withdraws what a complete FULL snapshot of the source and scope did not report: its CIs, and its edges among
	 * the scope's CIs that are not in {@code reported} (sorted {@link EdgeKeys}). A CI is reported if its assertion
	 * carries the snapshot's id or is one of {@code unwritten}, the unchanged records the snapshot did not write;
	 * {@code counted}: {@link #count}, which weighs the safety cap.
	 */
	public Report completeFull(String source, String scope, String snapshotId, long collectedAt, boolean force,
			long[] reported, ReportedRefs unwritten, Counted counted) {
		Map<String, Object> params = params(source, scope, snapshotId, collectedAt);
		int total = counted.total();
		int gone = counted.gone();
		double share = total == 0 ? 0 : (double) gone / total;
		if (gone > 0 && share > rules.maxWithdrawShare() && !force) {
			return new Report(total, 0, 0, true, false, String.format(
					"refused to withdraw %d of %d CIs (%.0f%%) of source %s scope '%s': above the %.0f%% safety cap; "
							+ "re-send with \"force\": true if they are really gone",
					gone, total, share * 100, source, scope, rules.maxWithdrawShare() * 100));
		}
		int edges = edgeWithdrawals.withdrawNotReported(source, scope, snapshotId, collectedAt, total, reported);
		String reason = "not reported by complete FULL snapshot " + snapshotId;
		int[] withdrawn = { 0 };
		if (gone > 0) {
			walkGone(params, unwritten, ids -> withdrawn[0] += withdraw(source, ids, snapshotId, reported, reason));
		}
		return new Report(total, withdrawn[0], edges, false, force && share > rules.maxWithdrawShare(),
				"withdrew " + withdrawn[0] + " of " + total + " CIs and " + edges + " edges");
	}

	/**
	 * Walks the scope page by page and hands each page's gone CIs to {@code perPage} (which may withdraw them) before
	 * reading the next; returns how many were gone.
	 */
	private int walkGone(Map<String, Object> params, ReportedRefs unwritten, Consumer<List<String>> perPage) {
		int gone = 0;
		String after = "";
		while (true) {
			Map<String, Object> page = new HashMap<>(params);
			page.put("after", after);
			page.put("limit", PAGE);
			List<Record> rows = read(cypher.get("withdraw-gone-page"), page);
			if (rows.isEmpty()) {
				return gone;
			}
			List<String> ids = rows.stream()
				.filter(r -> r.get("gone").asBoolean()
						&& !unwritten.reports(r.get("id").asString(), r.get("ref").asString(null)))
				.map(r -> r.get("id").asString())
				.toList();
			if (!ids.isEmpty()) {
				perPage.accept(ids);
			}
			gone += ids.size();
			after = rows.get(rows.size() - 1).get("id").asString();
		}
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
			edgeWithdrawals.withdrawEdges(source, page, snapshotId, reported);
			long now = System.currentTimeMillis();
			Map<String, CiState> states = store.load(page);
			CiBatch batch = new CiBatch();
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

	private List<Record> read(String query, Map<String, Object> params) {
		return transactions.read(tx -> tx.run(query, params).list());
	}

}
