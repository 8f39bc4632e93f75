package org.fedcmdb.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The foundation: migrations, constraints, every Cypher file valid, health, the first GraphQL queries. */
class GraphFoundationIntegrationTests extends IntegrationTestSupport {

	@Autowired
	CypherCatalog cypher;

	@Test
	void migrationsAreAppliedOnceAndRecorded() {
		long applied = count("MATCH (m:__Neo4jMigration) WHERE m.version <> 'BASELINE' RETURN count(m)", Map.of());
		assertThat(applied).isGreaterThanOrEqualTo(3);
		assertThat(count("MATCH (m:__Neo4jMigration {version: '0001'}) RETURN count(m)", Map.of())).isEqualTo(1);
		try (var s = driver.session()) {
			List<String> constraints = s.run("SHOW CONSTRAINTS YIELD name RETURN name").list(r -> r.get(0).asString());
			assertThat(constraints).contains("ci_id_unique", "idkey_unique", "assertion_key_unique");
		}
	}

	@Test
	void aDuplicateCiIdIsRefusedByTheGraph() {
		String id = "dup-" + unique();
		try (var s = driver.session()) {
			s.run("CREATE (:CI {id: $id})", Map.of("id", id)).consume();
			assertThatThrownBy(() -> s.run("CREATE (:CI {id: $id})", Map.of("id", id)).consume())
				.isInstanceOf(ClientException.class)
				.hasMessageContaining("already exists");
			s.run("MATCH (c:CI {id: $id}) DELETE c", Map.of("id", id)).consume();
		}
	}

	@Test
	void everyCypherFileLoadsAndCompiles() {
		assertThat(cypher.names()).contains("ingest-lookup-keys", "ci-page");
		try (var s = driver.session()) {
			for (String name : cypher.names()) {
				String q = cypher.render(name, Map.of("labels", "CI:Server", "type", "DEPENDS_ON", "types", "RUNS_ON|DEPENDS_ON"));
				s.run("EXPLAIN " + q).consume();
			}
		}
	}

	/**
	 * The queries a snapshot runs per chunk or per snapshot, and reads by a CI's or a subscription's id, go through
	 * indexes: a label scan there grows with everything ever stored under that label (every snapshot chunk with its
	 * payload and results, every history entry, every delivery).
	 */
	/** Reads by a key that a composite index starts with, which scanned the label before they named its second key. */
	static final List<String> SEEKING = List.of("ci-history", "merge-finish", "subscription-deliveries",
			"subscription-delete", "stale-candidates");

	@Test
	void theIngestionPathNeverScansALabel() {
		List<String> scanning = new ArrayList<>();
		try (var s = driver.session()) {
			for (String name : cypher.names()) {
				if (!name.startsWith("ingest-") && !name.startsWith("snapshot-") && !name.startsWith("withdraw-")
						&& !SEEKING.contains(name)) {
					continue;
				}
				String q = cypher.render(name, Map.of("labels", "CI:Server", "type", "DEPENDS_ON", "types", "RUNS_ON|DEPENDS_ON"));
				var plan = s.run("EXPLAIN " + q).consume().plan();
				List<String> ops = new ArrayList<>();
				collectOperators(plan, ops);
				if (ops.stream().anyMatch(o -> o.startsWith("NodeByLabelScan") || o.startsWith("AllNodesScan"))) {
					scanning.add(name + " " + ops);
				}
			}
		}
		assertThat(scanning).isEmpty();
	}

	/**
	 * The keyset pages (the withdrawal's walks of a scope, the asserted-edge set's load) read one page in index order,
	 * not the whole scope or store sorted.
	 */
	@Test
	void theKeysetPagesReadInIndexOrder() {
		try (var s = driver.session()) {
			for (String name : List.of("withdraw-gone-page", "edge-epoch-source-edges-page")) {
				List<String> ops = new ArrayList<>();
				collectOperators(s.run("EXPLAIN " + cypher.get(name)).consume().plan(), ops);
				assertThat(ops).as(name).anyMatch(o -> o.startsWith("NodeIndexSeek") || o.startsWith("NodeUniqueIndexSeek"));
				assertThat(ops).as(name)
					.noneMatch(o -> o.startsWith("Top") || o.startsWith("Sort") || o.startsWith("PartialTop"));
			}
		}
	}

	/**
	 * The withdrawal's count seeks the index of live assertions and takes each CI id from its entry (an unchanged
	 * re-send's unwritten CIs are left out without reading their assertions from the store).
	 */
	@Test
	void theWithdrawalCountTakesTheCiIdsFromTheIndex() {
		try (var s = driver.session()) {
			var plan = s.run("EXPLAIN " + cypher.get("withdraw-candidates")).consume().plan();
			List<String> ops = new ArrayList<>();
			collectOperators(plan, ops);
			assertThat(ops).anyMatch(o -> o.startsWith("NodeIndexSeek"));
			List<String> details = new ArrayList<>();
			collectDetails(plan, details);
			assertThat(details).as(details.toString())
				.anyMatch(d -> d.contains("Assertion(source, liveScope, ciId)") && d.contains("cache[a.ciId]"));
		}
	}

