package org.fedcmdb.impact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.impact.ImpactProcedure.Row;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/**
 * The impact breadth-first search over the database's own API, in a transaction of the database: run by the
 * {@code fedcmdb.expand} procedure (a server with the plugin, called over Bolt) and, when the database is embedded, by
 * {@link ImpactTraversal} directly in process, without a Bolt round trip or the rows' encoding.
 */
final class ImpactExpansion {

	private static final Label ALIAS = Label.label("CiAlias");

	private static final String[] MEMBER_OF = { "MEMBER_OF" };

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
		try (ImpactGraph graph = req.asOf() < 0 ? new KernelGraph(tx) : new InDatabaseAsOf(tx, req.asOf())) {
			List<Row> out = new ArrayList<>();
			Map<String, Long> visited = new LinkedHashMap<>();
			List<Long> frontier = starts(tx, req, graph, visited, out);
			String truncatedBy = null;
			for (long depth = 1; depth <= req.maxDepth() && !frontier.isEmpty(); depth++) {
				// a deadline in this very millisecond is reached: a budget under 1 ms rounds to none, not to a whole traversal
				if (System.currentTimeMillis() >= req.deadline()) {
					truncatedBy = "TIME";
					break;
				}
				Level level = level(req, graph, frontier, depth, visited, out);
				truncatedBy = level.truncatedBy() != null ? level.truncatedBy() : truncatedBy;
				frontier = level.next();
				if (depth == req.maxDepth() && !frontier.isEmpty()) {
					truncatedBy = truncatedBy == null ? "DEPTH" : truncatedBy;
				}
			}
			groups(req, graph, visited.values(), out);
			Row end = Row.of("END");
			end.truncatedBy = truncatedBy;
			out.add(end);
			return out;
		}
	}

	/** The given CIs that exist (through aliases, or as of the instant), each once, as START rows. */
	@SuppressWarnings("deprecation") // Entity.getId(): the graph's key for the node within this transaction
	private static List<Long> starts(Transaction tx, Request req, ImpactGraph graph, Map<String, Long> visited,
			List<Row> out) {
		List<Long> frontier = new ArrayList<>();
		for (String given : req.ids()) {
			Node c = resolve(tx, given, graph, req.asOf() >= 0);
			if (c == null) {
				continue;
			}
			InDatabaseAsOf.Fields f = graph.fields(c.getId());
			if (visited.putIfAbsent(f.id(), c.getId()) == null) {
				Row r = fields(Row.of("START"), f);
				r.given = given;
				r.to = f.id();
				out.add(r);
				frontier.add(c.getId());
			}
		}
		return frontier;
	}

	private record Level(List<Long> next, String truncatedBy) {
	}

	/** One level: an EDGE row per followed relationship from the frontier, the CIs reached first time the next one. */
	private static Level level(Request req, ImpactGraph graph, List<Long> frontier, long depth, Map<String, Long> visited,
			List<Row> out) {
		String[] followed = req.types().toArray(String[]::new);
		Direction along = req.upstream() ? Direction.INCOMING : Direction.OUTGOING;
		Direction members = req.upstream() ? Direction.OUTGOING : Direction.INCOMING;
		long rowLimit = Math.max(1_000, (req.capacity() - visited.size() + 1) * 4);
		long rows = 0;
		String truncatedBy = null;
		List<Long> next = new ArrayList<>();
		for (long c : frontier) {
			String from = graph.fields(c).id();
			for (int pass = 0; pass < 2; pass++) {
				List<ImpactGraph.Hop> hops = pass == 0 ? (followed.length == 0 ? List.of() : graph.hops(c, along, followed))
						: (req.withMembers() ? graph.hops(c, members, MEMBER_OF) : List.of());
				for (ImpactGraph.Hop hop : hops) {
					if (!graph.exists(hop.node())) {
						continue;
					}
					InDatabaseAsOf.Fields f = graph.fields(hop.node());
					if (!req.includeRetired() && "RETIRED".equals(f.status())) {
						continue;
					}
					if (++rows > rowLimit) {
						return new Level(next, "LIMIT");
					}
					Row r = Row.of("EDGE");
					r.from = from;
					r.to = f.id();
					r.type = hop.type();
					r.depth = depth;
					if (!visited.containsKey(f.id())) {
						if (visited.size() >= req.capacity()) {
							truncatedBy = "LIMIT";
							continue;
						}
						visited.put(f.id(), hop.node());
						next.add(hop.node());
						fields(r, f);
					}
					else {
						r.depth = -1; // an edge to a CI already reached: for redundancy states only
					}
					out.add(r);
				}
			}
		}
		return new Level(next, truncatedBy);
	}

	/** A GROUP row with the live members of every reached node that may be a redundancy group. */
	private static void groups(Request req, ImpactGraph graph, java.util.Collection<Long> reached, List<Row> out) {
		for (long n : reached) {
			// a merged CI's kept node has no class labels: its row is sent, the caller keeps it when its class is a group
			if (graph.mayBeGroup(n, req.groupLabel())) {
				long live = 0;
				for (ImpactGraph.Hop m : graph.hops(n, Direction.INCOMING, MEMBER_OF)) {
					if (graph.live(m.node())) {
						live++;
					}
				}
				Row g = Row.of("GROUP");
				InDatabaseAsOf.Fields f = graph.fields(n);
				g.to = f.id();
				g.members = live;
				g.minHealthy = f.minHealthy() == null ? 1L : f.minHealthy();
				out.add(g);
			}
		}
	}

	/**
	 * A CI by id, through a merge alias to its survivor; as of an instant before the merge, the merged CI's kept node.
	 * Null when no CI has the id at the instant.
	 */
	@SuppressWarnings("deprecation") // Entity.getId(): the graph's key for the node within this transaction
	private static Node resolve(Transaction tx, String id, ImpactGraph graph, boolean asOf) {
		if (asOf) {
			Node merged = tx.findNode(InDatabaseAsOf.MERGED, "id", id);
			if (merged != null && graph.exists(merged.getId())) {
				return merged;
			}
		}
		Node alias = tx.findNode(ALIAS, "id", id);
		String rid = alias != null && alias.getProperty("survivorId", null) instanceof String s ? s : id;
		Node c = tx.findNode(InDatabaseAsOf.CI, "id", rid);
		return c != null && graph.exists(c.getId()) ? c : null;
	}

	private static Row fields(Row r, InDatabaseAsOf.Fields f) {
		r.className = f.className();
		r.name = f.name();
		r.status = f.status();
		r.criticality = f.criticality();
		return r;
	}

}
