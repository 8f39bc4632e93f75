package org.fedcmdb.cis;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.neo4j.driver.TransactionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The store's edge epoch ({@link AssertedEdges}): read before edges are written, moved on by every removal. */
@Component
class EdgeEpoch {

	private static final Logger log = LoggerFactory.getLogger(EdgeEpoch.class);

	/** CIs per page of a load: a page's result is held whole by the embedded database. */
	private static final int PAGE = 10_000;

	private final int page;

	private final Transactions transactions;

	private final CypherCatalog cypher;

	final AssertedEdges asserted;

	@Autowired
	EdgeEpoch(Transactions transactions, CypherCatalog cypher) {
		this(transactions, cypher, new AssertedEdges(), PAGE);
	}

	EdgeEpoch(Transactions transactions, CypherCatalog cypher, AssertedEdges asserted, int page) {
		this.page = page;
		this.transactions = transactions;
		this.cypher = cypher;
		this.asserted = asserted;
	}

	/** The current token; the first call on a store without one gives it one. */
	String current() {
		String token = transactions.read(this::read);
		return token != null ? token : transactions.write(tx -> bump(tx).to());
	}

	/**
	 * True when every edge {@code source} asserts is in {@code reported} (sorted {@link EdgeKeys}), known from the
	 * source's complete in-memory set; when the set is not complete, it is loaded whole first if {@code worthLoading}
	 * says so (asked only then) and the store's edges would fit the sets' room ({@link AssertedEdges#MAX_KEYS}: a
	 * load past it would be dropped). False means not known. Runs under the writer lease, so that nothing writes
	 * edges between reading the token and the edges.
	 */
	boolean allReported(String source, long[] reported, BooleanSupplier worthLoading) {
		String token = current();
		if (!asserted.isComplete(token, source)) {
			if (!worthLoading.getAsBoolean() || !fits(source)) {
				return false;
			}
			load(source);
			token = current();
		}
		return asserted.coveredBy(token, source, reported);
	}

	/**
	 * Sources about to write edges whose sets are not complete: in a store without any edge of the four types (a
	 * first load), their sets are complete and empty, known from the count store without the scan a load is.
	 */
	void completeIfNoEdges(String token, Collection<String> sources) {
		List<String> unknown = sources.stream().filter(s -> !asserted.isComplete(token, s)).toList();
		if (unknown.isEmpty()) {
			return;
		}
		var r = transactions.read(tx -> tx.run(cypher.get("edge-epoch-edge-count")).single());
		if (r.get("edges").asLong() == 0 && token.equals(r.get("token").asString(null))) {
			unknown.forEach(source -> asserted.loaded(token, source, new LongHashSet()));
		}
	}

	/** Whether every edge in the store (an upper bound of the source's, from the count store) fits the sets' room. */
	private boolean fits(String source) {
		long edges = transactions.read(tx -> tx.run(cypher.get("edge-epoch-edge-count")).single().get("edges").asLong());
		if (asserted.fits(source, edges)) {
			return true;
		}
		log.debug("edges of {} not loaded: the store's {} edges would not fit the asserted-edge sets", source, edges);
		return false;
	}

	/** Loads the source's set whole, page by page in one read transaction (so under one token). */
	private void load(String source) {
		long t0 = System.nanoTime();
		int loaded = transactions.read(tx -> {
			String token = read(tx);
			LongHashSet keys = new LongHashSet();
			String after = "";
			while (after != null) {
				after = loadPage(tx, source, after, keys);
			}
			asserted.loaded(token, source, keys);
			return keys.size();
		});
		log.debug("{} edges of {} loaded in {} ms", loaded, source, (System.nanoTime() - t0) / 1_000_000);
	}

	/** Adds one page's keys; the page's last CI id, or null after the last page. */
	private String loadPage(TransactionContext tx, String source, String after, LongHashSet keys) {
		String last = null;
		var rows = tx.run(cypher.get("edge-epoch-source-edges-page"),
				Map.of("source", source, "after", after, "limit", page));
		while (rows.hasNext()) {
			var r = rows.next();
			last = r.get("fromId").asString();
			if (!r.get("type").isNull()) {
				keys.add(EdgeKeys.key(r.get("type").asString(), last, r.get("toId").asString()));
			}
		}
		return last;
	}

	String read(TransactionContext tx) {
		return tx.run(cypher.get("edge-epoch-read")).single().get("token").asString(null);
	}

	/**
	 * A new token, written in {@code tx}: the transaction adds or removes some source's assertion of some edge.
	 * Returns the token replaced and the new one; the old is read under the epoch node's write lock, so that no
	 * other transaction moved the epoch between the two.
	 */
	Move bump(TransactionContext tx) {
		String token = UUID.randomUUID().toString();
		String old = tx.run(cypher.get("edge-epoch-bump"), Map.of("token", token)).single().get("old").asString(null);
		return new Move(old, token);
	}

	/** An epoch move: from {@code from} (null on a store without a token) to {@code to}. */
	record Move(String from, String to) {
	}

}
