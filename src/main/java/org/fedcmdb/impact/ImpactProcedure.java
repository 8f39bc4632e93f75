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

	private static final Label CI = Label.label("CI");

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
			@Name("capacity") long capacity, @Name("deadline") long deadline, @Name("groupLabel") String groupLabel) {
		List<Row> out = new ArrayList<>();
		Map<String, Node> visited = new HashMap<>();
		List<Node> frontier = new ArrayList<>();
		for (String given : ids) {
			Node c = resolve(given);
			if (c == null) {
				continue;
			}
			String id = (String) c.getProperty("id");
			if (visited.putIfAbsent(id, c) == null) {
				Row r = fields(Row.of("START"), c);
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
			if (System.currentTimeMillis() > deadline) {
				truncatedBy = "TIME";
				break;
			}
			long rowLimit = Math.max(1_000, (capacity - visited.size() + 1) * 4);
			long rows = 0;
			List<Node> next = new ArrayList<>();
			level:
			for (Node c : frontier) {
				String from = (String) c.getProperty("id");
				for (int pass = 0; pass < 2; pass++) {
					Iterable<Relationship> rels = pass == 0 ? (followed.length == 0 ? List.of() : c.getRelationships(along, followed))
							: (withMembers ? c.getRelationships(members, MEMBER_OF) : List.of());
					for (Relationship rel : rels) {
						Node d = rel.getOtherNode(c);
						if (!d.hasLabel(CI) || !includeRetired && "RETIRED".equals(d.getProperty("status", null))) {
							continue;
						}
						if (++rows > rowLimit) {
							truncatedBy = "LIMIT";
							break level;
						}
						String to = (String) d.getProperty("id");
						Row r = Row.of("EDGE");
						r.from = from;
						r.to = to;
						r.type = rel.getType().name();
						r.depth = depth;
						if (!visited.containsKey(to)) {
							if (visited.size() >= capacity) {
								truncatedBy = "LIMIT";
								continue;
							}
							visited.put(to, d);
							next.add(d);
							fields(r, d);
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
			if (n.hasLabel(Label.label(groupLabel))) {
				long live = 0;
				for (Relationship m : n.getRelationships(Direction.INCOMING, MEMBER_OF)) {
					if (m.getOtherNode(n).hasLabel(CI) && !"RETIRED".equals(m.getOtherNode(n).getProperty("status", null))) {
						live++;
					}
				}
				Row g = Row.of("GROUP");
				g.to = (String) n.getProperty("id");
				g.members = live;
				Object min = n.getProperty("minHealthy", null);
				g.minHealthy = min instanceof Number x ? x.longValue() : 1L;
				out.add(g);
			}
		}
		Row end = Row.of("END");
		end.truncatedBy = truncatedBy;
		out.add(end);
		return out.stream();
	}

	/** A CI by id, through a merge alias to its survivor. */
	private Node resolve(String id) {
		Node alias = tx.findNode(ALIAS, "id", id);
		String rid = alias != null && alias.getProperty("survivorId", null) instanceof String s ? s : id;
		return tx.findNode(CI, "id", rid);
	}

	private static Row fields(Row r, Node d) {
		r.className = (String) d.getProperty("class", null);
		r.name = d.getProperty("name", null) instanceof String s ? s : null;
		r.status = (String) d.getProperty("status", null);
		Object crit = d.getProperty("criticality", null);
		r.criticality = crit instanceof Number x ? x.longValue() : null;
		return r;
	}

}
