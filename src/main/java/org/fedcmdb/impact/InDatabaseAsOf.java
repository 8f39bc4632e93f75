package org.fedcmdb.impact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.fedcmdb.graph.Json;
import org.fedcmdb.graph.Revisions;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * The graph inside the database as of an instant, for {@link ImpactProcedure}: a CI exists from its createdAt (a merged
 * CI's kept node until its mergedAt), a live relationship from its since, a closed one (WAS, carrying its type) over
 * [since, until), and a CI revised after the instant has the values its history entries give back
 * ({@link Revisions}). At instant -1 it is the graph now through the core API ({@link KernelGraph} reads it faster).
 */
final class InDatabaseAsOf implements ImpactGraph {

	static final Label CI = Label.label("CI");

	static final Label MERGED = Label.label("MergedCI");

	static final RelationshipType WAS = RelationshipType.withName("WAS");

	private static final String CHANGES = resource("cypher/queries/asof-changes.cypher");

	private static final String MERGED_CHANGES = resource("cypher/queries/asof-changes-merged.cypher");

	private final Transaction tx;

	private final long t;

	private final Map<Long, Fields> fields = new HashMap<>();

	InDatabaseAsOf(Transaction tx, long t) {
		this.tx = tx;
		this.t = t;
	}

	boolean now() {
		return t < 0;
	}

	@Override
	@SuppressWarnings("deprecation") // Entity.getId() and getNodeById: the traversal's keys within this transaction
	public List<Hop> hops(long node, Direction direction, String[] types) {
		Node n = tx.getNodeById(node);
		List<Hop> out = new ArrayList<>();
		for (Relationship r : relationships(n, direction,
				Arrays.stream(types).map(RelationshipType::withName).toArray(RelationshipType[]::new))) {
			out.add(new Hop(r.getOtherNode(n).getId(), type(r)));
		}
		return out;
	}

	@Override
	@SuppressWarnings("deprecation")
	public boolean exists(long node) {
		return exists(tx.getNodeById(node));
	}

	@Override
	public boolean live(long node) {
		return exists(node) && !"RETIRED".equals(fields(node).status());
	}

	@Override
	@SuppressWarnings("deprecation")
	public boolean mayBeGroup(long node, String groupLabel) {
		Node n = tx.getNodeById(node);
		return n.hasLabel(Label.label(groupLabel)) || n.hasLabel(MERGED);
	}

	@Override
	public void close() {
		// nothing held: the core API's entities need no closing
	}

	/** Whether the node is a CI at the instant. */
	boolean exists(Node n) {
		if (now()) {
			return n.hasLabel(CI);
		}
		if (n.hasLabel(CI)) {
			return created(n) <= t;
		}
		return n.hasLabel(MERGED) && created(n) <= t && ((Number) n.getProperty("mergedAt", 0L)).longValue() > t;
	}

	private static long created(Node n) {
		Object c = n.getProperty("createdAt", null);
		if (c == null) {
			c = n.getProperty("firstSeen", 0L); // a CI stored before createdAt was recorded
		}
		return ((Number) c).longValue();
	}

	/** The node's relationships of these types in that direction, those valid at the instant. */
	Iterable<Relationship> relationships(Node c, Direction direction, RelationshipType... types) {
		if (now()) {
			return c.getRelationships(direction, types);
		}
		Set<String> names = new java.util.HashSet<>(Arrays.stream(types).map(RelationshipType::name).toList());
		RelationshipType[] withClosed = Arrays.copyOf(types, types.length + 1);
		withClosed[types.length] = WAS;
		return () -> StreamSupport.stream(c.getRelationships(direction, withClosed).spliterator(), false)
			.filter(r -> valid(r, names))
			.iterator();
	}

	private boolean valid(Relationship r, Set<String> names) {
		long since = ((Number) r.getProperty("since", 0L)).longValue();
		if (since > t) {
			return false;
		}
		if (!r.isType(WAS)) {
			return true;
		}
		return names.contains((String) r.getProperty("type", "")) && ((Number) r.getProperty("until", 0L)).longValue() > t;
	}

	String type(Relationship r) {
		return r.isType(WAS) ? (String) r.getProperty("type") : r.getType().name();
	}

	/** What a traversal reads of a CI, at the instant. */
	record Fields(String id, String className, String name, String status, Long criticality, Long minHealthy) {
	}

	/** The properties a traversal reads of a CI now, fetched in one walk of its property chain. */
	private static final String[] NOW_KEYS = { "id", "class", "name", "status", "criticality", "minHealthy" };

	/**
	 * The CI's fields at the instant: its node's, unless its effective values changed after the instant. Kept per node
	 * (by its internal id) for the call: a CI reached over several edges, or checked as a group member, is read once.
	 */
	@Override
	@SuppressWarnings("deprecation") // getNodeById: the traversal's key within this transaction
	public Fields fields(long node) {
		Fields known = fields.get(node);
		if (known == null) {
			known = load(tx.getNodeById(node));
			fields.put(node, known);
		}
		return known;
	}

	private Fields load(Node n) {
		if (now()) {
			// one pass over the property chain (a CI has ~20 properties; getProperty per key walks it from the start)
			Map<String, Object> p = n.getProperties(NOW_KEYS);
			return new Fields((String) p.get("id"), (String) p.get("class"),
					p.get("name") instanceof String s ? s : null, (String) p.get("status"), number(p.get("criticality")),
					number(p.get("minHealthy")));
		}
		String id = (String) n.getProperty("id");
		String className = (String) n.getProperty("class", null);
		if (!revisedAfter(n)) {
			return new Fields(id, className, n.getProperty("name", null) instanceof String s ? s : null,
					(String) n.getProperty("status", null), number(n.getProperty("criticality", null)),
					number(n.getProperty("minHealthy", null)));
		}
		List<Revisions.Entry> entries = new ArrayList<>();
		tx.execute(n.hasLabel(MERGED) ? MERGED_CHANGES : CHANGES, Map.of("ids", List.of(id), "t", t))
			.forEachRemaining(r -> entries.add(new Revisions.Entry((String) r.get("kind"), (String) r.get("field"),
					(String) r.get("oldValue"), ((Number) r.get("at")).longValue())));
		Revisions.Values v = Revisions.revert((String) n.getProperty("status", null),
				Json.readMap((String) n.getProperty("attributes", null)),
				Json.readIdentifiers((String) n.getProperty("identifiers", null)),
				n.getProperty("name", null) instanceof String s ? s : null, entries);
		return new Fields(id, className, v.name(), v.status(), number(v.criticality()), number(v.minHealthy()));
	}

	private static Long number(Object o) {
		return o instanceof Number x ? x.longValue() : null;
	}

	/** Whether effective values changed after the instant (unknown for a CI stored before revisedAt was kept: look). */
	private boolean revisedAfter(Node n) {
		if (n.getProperty("createdAt", null) == null) {
			return true;
		}
		Object revised = n.getProperty("revisedAt", null);
		return revised instanceof Number r && r.longValue() > t;
	}

	private static String resource(String path) {
		try (InputStream in = InDatabaseAsOf.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException(path + " is missing from the classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
