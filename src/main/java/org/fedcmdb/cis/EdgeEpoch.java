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
import org.springframework.stereotype.Component;

/** The store's edge epoch ({@link AssertedEdges}): read before edges are written, moved on by every removal. */
@Component
class EdgeEpoch {

	private final Transactions transactions;

	private final CypherCatalog cypher;

	final AssertedEdges asserted = new AssertedEdges();

	EdgeEpoch(Transactions transactions, CypherCatalog cypher) {
		this.transactions = transactions;
		this.cypher = cypher;
	}

	/** The current token; the first call on a store without one gives it one. */
	String current() {
		String token = transactions.read(this::read);
		return token != null ? token : transactions.write(this::bump);
	}

	/**
	 * True when every edge {@code source} asserts is in {@code reported} (sorted {@link EdgeKeys}), known from the
	 * source's complete in-memory set; when the set is not complete, it is loaded whole first if {@code worthLoading}
	 * says so (asked only then). Runs under the writer lease, so that nothing writes edges between reading the token
	 * and the edges.
	 */
	boolean allReported(String source, long[] reported, BooleanSupplier worthLoading) {
		String token = current();
		if (!asserted.isComplete(token, source)) {
			if (!worthLoading.getAsBoolean()) {
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

	private void load(String source) {
		transactions.read(tx -> {
			String token = read(tx);
			LongHashSet keys = new LongHashSet();
			tx.run(cypher.get("edge-epoch-source-edges"), Map.of("source", source))
				.forEachRemaining(r -> keys.add(EdgeKeys.key(r.get("type").asString(), r.get("fromId").asString(),
						r.get("toId").asString())));
			asserted.loaded(token, source, keys);
			return keys.size();
		});
	}

	String read(TransactionContext tx) {
		return tx.run(cypher.get("edge-epoch-read")).single().get("token").asString(null);
	}

	/** A new token, written in {@code tx}: the transaction removes some source's assertion of some edge. */
	String bump(TransactionContext tx) {
		String token = UUID.randomUUID().toString();
		tx.run(cypher.get("edge-epoch-bump"), Map.of("token", token)).consume();
		return token;
	}

}
