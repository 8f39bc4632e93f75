package org.fedcmdb.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * CMDB health against known defects added to the shared estate: the figures move by exactly what was added (the
 * estate of the other tests stays as it is between the two computations).
 */
class HealthIntegrationTests extends IntegrationTestSupport {

	static final String HEALTH = """
			mutation { refreshHealth { computedAt totalCis duplicateCandidates pendingEdges pendingEdgesOldestSince
			  duplicateSample { name sharedIdentifier cis { id name class } }
			  classes { class total active stale retired required complete completeness missing { attribute cis }
			            withStaleSource compliance }
			  sources { source registeredAs staleAfter assertions stale withdrawn lastReportAt silent }
			  orphans { class missingTypes count sample { id } } } }""";

	@org.springframework.beans.factory.annotation.Autowired
	org.fedcmdb.catalogue.ClassCatalogue catalogue;

	@Test
	void figuresMoveByTheDefectsAdded() {
		// store-wide figures: the scheduled agents' snapshots would move them between the two computations
		whileAgentsPaused(this::figuresMove);
	}

	private void figuresMove() {
		String u = unique();
		// a server before the first computation, so that the figures compared exist (the test alone starts empty)
		ingest(snapshot("manual-h0" + u, "DELTA", Instant.now(), List.of(
				item("s0", "Server", Map.of("serialNumber", "H0-" + u), attrs("name", "h0-" + u, "os", "Linux"))), List.of()));
		JsonNode before = data(HEALTH).get("refreshHealth");
		// two complete servers and one without its OS; an appliance seen as a server and as a network device
		ingest(snapshot("manual-h" + u, "DELTA", Instant.now(), List.of(
				item("s1", "Server", Map.of("serialNumber", "H1-" + u), attrs("name", "h1-" + u, "os", "Linux")),
				item("s2", "Server", Map.of("serialNumber", "H2-" + u), attrs("name", "h2-" + u, "os", "Linux")),
				item("s3", "Server", Map.of("serialNumber", "H3-" + u), attrs("name", "h3-" + u)),
				item("d1", "Server", Map.of("fqdn", "dup-" + u + ".example"), attrs("name", "dup-" + u, "os", "Linux")),
				item("d2", "NetworkDevice", Map.of("fqdn", "dup-" + u + ".example"), attrs("name", "dup-" + u)),
				item("o1", "Application", Map.of("name", "orphan-" + u), attrs())),
				List.of(rel("DEPENDS_ON", "s1", lookup("Server", Map.of("serialNumber", "NOT-YET-" + u))))));
		// a scanner that last reported 8 days ago, past its 7-day window
		ingest(snapshot("nmap-h" + u, "DELTA", Instant.now().minus(Duration.ofDays(8)), List.of(
				item("n1", "Server", Map.of("serialNumber", "H1-" + u), attrs("os", "Linux 6"))), List.of()));
		JsonNode after = data(HEALTH).get("refreshHealth");

		assertThat(after.get("totalCis").asInt() - before.get("totalCis").asInt()).isEqualTo(6);
		JsonNode serverBefore = classOf(before, "Server");
		JsonNode server = classOf(after, "Server");
		assertThat(server.get("required").get(0).asString()).isEqualTo("os");
		assertThat(delta(server, serverBefore, "total")).isEqualTo(4);
		assertThat(delta(server, serverBefore, "complete")).isEqualTo(3);
		assertThat(missing(server, "os") - missing(serverBefore, "os")).isEqualTo(1);
		assertThat(delta(server, serverBefore, "withStaleSource")).as("the nmap assertion is past its window").isEqualTo(1);
		assertThat(server.get("completeness").asDouble()).isEqualTo(
				(double) server.get("complete").asInt() / (server.get("active").asInt() + server.get("stale").asInt()));

		assertThat(after.get("duplicateCandidates").asInt() - before.get("duplicateCandidates").asInt()).isEqualTo(1);
		JsonNode orphansBefore = orphansOf(before, "Application");
		JsonNode orphans = orphansOf(after, "Application");
		assertThat(orphans.get("count").asInt() - (orphansBefore == null ? 0 : orphansBefore.get("count").asInt())).isEqualTo(1);
		assertThat(orphans.get("missingTypes").get(0).asString()).isEqualTo("RUNS_ON");
		assertThat(after.get("pendingEdges").asInt() - before.get("pendingEdges").asInt()).isEqualTo(1);
		assertThat(after.get("pendingEdgesOldestSince").isNull()).isFalse();

		JsonNode nmap = sourceOf(after, "nmap-h" + u);
		assertThat(nmap.get("registeredAs").asString()).isEqualTo("nmap*");
		assertThat(nmap.get("stale").asInt()).isEqualTo(1);
		assertThat(nmap.get("silent").asBoolean()).isTrue();
		JsonNode manual = sourceOf(after, "manual-h" + u);
		assertThat(manual.get("assertions").asInt()).isEqualTo(6);
		assertThat(manual.get("silent").asBoolean()).isFalse();

		// the same figures as Prometheus metrics
		String metrics = get("/actuator/prometheus").body();
		assertThat(metrics).contains("fedcmdb_cis{class=\"Server\",status=\"ACTIVE\"}")
			.contains("fedcmdb_health_completeness{class=\"Server\"}")
			.contains("fedcmdb_health_compliance{class=\"Server\"}")
			.contains("fedcmdb_health_duplicate_candidates ")
			.contains("fedcmdb_source_silent{source=\"nmap-h" + u + "\"} 1.0")
			.contains("fedcmdb_pending_edges ");
		// a series per dependent class, whether or not it has orphans (0 then, not "no data")
		assertThat(catalogue.all().stream().filter(org.fedcmdb.catalogue.CiClass::isScoped)).isNotEmpty()
			.allSatisfy(c -> assertThat(metrics).contains("fedcmdb_health_orphans{class=\"" + c.name() + "\"}"));
	}

	@Test
	void aReadTokenReadsHealthButCannotForceAComputation() {
		String u = unique();
		ingest(snapshot("manual-r" + u, "DELTA", Instant.now(), List.of(
				item("s", "Server", Map.of("serialNumber", "R-" + u), attrs("name", "r-" + u))), List.of()));
		data(HEALTH);
		token = READ_TOKEN;
		try {
			assertThat(data("{ health { computedAt totalCis } }").get("health").get("totalCis").asInt()).isPositive();
			JsonNode refused = graphql("mutation { refreshHealth { totalCis } }", Map.of());
			assertThat(refused.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
		}
		finally {
			token = ADMIN_TOKEN;
		}
	}

	private static JsonNode classOf(JsonNode health, String cls) {
		for (JsonNode c : health.get("classes")) {
			if (c.get("class").asString().equals(cls)) {
				return c;
			}
		}
		throw new AssertionError("no class " + cls + " in " + health);
	}

	private static JsonNode orphansOf(JsonNode health, String cls) {
		for (JsonNode c : health.get("orphans")) {
			if (c.get("class").asString().equals(cls)) {
				return c;
			}
		}
		return null;
	}

	private static JsonNode sourceOf(JsonNode health, String source) {
		for (JsonNode s : health.get("sources")) {
			if (s.get("source").asString().equals(source)) {
				return s;
			}
		}
		throw new AssertionError("no source " + source);
	}

	private static int delta(JsonNode after, JsonNode before, String field) {
		return after.get(field).asInt() - before.get(field).asInt();
	}

	private static int missing(JsonNode cls, String attribute) {
		for (JsonNode m : cls.get("missing")) {
			if (m.get("attribute").asString().equals(attribute)) {
				return m.get("cis").asInt();
			}
		}
		return 0;
	}

}
