package org.fedcmdb.impact;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransactionTerminatedException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Bounded breadth-first expansion from given CIs, the way the database allows: in process on the embedded database
 * ({@link ImpactExpansion} in its own transaction), as one {@code fedcmdb.expand} call over Bolt on a server with the
 * plugin, else level by level in Cypher ({@link LevelwiseTraversal}); then states, services and counts from what was
 * reached, the same way for all three.
 */
@Component
public class ImpactTraversal {

	static final List<String> DEPENDENCY_TYPES = List.of("RUNS_ON", "HOSTED_ON", "DEPENDS_ON");

	static final int HARD_MAX_DEPTH = 100;

	private final Driver driver;

	private final CypherCatalog cypher;

	private final ClassCatalogue catalogue;

	private final boolean inDatabaseAllowed;

	private final LevelwiseTraversal levels;

	/** The embedded database searched in process; null against an external server, or with the traversal off. */
	private final GraphDatabaseService local;

	/** Whether {@code fedcmdb.expand} is installed: asked once, on first use. */
	private volatile Boolean inDatabase;

	@org.springframework.beans.factory.annotation.Autowired
	ImpactTraversal(Driver driver, CypherCatalog cypher, ClassCatalogue catalogue, ImpactProcedureInstaller installer,
			@org.springframework.beans.factory.annotation.Value("${fedcmdb.impact.in-database-traversal:true}") boolean inDatabaseAllowed,
			ObjectProvider<DatabaseManagementService> embedded) {
		this(driver, cypher, catalogue, installer, inDatabaseAllowed, inDatabaseAllowed ? local(embedded) : null);
	}

	/** @param local the embedded database, searched in process; null: over the driver */
	ImpactTraversal(Driver driver, CypherCatalog cypher, ClassCatalogue catalogue, ImpactProcedureInstaller installer,
			boolean inDatabaseAllowed, GraphDatabaseService local) {
		this.driver = driver;
		this.cypher = cypher;
		this.catalogue = catalogue;
		this.inDatabaseAllowed = inDatabaseAllowed;
		this.levels = new LevelwiseTraversal(cypher, catalogue);
		this.local = local;
	}

	private static GraphDatabaseService local(ObjectProvider<DatabaseManagementService> embedded) {
		DatabaseManagementService dbms = embedded.getIfAvailable();
		return dbms == null ? null : dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
	}

	/** The embedded database, when there is one: the search runs in process (no Bolt round trip, no rows encoded). */
	public GraphDatabaseService embedded() {
		return local;
	}

	/** True when the traversal runs as the {@code fedcmdb.expand} procedure (one round trip per query). */
	public boolean inDatabase() {
		if (local != null) {
			return true;
		}
		Boolean known = inDatabase;
		if (known == null) {
			boolean found = false;
			if (inDatabaseAllowed) {
				try (Session s = driver.session()) {
					found = !s.executeRead(tx -> tx.run(cypher.get("impact-procedure-installed"))
						.list()).isEmpty();
				}
				catch (RuntimeException ex) {
					found = false;
				}
			}
			inDatabase = known = found;
		}
		return known;
	}

	public BlastRadius run(ImpactQuery q, Duration budget) {
		if (local != null) {
			return traverseInProcess(q, budget);
		}
		TransactionConfig config = TransactionConfig.builder().withTimeout(Duration.ofMillis(Math.max(1, budget.toMillis())))
			.build();
		try (Session session = driver.session()) {
			boolean procedure = inDatabase();
			return session.executeRead(tx -> procedure ? traverseInDatabase(tx, q, budget) : assemble(q, levels.traverse(tx, q, budget)), config);
		}
		catch (ClientException ex) {
			if (ex.code() != null && ex.code().contains("TransactionTimedOut")) {
				return new BlastRadius(q.ciIds(), List.of(), List.of(), Map.of(), true, "TIME");
			}
			throw ex;
		}
	}

	private BlastRadius assemble(ImpactQuery q, Reached r) {
		return assemble(q, r.startIds(), r.visited(), r.edges(), r.groups(), r.truncatedBy());
	}

	/** States, services and counts from what a traversal reached. */
	private BlastRadius assemble(ImpactQuery q, List<String> startIds, Map<String, Reached.Ci> visited,
			List<ImpactStates.Edge> edges, Map<String, ImpactStates.Group> groups, String truncatedBy) {
		Set<String> start = new LinkedHashSet<>(startIds);
		Map<String, ImpactState> states = q.direction() == ImpactQuery.Direction.UPSTREAM
				? ImpactStates.compute(start, visited.keySet(), edges, groups) : Map.of();
		List<BlastRadius.Impacted> impacted = new ArrayList<>();
		List<BlastRadius.Impacted> services = new ArrayList<>();
		Map<String, Integer> counts = new TreeMap<>();
		for (Reached.Ci n : visited.values()) {
			boolean service = catalogue.isService(n.className());
			BlastRadius.Impacted i = new BlastRadius.Impacted(n.id(), n.className(), n.name(), n.status(), n.criticality(), n.depth(),
					path(n, visited), states.getOrDefault(n.id(), ImpactState.DOWN), service);
			if (n.depth() > 0) {
				impacted.add(i);
				counts.merge(n.className(), 1, Integer::sum);
			}
			if (service) {
				services.add(i);
			}
		}
		// nearest first, then by id: the same order on every server, whatever order the store returned the edges in
		impacted.sort(Comparator.comparingInt(BlastRadius.Impacted::depth).thenComparing(BlastRadius.Impacted::ciId));
		services.sort(Comparator.comparing((BlastRadius.Impacted i) -> i.criticality() == null ? Integer.MAX_VALUE : i.criticality())
			.thenComparing(i -> i.state() == ImpactState.DOWN ? 0 : 1)
			.thenComparing(i -> catalogue.isA(i.className(), "BusinessService") ? 0 : 1)
			.thenComparingInt(BlastRadius.Impacted::depth)
			.thenComparing(BlastRadius.Impacted::ciId));
		return new BlastRadius(startIds, impacted, services, counts, truncatedBy != null, truncatedBy);
	}

