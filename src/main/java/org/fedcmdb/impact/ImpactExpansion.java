package org.fedcmdb.impact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.impact.ImpactProcedure.Row;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * The impact breadth-first search over the database's own API, in a transaction of the database: run by the
 * {@code fedcmdb.expand} procedure (a server with the plugin, called over Bolt) and, when the database is embedded, by
 * {@link ImpactTraversal} directly in process, without a Bolt round trip or the rows' encoding.
 */
final class ImpactExpansion {

	private static final Label ALIAS = Label.label("CiAlias");

	private static final RelationshipType MEMBER_OF = RelationshipType.withName("MEMBER_OF");

	private ImpactExpansion() {
	}

	/**
	 * @param capacity how many CIs may be reached, the starts included
	 * @param deadline epoch milliseconds after which no further level is expanded
	 * @param asOf epoch milliseconds for the graph as it was then, -1 for now
	 */
	record Request(List<String> ids, boolean upstream, List<String> types, boolean withMembers, boolean includeRetired,
			long maxDepth, long capacity, long deadline, String groupLabel, long asOf) {
	}

	/** Every start CI, every edge with the CI it reaches, each redundancy group's live members, and the END row. */
	static List<Row> expand(Transaction tx, Request req) {
		InDatabaseAsOf graph = new InDatabaseAsOf(tx, req.asOf());
		List<Row> out = new ArrayList<>();
		Map<String, Node> visited = new HashMap<>();
		List<Node> frontier = new ArrayList<>();
		for (String given : req.ids()) {
			Node c = resolve(tx, given, graph);
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
		RelationshipType[] followed = req.types().stream().map(RelationshipType::withName).toArray(RelationshipType[]::new);
		Direction along = req.upstream() ? Direction.INCOMING : Direction.OUTGOING;
		Direction members = req.upstream() ? Direction.OUTGOING : Direction.INCOMING;
		String truncatedBy = null;
		for (long depth = 1; depth <= req.maxDepth() && !frontier.isEmpty(); depth++) {
			// a deadline in this very millisecond is reached: a budget under 1 ms rounds to none, not to a whole traversal
			if (System.currentTimeMillis() >= req.deadline()) {
				truncatedBy = "TIME";
				break;
			}
			long rowLimit = Math.max(1_000, (req.capacity() - visited.size() + 1) * 4);
			long rows = 0;
			List<Node> next = new ArrayList<>();
			level:
			for (Node c : frontier) {
				String from = graph.fields(c).id();
				for (int pass = 0; pass < 2; pass++) {
					Iterable<Relationship> rels = pass == 0 ? (followed.length == 0 ? List.of() : graph.relationships(c, along, followed))
							: (req.withMembers() ? graph.relationships(c, members, MEMBER_OF) : List.of());
					for (Relationship rel : rels) {
						Node d = rel.getOtherNode(c);
						if (!graph.exists(d)) {
							continue;
						}
						InDatabaseAsOf.Fields f = graph.fields(d);
						if (!req.includeRetired() && "RETIRED".equals(f.status())) {
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
							if (visited.size() >= req.capacity()) {
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
			if (depth == req.maxDepth() && !frontier.isEmpty()) {
				truncatedBy = truncatedBy == null ? "DEPTH" : truncatedBy;
			}
		}
		for (Node n : visited.values()) {
			// a merged CI's kept node has no class labels: its row is sent, the caller keeps it when its class is a group
			if (n.hasLabel(Label.label(req.groupLabel())) || n.hasLabel(InDatabaseAsOf.MERGED)) {
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
		return out;
	}

	/**
	 * A CI by id, through a merge alias to its survivor; as of an instant before the merge, the merged CI's kept node.
	 * Null when no CI has the id at the instant.
	 */
	private static Node resolve(Transaction tx, String id, InDatabaseAsOf graph) {
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
