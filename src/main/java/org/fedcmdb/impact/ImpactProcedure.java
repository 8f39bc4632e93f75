package org.fedcmdb.impact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * The whole impact breadth-first search inside the database, in one call: {@code CALL fedcmdb.expand(...)}. The Cypher
 * path (one statement per level, {@link ImpactTraversal}) costs a Bolt round trip and a query plan per level; here the
 * BFS walks the relationship chains directly, with the same semantics (types followed against or along their
 * direction, MEMBER_OF the other way, retired CIs skipped unless asked, the row and time limits) and returns every
 * start CI, every edge with the CI it reaches, and each redundancy group's live members, so the caller computes states
 * and ranking exactly as before. Registered in the embedded database at start; on an external server it is used when
 * installed as a plugin, and the Cypher path answers otherwise.
 */
public class ImpactProcedure {

	private static final Label ALIAS = Label.label("CiAlias");

	private static final RelationshipType MEMBER_OF = RelationshipType.withName("MEMBER_OF");

	@Context
	public Transaction tx;

	/** One row: kind START (a start CI), EDGE (from → to, with to's fields and depth), GROUP (live members), END. */
	public static class Row {

		public String kind;

		public String given;

		public String from;

		public String to;

		public String type;

		public long depth;

		public String className;

		public String name;

		public String status;

		public Long criticality;

		public Long members;

		public Long minHealthy;

		public String truncatedBy;

		static Row of(String kind) {
			Row r = new Row();
			r.kind = kind;
			return r;
		}

	}

	@Procedure(name = "fedcmdb.expand", mode = Mode.READ)
	public Stream<Row> expand(@Name("ids") List<String> ids, @Name("upstream") boolean upstream,
			@Name("types") List<String> types, @Name("withMembers") boolean withMembers,
			@Name("includeRetired") boolean includeRetired, @Name("maxDepth") long maxDepth,
			@Name("capacity") long capacity, @Name("deadline") long deadline, @Name("groupLabel") String groupLabel,
			@Name(value = "asOf", defaultValue = "-1") long asOf) {
		InDatabaseAsOf graph = new InDatabaseAsOf(tx, asOf);
		List<Row> out = new ArrayList<>();
		Map<String, Node> visited = new HashMap<>();
		List<Node> frontier = new ArrayList<>();
		for (String given : ids) {
			Node c = resolve(given, graph);
			if (c == null) {
				continue;
			}
			InDatabaseAsOf.Fields f = graph.fields(c);
			String id = f.id();
			if (visited.putIfAbsent(id, c) == null) {
				Row r = fields(Row.of("START"), f);
				r.given = given;
				r.to = id;
				out.add(r);
				frontier.add(c);
			}
		}
		RelationshipType[] followed = types.stream().map(RelationshipType::withName).toArray(RelationshipType[]::new);
		Direction along = upstream ? Direction.INCOMING : Direction.OUTGOING;
		Direction members = upstream ? Direction.OUTGOING : Direction.INCOMING;
		String truncatedBy = null;
		for (long depth = 1; depth <= maxDepth && !frontier.isEmpty(); depth++) {
			// a deadline in this very millisecond is reached: a budget under 1 ms rounds to none, not to a whole traversal
			if (System.currentTimeMillis() >= deadline) {
				truncatedBy = "TIME";
				break;
			}
			long rowLimit = Math.max(1_000, (capacity - visited.size() + 1) * 4);
			long rows = 0;
			List<Node> next = new ArrayList<>();
			level:
			for (Node c : frontier) {
				String from = graph.fields(c).id();
				for (int pass = 0; pass < 2; pass++) {
					Iterable<Relationship> rels = pass == 0 ? (followed.length == 0 ? List.of() : graph.relationships(c, along, followed))
							: (withMembers ? graph.relationships(c, members, MEMBER_OF) : List.of());
					for (Relationship rel : rels) {
						Node d = rel.getOtherNode(c);
						if (!graph.exists(d)) {
							continue;
						}
						InDatabaseAsOf.Fields f = graph.fields(d);
						if (!includeRetired && "RETIRED".equals(f.status())) {
							continue;
						}
						if (++rows > rowLimit) {
							truncatedBy = "LIMIT";
							break level;
						}
						String to = f.id();
						Row r = Row.of("EDGE");
						r.from = from;
						r.to = to;
						r.type = graph.type(rel);
						r.depth = depth;
						if (!visited.containsKey(to)) {
							if (visited.size() >= capacity) {
								truncatedBy = "LIMIT";
								continue;
							}
							visited.put(to, d);
							next.add(d);
							fields(r, f);
						}
						else {
							r.depth = -1; // an edge to a CI already reached: for redundancy states only
						}
						out.add(r);
					}
				}
			}
			frontier = next;
			if (depth == maxDepth && !frontier.isEmpty()) {
				truncatedBy = truncatedBy == null ? "DEPTH" : truncatedBy;
			}
		}
		for (Node n : visited.values()) {
			// a merged CI's kept node has no class labels: its row is sent, the caller keeps it when its class is a group
			if (n.hasLabel(Label.label(groupLabel)) || n.hasLabel(InDatabaseAsOf.MERGED)) {
				long live = 0;
				for (Relationship m : graph.relationships(n, Direction.INCOMING, MEMBER_OF)) {
					Node member = m.getOtherNode(n);
					if (graph.exists(member) && !"RETIRED".equals(graph.fields(member).status())) {
						live++;
					}
				}
				Row g = Row.of("GROUP");
				InDatabaseAsOf.Fields f = graph.fields(n);
				g.to = f.id();
				g.members = live;
				Long min = f.minHealthy();
				g.minHealthy = min == null ? 1L : min;
				out.add(g);
			}
		}
		Row end = Row.of("END");
		end.truncatedBy = truncatedBy;
		out.add(end);
		return out.stream();
	}

	/**
	 * A CI by id, through a merge alias to its survivor; as of an instant before the merge, the merged CI's kept node.
	 * Null when no CI has the id at the instant.
	 */
	private Node resolve(String id, InDatabaseAsOf graph) {
		if (!graph.now()) {
			Node merged = tx.findNode(InDatabaseAsOf.MERGED, "id", id);
			if (merged != null && graph.exists(merged)) {
				return merged;
			}
		}
		Node alias = tx.findNode(ALIAS, "id", id);
		String rid = alias != null && alias.getProperty("survivorId", null) instanceof String s ? s : id;
		Node c = tx.findNode(InDatabaseAsOf.CI, "id", rid);
		return c != null && graph.exists(c) ? c : null;
	}

	private static Row fields(Row r, InDatabaseAsOf.Fields f) {
		r.className = f.className();
		r.name = f.name();
		r.status = f.status();
		r.criticality = f.criticality();
		return r;
	}

}
