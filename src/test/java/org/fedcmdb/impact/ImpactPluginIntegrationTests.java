package org.fedcmdb.impact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The impact traversal as a plugin (target/neo4j-plugin: the procedure's jar and the Jackson 3 jars beside it) in a
 * Neo4j of its own, in another JVM whose classpath has neither fedcmdb's classes nor Jackson 3: what an operator copies
 * into an external server's plugins directory is all the procedure needs, now and as of an instant (history reverted
 * with the plugin's own Jackson).
 */
class ImpactPluginIntegrationTests {

	private static Process server;

	private static Driver driver;

	private static Path home;

	@BeforeAll
	static void startServerWithThePlugin() throws IOException, InterruptedException {
		Path plugins = Path.of("target/neo4j-plugin").toAbsolutePath();
		try (Stream<Path> jars = Files.list(plugins)) {
			assertThat(jars.map(p -> p.getFileName().toString()).toList()).as("built by the neo4j-plugin-jar execution")
				.anyMatch(n -> n.endsWith("-neo4j-plugin.jar"))
				.anyMatch(n -> n.startsWith("jackson-databind"));
		}
		String classpath = Files.readString(Path.of("target/neo4j-plugin-test/classpath.txt")).trim();
		assertThat(classpath).doesNotContain("tools/jackson").doesNotContain("target/classes");
		home = Files.createTempDirectory("fedcmdb-plugin-test");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		server = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", classpath,
				Path.of("src/test/resources/neo4j-plugin-test/PluginServer.java").toAbsolutePath().toString(),
				home.resolve("store").toString(), plugins.toString())
			.redirectError(home.resolve("stderr.txt").toFile())
			.start();
		BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
		long deadline = System.currentTimeMillis() + 180_000;
		String line;
		while ((line = out.readLine()) != null && !line.startsWith("BOLT ")) {
			assertThat(System.currentTimeMillis()).as("the plugin's server did not start").isLessThan(deadline);
		}
		assertThat(line).as("the plugin's server ended: %s", Files.readString(home.resolve("stderr.txt"))).isNotNull();
		driver = GraphDatabase.driver("bolt://127.0.0.1:" + line.substring(5).trim(), AuthTokens.none());
	}

	@AfterAll
	static void stopServer() throws Exception {
		if (driver != null) {
			driver.close();
		}
		if (server != null) {
			server.getOutputStream().close();
			if (!server.waitFor(60, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
		if (home != null) {
			try (Stream<Path> files = Files.walk(home)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	@Test
	void thePluginsProcedureAnswersOnAServerWithoutFedcmdbNowAndAsOfAnInstant() {
		long t = System.currentTimeMillis();
		try (Session s = driver.session()) {
			assertThat(s.run("SHOW PROCEDURES YIELD name WHERE name = 'fedcmdb.expand' RETURN name").list()).hasSize(1);
			s.run("""
					CREATE (hv:CI:Hypervisor {id: 'hv', class: 'Hypervisor', name: 'hv', status: 'ACTIVE', createdAt: 0, revisedAt: 0})
					CREATE (vm1:CI:VirtualMachine {id: 'vm1', class: 'VirtualMachine', name: 'vm1', status: 'ACTIVE', createdAt: 0, revisedAt: 0})
					CREATE (vm2:CI:VirtualMachine {id: 'vm2', class: 'VirtualMachine', name: 'vm2', status: 'RETIRED', createdAt: 0,
					        revisedAt: $t + 500, attributes: '{"os":"Debian 12"}', identifiers: '{"fqdn":["vm2.example"]}'})
					CREATE (a1:CI:Application {id: 'a1', class: 'Application', name: 'a1', status: 'ACTIVE', createdAt: 0, revisedAt: 0, criticality: 2})
					CREATE (pool:CI:RedundancyGroup {id: 'pool', class: 'RedundancyGroup', name: 'pool', status: 'ACTIVE', createdAt: 0, revisedAt: 0, minHealthy: 1})
					CREATE (vm1)-[:HOSTED_ON {since: 0}]->(hv), (vm2)-[:HOSTED_ON {since: 0}]->(hv)
					CREATE (a1)-[:RUNS_ON {since: 0}]->(vm1), (a1)-[:MEMBER_OF {since: 0}]->(pool)
					CREATE (:Change {ciId: 'vm2', at: $t + 500, kind: 'STATUS', field: 'status', oldValue: '"ACTIVE"'})
					""", Map.of("t", t)).consume();
			Map<String, Long> now = reached(s, -1);
			assertThat(now).containsExactlyInAnyOrderEntriesOf(Map.of("hv", 0L, "vm1", 1L, "a1", 2L, "pool", 3L));
			// as of before vm2 retired, its history (the plugin's Jackson parses it) gives it back as ACTIVE
			Map<String, Long> before = reached(s, t);
			assertThat(before).containsExactlyInAnyOrderEntriesOf(
					Map.of("hv", 0L, "vm1", 1L, "vm2", 1L, "a1", 2L, "pool", 3L));
			Record group = s.run(EXPAND, params(-1)).list().stream().filter(r -> r.get("kind").asString().equals("GROUP"))
				.findFirst().orElseThrow();
			assertThat(group.get("to").asString()).isEqualTo("pool");
			assertThat(group.get("members").asLong()).isEqualTo(1);
			assertThat(group.get("minHealthy").asLong()).isEqualTo(1);
		}
	}

	private static final String EXPAND = "CALL fedcmdb.expand(['hv'], true, ['RUNS_ON', 'HOSTED_ON', 'DEPENDS_ON'], true, "
			+ "false, 10, 100, $deadline, 'RedundancyGroup', $asOf) YIELD kind, to, depth, members, minHealthy "
			+ "RETURN kind, to, depth, members, minHealthy";

	private static Map<String, Object> params(long asOf) {
		return Map.of("deadline", System.currentTimeMillis() + 30_000, "asOf", asOf);
	}

	/** The CIs the expansion reached, with the depth it first reached each at (0: the start). */
	private static Map<String, Long> reached(Session s, long asOf) {
		Map<String, Long> out = new HashMap<>();
		List<Record> rows = s.run(EXPAND, params(asOf)).list();
		assertThat(rows.get(rows.size() - 1).get("kind").asString()).isEqualTo("END");
		for (Record r : rows) {
			String kind = r.get("kind").asString();
			if (kind.equals("START")) {
				out.put(r.get("to").asString(), 0L);
			}
			else if (kind.equals("EDGE") && r.get("depth").asLong() > 0) {
				out.put(r.get("to").asString(), r.get("depth").asLong());
			}
		}
		return out;
	}

}