	/**
	 * V0019's backfill, run again as neo4j-migrations runs it (an implicit transaction) over a store written before it:
	 * a live assertion with a scope gets its liveScope, a withdrawn one does not.
	 */
	@Test
	void theLiveScopeMigrationGivesLiveAssertionsTheirScope() throws Exception {
		String u = java.util.UUID.randomUUID().toString();
		String script;
		try (var in = getClass().getResourceAsStream("/cypher/migrations/V0019__Assertion_live_scope.cypher")) {
			script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		String backfill = java.util.Arrays.stream(script.split(";")).filter(st -> st.contains("IN TRANSACTIONS"))
			.findFirst().orElseThrow().lines().filter(l -> !l.startsWith("//")).collect(java.util.stream.Collectors.joining("\n"));
		try (var s = driver.session()) {
			s.run("CREATE (:Assertion {key: $u + '|live', source: 'old', scope: $u, ciId: $u + 'a'}), "
					+ "(:Assertion {key: $u + '|gone', source: 'old', scope: $u, ciId: $u + 'b', withdrawnAt: 1})",
					Map.of("u", u)).consume();
			s.run(backfill).consume();
			var rows = s.run("MATCH (a:Assertion) WHERE a.scope = $u RETURN a.ciId AS id, a.liveScope AS live ORDER BY id",
					Map.of("u", u)).list();
			assertThat(rows.get(0).get("live").asString(null)).isEqualTo(u);
			assertThat(rows.get(1).get("live").asString(null)).isNull();
			s.run("MATCH (a:Assertion) WHERE a.scope = $u DELETE a", Map.of("u", u)).consume();
		}
	}

	private static void collectDetails(org.neo4j.driver.summary.Plan plan, List<String> out) {
		plan.arguments().forEach((k, v) -> out.add(k + "=" + v));
		plan.children().forEach(c -> collectDetails(c, out));
	}

	private static void collectOperators(org.neo4j.driver.summary.Plan plan, List<String> out) {
		out.add(plan.operatorType());
		plan.children().forEach(c -> collectOperators(c, out));
	}

	@Test
	void renderRefusesAnythingButIdentifiers() {
		assertThatThrownBy(() -> cypher.render("alert-lookup-token", Map.of("labels", "CI) DETACH DELETE (n")))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void healthIsUpWithNeo4j() {
		JsonNode health = Json.MAPPER.readTree(get("/actuator/health").body());
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("neo4j").get("status").asString()).isEqualTo("UP");
		assertThat(get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
		assertThat(get("/graphiql").statusCode()).isIn(200, 302, 307);
	}

	@Test
	void cisPagesWithCursorsAndFilters() {
		String u = unique();
		List<Object> items = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			items.add(item("a" + i, "Application", Map.of("name", "page-" + u + "-" + i), attrs()));
		}
		items.add(item("vm", "VirtualMachine", Map.of("fqdn", "page-" + u + ".example"), attrs()));
		ingest(snapshot("declared", "DELTA", Instant.now(), items, List.of()));
		String q = "query($f: CIFilter, $after: String) { cis(filter: $f, first: 3, after: $after) { totalCount "
				+ "pageInfo { hasNextPage endCursor } edges { cursor node { id name class } } } }";
		Map<String, Object> filter = Map.of("nameContains", "PAGE-" + u + "-", "class", "Application");
		List<String> names = new ArrayList<>();
		String after = null;
		int pages = 0;
		do {
			JsonNode c = data(q, "f", filter, "after", after).get("cis");
			assertThat(c.get("totalCount").asInt()).isEqualTo(7);
			c.get("edges").forEach(e -> names.add(e.get("node").get("name").asString()));
			after = c.get("pageInfo").get("hasNextPage").asBoolean() ? c.get("pageInfo").get("endCursor").asString() : null;
			pages++;
		}
		while (after != null);
		assertThat(pages).isEqualTo(3);
		assertThat(names).hasSize(7).doesNotHaveDuplicates();
		// a class filter includes subclasses
		JsonNode hosts = data(q, "f", Map.of("class", "Host", "name", "page-" + u + ".example"), "after", null).get("cis");
		assertThat(hosts.get("edges").get(0).get("node").get("class").asString()).isEqualTo("VirtualMachine");
		JsonNode bad = graphql("{ cis(first: 100000) { totalCount } }", Map.of());
		assertThat(bad.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("PAGE_SIZE_EXCEEDED");
		JsonNode unknown = graphql("{ cis(filter: {class: \"Nope\"}) { totalCount } }", Map.of());
		assertThat(unknown.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("UNKNOWN_CLASS");
		assertThat(data("{ ci(id: \"no-such\") { id } }").get("ci").isNull()).isTrue();
	}

	@Test
	void rulesAndClassesAreReadable() {
		JsonNode d = data("{ classes { name parent labels identification } sources { name staleAfter insertAllowed } authorityRules { class attribute sources } }");
		assertThat(texts(d.get("classes"), "name")).contains("Host", "Server", "Pod", "RedundancyGroup", "CloudAccount");
		assertThat(texts(d.get("sources"), "name")).contains("host-agent*", "servicenow*");
		assertThat(d.get("authorityRules").size()).isGreaterThan(1);
	}

}
