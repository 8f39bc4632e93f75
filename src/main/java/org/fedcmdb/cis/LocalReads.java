package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The ingestion path's two per-chunk reads answered in process when the database is embedded: the identification
 * look-up ({@code ingest-lookup-keys}) and the refs of earlier chunks ({@code ingest-resolve-refs}), with exactly
 * their semantics, in a read transaction of the database's own API. Over Bolt a 10k-record chunk's look-up is planned
 * by the slotted runtime (one walk of a CI's property chain per property) and its ~10k rows, identifiers included, are
 * encoded and decoded; here a CI's properties are read in one pass and the rows stay objects. Against an external
 * server the Cypher statements answer ({@link GraphStore}); {@code LocalReadsIntegrationTests} compares both.
 */
final class LocalReads {

	private static final Label ID_KEY = Label.label("IdKey");

	private static final Label CI = Label.label("CI");

	private static final Label ASSERTION = Label.label("Assertion");

	private static final RelationshipType IDENTIFIES = RelationshipType.withName("IDENTIFIES");

	private static final RelationshipType ASSERTS = RelationshipType.withName("ASSERTS");

	private static final String[] CI_KEYS = { "id", "class", "firstSeen", "scope", "identifiers", "distinctFrom", "status" };

	private static final String[] ASSERTION_KEYS = { "source", "withdrawnAt", "hash", "ref", "scope", "stale" };

	private final GraphDatabaseService db;

	LocalReads(GraphDatabaseService db) {
		this.db = db;
	}

	/** As {@code ingest-lookup-keys}: per key, each CI it identifies, with the source's live assertion's hash. */
	List<GraphStore.CandidateRow> lookup(Collection<String> keys, String source) {
		List<GraphStore.CandidateRow> rows = new ArrayList<>();
		// a record's identity keys mostly name the same CI: its properties and the source's assertion read once
		Map<String, GraphStore.CandidateRow> byCi = new HashMap<>();
		try (Transaction tx = db.beginTx()) {
			for (String key : keys) {
				Node k = tx.findNode(ID_KEY, "key", key);
				if (k == null) {
					continue;
				}
				for (Relationship r : k.getRelationships(Direction.OUTGOING, IDENTIFIES)) {
					Node c = r.getEndNode();
					if (c.hasLabel(CI)) {
						GraphStore.CandidateRow row = byCi.computeIfAbsent(c.getElementId(),
								id -> row(key, c, assertion(c, source)));
						rows.add(row.key().equals(key) ? row : row.forKey(key));
					}
				}
			}
		}
		return rows;
	}

	private static GraphStore.CandidateRow row(String key, Node c, Map<String, Object> a) {
		Map<String, Object> p = c.getProperties(CI_KEYS);
		return new GraphStore.CandidateRow(key, (String) p.get("id"), (String) p.get("class"), number(p.get("firstSeen")),
				p.get("scope") instanceof String s ? s : "-", (String) p.get("identifiers"), strings(p.get("distinctFrom")),
				a == null ? null : (String) a.get("hash"), a == null ? null : (String) a.get("ref"),
				a == null ? null : (String) a.get("scope"), a != null && Boolean.TRUE.equals(a.get("stale")),
				(String) p.get("status"));
	}

	/** The first assertion of the source on the CI that is not withdrawn (as the look-up's pattern comprehension). */
	private static Map<String, Object> assertion(Node c, String source) {
		try (ResourceIterable<Relationship> asserts = c.getRelationships(Direction.INCOMING, ASSERTS)) {
			for (Relationship r : asserts) {
				Map<String, Object> a = r.getStartNode().getProperties(ASSERTION_KEYS);
				if (source.equals(a.get("source")) && a.get("withdrawnAt") == null) {
					return a; // the iterable is closed here, not left open until the transaction ends
				}
			}
		}
		return null;
	}

	/** As {@code ingest-resolve-refs}: the CIs the source's assertions of this snapshot carry these refs for. */
	Map<String, String> resolveRefs(String snapshotId, String source, Collection<String> refs) {
		Map<String, String> out = new HashMap<>();
		try (Transaction tx = db.beginTx()) {
			for (String ref : refs) {
				try (ResourceIterator<Node> found = tx.findNodes(ASSERTION, "source", source, "ref", ref)) {
					found.forEachRemaining(a -> {
						Map<String, Object> p = a.getProperties("snapshotId", "ciId");
						if (snapshotId.equals(p.get("snapshotId")) && p.get("ciId") instanceof String id) {
							out.put(ref, id);
						}
					});
				}
			}
		}
		return out;
	}

	private static long number(Object o) {
		return o instanceof Number n ? n.longValue() : 0;
	}

	private static List<String> strings(Object o) {
		return o instanceof String[] a ? Arrays.asList(a) : List.of();
	}

}
