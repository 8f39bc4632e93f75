package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.fedcmdb.graph.CypherCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.ConstraintViolationException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;

/**
 * The kernel's creation of new CIs against {@code ingest-create-cis}: the same rows written both ways into two stores
 * leave the same graph (labels, every property with its stored type, the assertions and their ASSERTS, the identity
 * keys and their IDENTIFIES, a key node that existed before shared rather than doubled), and a CI id that exists
 * already fails the constraint as the Cypher does, writing nothing. Without the identity keys' unique index the
 * kernel declines and the caller runs the Cypher.
 */
class KernelWritesIntegrationTests {

	@TempDir
	Path tmp;

	final List<DatabaseManagementService> started = new ArrayList<>();

	GraphDatabaseService viaCypher;

	GraphDatabaseService viaKernel;

	@BeforeEach
	void twoStoresWithTheConstraints() {
		viaCypher = store("cypher", true);
		viaKernel = store("kernel", true);
	}

	@AfterEach
	void stop() {
		started.forEach(DatabaseManagementService::shutdown);
	}

	GraphDatabaseService store(String name, boolean constraints) {
		DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(tmp.resolve(name))
			.setConfig(BoltConnector.enabled, false)
			.build();
		started.add(dbms);
		GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
		if (constraints) {
			db.executeTransactionally("CREATE CONSTRAINT ci_id_unique FOR (c:CI) REQUIRE c.id IS UNIQUE");
			db.executeTransactionally("CREATE CONSTRAINT idkey_unique FOR (k:IdKey) REQUIRE k.key IS UNIQUE");
			try (Transaction tx = db.beginTx()) {
				tx.schema().awaitIndexesOnline(1, TimeUnit.MINUTES);
			}
		}
		// a key another CI (or a waiting record) already has
		db.executeTransactionally("CREATE (:IdKey {key: 'fqdn:shared'})-[:IDENTIFIES]->(:CI:Server {id: 'old'})");
		return db;
	}

	static List<BatchRows.NewCi> rows() {
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("class", "Server");
		server.put("name", "web-1");
		server.put("status", "ACTIVE");
		server.put("firstSeen", 1_700_000_000_000L);
		server.put("minHealthy", 2);
		server.put("ratio", 0.5);
		server.put("sourceNames", List.of("a", "b"));
		server.put("idTokens", List.of());
		server.put("staleSince", null);
		server.put("provenance", "{\"name\":\"a\"}");
		Map<String, Object> assertion = new HashMap<>();
		assertion.put("key", "c1|a");
		assertion.put("source", "a");
		assertion.put("stale", false);
		assertion.put("withdrawnAt", null);
		assertion.put("seen", 5L);
		Map<String, Object> second = new HashMap<>(assertion);
		second.put("key", "c1|b");
		second.put("source", "b");
		Map<String, Object> app = Map.of("class", "Application", "name", "shop");
		return List.of(
				new BatchRows.NewCi("c1", List.of("CI", "Server", "Hardware"), server, List.of(assertion, second),
						List.of("fqdn:web-1", "serial:s1", "fqdn:shared")),
				new BatchRows.NewCi("c2", List.of("CI", "Application"), app, List.of(), List.of("app:shop")));
	}

	@Test
	void theKernelLeavesTheGraphTheCypherLeaves() {
		viaCypher.executeTransactionally(new CypherCatalog().get("ingest-create-cis"), Map.of("rows",
				rows().stream().map(BatchRows.NewCi::parameters).toList()));
		try (Transaction tx = viaKernel.beginTx()) {
			assertThat(KernelWrites.createCis(((InternalTransaction) tx).kernelTransaction(), rows())).isTrue();
			tx.commit();
		}
		String expected = dump(viaCypher);
		assertThat(expected).contains("fqdn:shared", "IDENTIFIES", "ASSERTS", "c1|b", "minHealthy=2 (Integer)",
				"idTokens=[] (String[])", "sourceNames=[a, b] (String[])");
		assertThat(dump(viaKernel)).isEqualTo(expected);
	}

