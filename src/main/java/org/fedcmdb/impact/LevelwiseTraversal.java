package org.fedcmdb.impact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Revisions;
import org.neo4j.driver.Record;

/**
 * The traversal where the database has no {@code fedcmdb.expand}: one Cypher statement per level
 * (cypher/queries/impact-expand-*.cypher). Levels rather than one variable-length pattern because the BFS needs what a
 * single pattern cannot give cheaply: the depth and one shortest path of every CI, the edges among reached CIs for
 * redundancy states, and a hard stop at the limit on a supernode. Each level's statement runs under the request's
 * remaining time budget.
 */
final class LevelwiseTraversal {

	private final CypherCatalog cypher;

	private final ClassCatalogue catalogue;

	private final CypherAsOf asOf;

	LevelwiseTraversal(CypherCatalog cypher, ClassCatalogue catalogue) {
		this.cypher = cypher;
		this.catalogue = catalogue;
		this.asOf = new CypherAsOf(cypher);
	}

	Reached traverse(org.neo4j.driver.TransactionContext tx, ImpactQuery q, Duration budget) {
		long deadline = System.nanoTime() + budget.toNanos();
		Map<String, Reached.Ci> visited = new LinkedHashMap<>();
		List<String> startIds = new ArrayList<>();
		List<Record> starts = q.asOf() == null ? tx.run(cypher.get("impact-resolve-start"), Map.of("ids", q.ciIds())).list()
				: tx.run(cypher.get("impact-resolve-start-asof"), Map.of("ids", q.ciIds(), "t", q.asOf())).list();
		Map<String, Revisions.Values> startValues = revised(tx, q, starts, Set.of());
		for (Record r : starts) {
			String id = r.get("id").asString();
			if (!visited.containsKey(id)) {
				visited.put(id, node(r, id, startValues.get(id), 0, null));
				startIds.add(id);
			}
		}
		List<String> types = q.types() == null ? List.copyOf(ClassCatalogue.RELATIONSHIP_TYPES) : q.types();
		List<String> followed = ImpactTraversal.DEPENDENCY_TYPES.stream().filter(types::contains).toList();
		boolean withMembers = types.contains("MEMBER_OF");
		String level = q.direction() == ImpactQuery.Direction.UPSTREAM ? "impact-expand-upstream" : "impact-expand-downstream";
		String query = q.asOf() != null ? cypher.get(level + "-asof")
				: cypher.render(level, Map.of("types", followed.isEmpty() ? "DEPENDS_ON" : String.join("|", followed)));
		List<ImpactStates.Edge> edges = new ArrayList<>();
		List<String> frontier = new ArrayList<>(startIds);
		int maxDepth = q.maxDepth() == null ? ImpactTraversal.HARD_MAX_DEPTH : Math.min(q.maxDepth(), ImpactTraversal.HARD_MAX_DEPTH);
		int capacity = q.limit() + startIds.size();
		String truncatedBy = null;
		for (int depth = 1; depth <= maxDepth && !frontier.isEmpty(); depth++) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				truncatedBy = "TIME";
				break;
			}
			int rowLimit = Math.max(1_000, (capacity - visited.size() + 1) * 4);
			Map<String, Object> params = new java.util.HashMap<>(Map.of("frontier", frontier, "withTypes", !followed.isEmpty(),
					"withMembers", withMembers, "includeRetired", q.includeRetired(), "limit", rowLimit, "types", followed));
			if (q.asOf() != null) {
				params.put("t", q.asOf());
			}
			List<Record> rows = tx.run(query, params).list();
			if (rows.size() >= rowLimit) {
				truncatedBy = "LIMIT";
			}
			Map<String, Revisions.Values> values = revised(tx, q, rows, visited.keySet());
			List<String> next = new ArrayList<>();
			for (Record r : rows) {
				String from = r.get("from").asString();
				String to = r.get("to").asString();
				Revisions.Values then = values.get(to);
				String status = then != null ? then.status() : r.get("status").asString(null);
				if (q.asOf() != null && !q.includeRetired() && "RETIRED".equals(status)) {
					continue; // retired at the instant asked about (the as-of level reads every CI then)
				}
				if (!visited.containsKey(to)) {
					if (visited.size() >= capacity) {
						truncatedBy = "LIMIT";
						continue;
					}
					visited.put(to, node(r, to, then, depth, from));
					next.add(to);
				}
				edges.add(new ImpactStates.Edge(from, to, r.get("type").asString()));
			}
			frontier = next;
			if (depth == maxDepth && !frontier.isEmpty() && q.maxDepth() == null) {
				truncatedBy = "DEPTH";
			}
		}
		List<String> groupIds = visited.values().stream().filter(n -> catalogue.isA(n.className(), "RedundancyGroup"))
			.map(Reached.Ci::id).toList();
		Map<String, ImpactStates.Group> groups = q.asOf() == null ? groups(tx, groupIds) : asOf.groups(tx, groupIds, q.asOf());
		return new Reached(startIds, visited, edges, groups, truncatedBy);
	}

	/** As of the query's instant, the values then of the rows' CIs revised since; empty for a query about now. */
	private Map<String, Revisions.Values> revised(org.neo4j.driver.TransactionContext tx, ImpactQuery q, List<Record> rows,
			Set<String> known) {
		return q.asOf() == null ? Map.of() : asOf.revised(tx, rows, known, q.asOf());
	}

	private Reached.Ci node(Record r, String id, Revisions.Values then, int depth, String parent) {
		if (then != null) {
			return new Reached.Ci(id, r.get("class").asString(), then.name(), then.status(), then.criticality(), depth, parent);
		}
		return new Reached.Ci(id, r.get("class").asString(), r.get("name").asString(null), r.get("status").asString(null),
				intOrNull(r.get("criticality").asObject()), depth, parent);
	}

	private Map<String, ImpactStates.Group> groups(org.neo4j.driver.TransactionContext tx, List<String> ids) {
		Map<String, ImpactStates.Group> out = new HashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		for (Record r : tx.run(cypher.get("impact-group-members"), Map.of("ids", ids)).list()) {
			out.put(r.get("id").asString(), new ImpactStates.Group(r.get("members").asInt(), r.get("minHealthy").asInt()));
		}
		return out;
	}

	private static Integer intOrNull(Object o) {
		return o instanceof Number n ? n.intValue() : null;
	}

}
