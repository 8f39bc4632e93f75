package org.fedcmdb.cis;

import java.util.Map;
import java.util.UUID;

import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Component;

/** The store's edge epoch ({@link AssertedEdges}): read before edges are written, moved on by every removal. */
@Component
class EdgeEpoch {

	private final Driver driver;

	private final CypherCatalog cypher;

	final AssertedEdges asserted = new AssertedEdges();

	EdgeEpoch(Driver driver, CypherCatalog cypher) {
		this.driver = driver;
		this.cypher = cypher;
	}

	/** The current token; the first call on a store without one gives it one. */
	String current() {
		try (Session s = driver.session()) {
			String token = s.executeRead(this::read);
			return token != null ? token : s.executeWrite(this::bump);
		}
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