	/** The expansion's request for a query (the procedure's arguments). */
	private static ImpactExpansion.Request request(ImpactQuery q, Duration budget) {
		List<String> types = q.types() == null ? List.copyOf(ClassCatalogue.RELATIONSHIP_TYPES) : q.types();
		List<String> followed = DEPENDENCY_TYPES.stream().filter(types::contains).toList();
		int maxDepth = q.maxDepth() == null ? HARD_MAX_DEPTH : Math.min(q.maxDepth(), HARD_MAX_DEPTH);
		return new ImpactExpansion.Request(q.ciIds(), q.direction() == ImpactQuery.Direction.UPSTREAM, followed,
				types.contains("MEMBER_OF"), q.includeRetired(), maxDepth, (long) q.limit() + q.ciIds().size(),
				System.currentTimeMillis() + budget.toMillis(), "RedundancyGroup", q.asOf() == null ? -1L : q.asOf());
	}

	/**
	 * The expansion in the embedded database's own transaction, under the request's budget: the rows stay objects,
	 * assembled exactly as those of the procedure called over Bolt.
	 */
	private BlastRadius traverseInProcess(ImpactQuery q, Duration budget) {
		List<ImpactProcedure.Row> rows;
		try (Transaction tx = local.beginTx(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS)) {
			rows = ImpactExpansion.expand(tx, request(q, budget));
		}
		catch (TransactionTerminatedException ex) {
			return new BlastRadius(q.ciIds(), List.of(), List.of(), Map.of(), true, "TIME");
		}
		return fromRows(q, rows);
	}

	/** The same traversal as one {@code fedcmdb.expand} call over the driver. */
	private BlastRadius traverseInDatabase(org.neo4j.driver.TransactionContext tx, ImpactQuery q, Duration budget) {
		ImpactExpansion.Request req = request(q, budget);
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("ids", req.ids());
		params.put("upstream", req.upstream());
		params.put("types", req.types());
		params.put("withMembers", req.withMembers());
		params.put("includeRetired", req.includeRetired());
		params.put("maxDepth", req.maxDepth());
		params.put("limit", q.limit());
		params.put("deadline", req.deadline());
		params.put("asOf", req.asOf());
		return fromRows(q, tx.run(cypher.get("impact-expand-in-database"), params).list(ImpactTraversal::row));
	}

	private static ImpactProcedure.Row row(Record r) {
		ImpactProcedure.Row row = ImpactProcedure.Row.of(r.get("kind").asString());
		row.given = r.get("given").asString(null);
		row.from = r.get("from").asString(null);
		row.to = r.get("to").asString(null);
		row.type = r.get("type").asString(null);
		row.depth = r.get("depth").asLong(0);
		row.className = r.get("className").asString(null);
		row.name = r.get("name").asString(null);
		row.status = r.get("status").asString(null);
		row.criticality = r.get("criticality").isNull() ? null : r.get("criticality").asLong();
		row.members = r.get("members").isNull() ? null : r.get("members").asLong();
		row.minHealthy = r.get("minHealthy").isNull() ? null : r.get("minHealthy").asLong();
		row.truncatedBy = r.get("truncatedBy").asString(null);
		return row;
	}

	/** The expansion's rows assembled exactly as the level-wise traversal's. */
	private BlastRadius fromRows(ImpactQuery q, List<ImpactProcedure.Row> rows) {
		Map<String, Reached.Ci> visited = new LinkedHashMap<>();
		List<String> startIds = new ArrayList<>();
		List<ImpactStates.Edge> edges = new ArrayList<>();
		Map<String, ImpactStates.Group> groups = new HashMap<>();
		String truncatedBy = null;
		for (ImpactProcedure.Row r : rows) {
			switch (r.kind) {
				case "START" -> {
					visited.put(r.to, node(r, 0, null));
					startIds.add(r.to);
				}
				case "EDGE" -> {
					if (r.depth > 0) {
						visited.put(r.to, node(r, (int) r.depth, r.from));
					}
					edges.add(new ImpactStates.Edge(r.from, r.to, r.type));
				}
				case "GROUP" -> groups.put(r.to, new ImpactStates.Group(r.members.intValue(), r.minHealthy.intValue()));
				default -> truncatedBy = r.truncatedBy;
			}
		}
		// a merged CI's kept node is sent as a possible group (it has no class labels): kept when its class is one
		groups.keySet().removeIf(id -> visited.get(id) == null || !catalogue.isA(visited.get(id).className(), "RedundancyGroup"));
		if ("DEPTH".equals(truncatedBy) && q.maxDepth() != null) {
			truncatedBy = null; // the asked depth is an answer, not a truncation
		}
		return assemble(q, startIds, visited, edges, groups, truncatedBy);
	}

	private static Reached.Ci node(ImpactProcedure.Row r, int depth, String parent) {
		return new Reached.Ci(r.to, r.className, r.name, r.status, r.criticality == null ? null : r.criticality.intValue(),
				depth, parent);
	}

	private static List<String> path(Reached.Ci n, Map<String, Reached.Ci> visited) {
		List<String> path = new ArrayList<>();
		for (Reached.Ci cur = n; cur != null; cur = cur.parent() == null ? null : visited.get(cur.parent())) {
			path.add(cur.id());
		}
		return path;
	}

}