	@Test
	void anIdThatExistsFailsTheConstraintAndWritesNothing() {
		List<BatchRows.NewCi> dup = List.of(new BatchRows.NewCi("fresh", List.of("CI", "Server"), Map.of("name", "x"),
				List.of(), List.of("fqdn:fresh")),
				new BatchRows.NewCi("old", List.of("CI", "Server"), Map.of("name", "y"), List.of(), List.of()));
		String before = dump(viaKernel);
		assertThatThrownBy(() -> {
			try (Transaction tx = viaKernel.beginTx()) {
				KernelWrites.createCis(((InternalTransaction) tx).kernelTransaction(), dup);
				tx.commit();
			}
		}).isInstanceOf(ConstraintViolationException.class).hasMessageContaining("old");
		assertThat(dump(viaKernel)).isEqualTo(before);
	}

	@Test
	void withoutTheIdentityKeysUniqueIndexTheKernelDeclines() {
		GraphDatabaseService bare = store("bare", false);
		String before = dump(bare);
		try (Transaction tx = bare.beginTx()) {
			assertThat(KernelWrites.createCis(((InternalTransaction) tx).kernelTransaction(), rows())).isFalse();
			tx.commit();
		}
		assertThat(dump(bare)).isEqualTo(before);
	}

	@Test
	void theKernelsEdgesAreTheCyphersWithTheirHistoryAndEventRows() {
		String ends = """
				CREATE (:CI:Server {id: 'a', class: 'Server', name: 'web', createdIn: 's1'}),
				       (:CI:Server {id: 'b', class: 'Server', createdIn: 's0'}),
				       (:CI:Application {id: 'c', class: 'Application', name: 'shop'})""";
		viaCypher.executeTransactionally(ends);
		viaKernel.executeTransactionally(ends);
		List<EdgeWriter.EdgeWrite> edges = List.of(
				new EdgeWriter.EdgeWrite("RUNS_ON", "c", "a", "s", 1, 100, "s1", true, true), // c not created by s1
				new EdgeWriter.EdgeWrite("DEPENDS_ON", "a", "b", "s", 1, 100, "s1", true, true), // a created by s1
				new EdgeWriter.EdgeWrite("HOSTED_ON", "b", "c", "t", 1, 100, "s1", true, false),
				new EdgeWriter.EdgeWrite("DEPENDS_ON", "c", "missing", "s", 1, 100, "s1", true, true),
				new EdgeWriter.EdgeWrite("DEPENDS_ON", "nobody", "a", "s", 1, 100, "s1", true, true));
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int i = 0; i < edges.size(); i++) {
			Map<String, Object> row = edges.get(i).row(i);
			row.put("type", edges.get(i).type());
			rows.add(row);
		}
		Object cypherRows = viaCypher.executeTransactionally(new CypherCatalog().get("ingest-create-edges"),
				Map.of("rows", rows), r -> r.next().get("createdRows"));
		List<KernelEdgeWrites.Created> created;
		try (Transaction tx = viaKernel.beginTx()) {
			created = KernelEdgeWrites.create(((InternalTransaction) tx).kernelTransaction(), edges);
			tx.commit();
		}
		assertThat(created).extracting(c -> {
			List<Object> row = new ArrayList<>(c.row());
			row.add(0, c.idx());
			return row.toString();
		}).containsExactlyElementsOf(((List<?>) cypherRows).stream().map(String::valueOf).toList());
		assertThat(created).extracting(KernelEdgeWrites.Created::idx).containsExactly(0L, 1L, 2L);
		String expected = dump(viaCypher);
		assertThat(expected).contains("RELATIONSHIP_ADDED", "-RUNS_ON->", "Server web", "sources=[t]");
		assertThat(expected.lines().filter(l -> l.contains("RELATIONSHIP_ADDED"))).hasSize(1);
		assertThat(dump(viaKernel)).isEqualTo(expected);
	}

	@Test
	void theKernelsMergeOfEdgesIsTheCyphers() {
		String ends = """
				CREATE (a:CI:Server {id: 'a', class: 'Server', name: 'web', createdIn: 's1'}),
				       (b:CI:Server {id: 'b', class: 'Server'}),
				       (:CI:Application {id: 'c', class: 'Application', name: 'shop'}),
				       (a)-[:DEPENDS_ON {sources: ['s'], since: 1}]->(b)""";
		viaCypher.executeTransactionally(ends);
		viaKernel.executeTransactionally(ends);
		List<EdgeWriter.EdgeWrite> edges = List.of(
				new EdgeWriter.EdgeWrite("DEPENDS_ON", "a", "b", "s", 1, 100, "s1", false, true), // asserted already
				new EdgeWriter.EdgeWrite("DEPENDS_ON", "a", "b", "t", 1, 100, "s1", false, true), // gains t
				new EdgeWriter.EdgeWrite("RUNS_ON", "c", "a", "s", 1, 100, "s1", false, true), // new, history
				new EdgeWriter.EdgeWrite("HOSTED_ON", "a", "c", "s", 1, 100, "s1", false, true), // new, a made by s1
				new EdgeWriter.EdgeWrite("RUNS_ON", "c", "a", "u", 1, 100, "s1", false, true), // the batch's, gains u
				new EdgeWriter.EdgeWrite("DEPENDS_ON", "c", "missing", "s", 1, 100, "s1", false, true),
				new EdgeWriter.EdgeWrite("RUNS_ON", "c", "a", "s", 1, 100, "s1", false, true), // asserted now
				// a waiting edge kept from before results were kept per entry: no snapshot id
				new EdgeWriter.EdgeWrite("DEPENDS_ON", "b", "c", "s", 1, 100, null, false, true));
		Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
		for (int i = 0; i < edges.size(); i++) {
			byType.computeIfAbsent(edges.get(i).type(), t -> new ArrayList<>()).add(edges.get(i).row(i));
		}
		TreeSet<String> cypherRows = new TreeSet<>();
		byType.forEach((type, rows) -> EdgeStatements.rounds(type, rows).forEach(round -> cypherRows.addAll(
				viaCypher.executeTransactionally(new CypherCatalog().render("ingest-merge-edges", Map.of("type", type)),
						Map.of("rows", round),
						r -> ((List<?>) r.next().get("createdRows")).stream().map(String::valueOf).toList()))));
		List<KernelEdgeWrites.Created> created;
		try (Transaction tx = viaKernel.beginTx()) {
			created = KernelEdgeWrites.merge(((InternalTransaction) tx).kernelTransaction(), edges);
			tx.commit();
		}
		assertThat(created).extracting(KernelEdgeWrites.Created::idx).containsExactly(2L, 3L, 7L);
		assertThat(new TreeSet<>(created.stream().map(c -> {
			List<Object> row = new ArrayList<>(c.row());
			row.add(0, c.idx());
			return row.toString();
		}).toList())).isEqualTo(cypherRows);
		String expected = dump(viaCypher);
		assertThat(expected).contains("sources=[s, t]", "sources=[s, u]", "RELATIONSHIP_ADDED");
		assertThat(expected.lines().filter(l -> l.contains("RELATIONSHIP_ADDED"))).hasSize(2);
		assertThat(dump(viaKernel)).isEqualTo(expected);
	}

	/** Every node (labels, properties with their Java types) and relationship, by the nodes' ids or keys. */
	static String dump(GraphDatabaseService db) {
		try (Transaction tx = db.beginTx()) {
			List<String> lines = new ArrayList<>();
			tx.getAllNodes().forEach(n -> lines.add(describe(n)));
			tx.getAllRelationships().forEach(r -> lines.add(describe(r)));
			lines.sort(null);
			return String.join("\n", lines);
		}
	}

	static String describe(Node n) {
		TreeSet<String> labels = new TreeSet<>();
		n.getLabels().forEach((Label l) -> labels.add(l.name()));
		return labels + " " + properties(n.getAllProperties());
	}

	static String describe(Relationship r) {
		return name(r.getStartNode()) + " -" + r.getType().name() + "-> " + name(r.getEndNode()) + " "
				+ properties(r.getAllProperties());
	}

	static String name(Node n) {
		Map<String, Object> p = n.getAllProperties();
		return String.valueOf(p.getOrDefault("id", p.getOrDefault("key", "?")));
	}

	static String properties(Map<String, Object> props) {
		Map<String, String> out = new TreeMap<>();
		props.forEach((k, v) -> out.put(k, k.equals("id") && props.containsKey("kind") ? "(a random UUID)"
				: (v.getClass().isArray() ? arrayText(v) : String.valueOf(v)) + " (" + v.getClass().getSimpleName() + ")"));
		return out.toString();
	}

	static String arrayText(Object array) {
		if (array instanceof String[] s) {
			return Arrays.toString(s);
		}
		if (array instanceof long[] l) {
			return Arrays.toString(l);
		}
		return array.toString();
	}

}
