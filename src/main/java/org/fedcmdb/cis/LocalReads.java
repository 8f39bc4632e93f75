package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

	/** Keys below which a look-up is read on the calling thread alone. */
	static final int PART = 2_500;

	/**
	 * Threads that read parts of a large look-up beside the calling one: the cores but one (the worker's), at least
	 * one. Daemon threads, shared by the JVM's servers; a part is a read transaction of its own.
	 */
	private static final ExecutorService PARTS = Executors.newFixedThreadPool(
			Math.max(1, Runtime.getRuntime().availableProcessors() - 1), r -> {
				Thread t = new Thread(r, "fedcmdb-lookup");
				t.setDaemon(true);
				return t;
			});

	private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

	/**
	 * As {@code ingest-lookup-keys}: per key, each CI it identifies, with the source's live assertion's hash. A chunk's
	 * look-up (tens of thousands of keys) is read in parts on several cores: it is most of an unchanged re-send's
	 * chunk, and the worker applies chunks one at a time, so after the upload the other cores idle. The rows come in
	 * key order either way. The parts are read while this instance holds the writer lease, so no write lands between.
	 */
	List<GraphStore.CandidateRow> lookup(Collection<String> keys, String source) {
		List<String> all = List.copyOf(keys);
		int parts = Math.min(THREADS + 1, all.size() / PART);
		if (parts < 2) {
			return lookupPart(all, source);
		}
		int size = (all.size() + parts - 1) / parts;
		List<Future<List<GraphStore.CandidateRow>>> others = new ArrayList<>();
		for (int from = size; from < all.size(); from += size) {
			List<String> part = all.subList(from, Math.min(all.size(), from + size));
			others.add(PARTS.submit(() -> lookupPart(part, source)));
		}
		List<GraphStore.CandidateRow> rows = new ArrayList<>(lookupPart(all.subList(0, size), source));
		for (Future<List<GraphStore.CandidateRow>> f : others) {
			rows.addAll(join(f));
		}
		return rows;
	}

	private static <T> T join(Future<T> f) {
		try {
			return f.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while reading a look-up", ex);
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
		}
	}

	List<GraphStore.CandidateRow> lookupPart(List<String> keys, String source) {
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
