package org.fedcmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The one shared application context of the integration tests: a real server on a random port with a real embedded
 * Neo4j in a temporary directory. Tests talk to it over real HTTP and keep out of each other's way by giving their
 * CIs unique names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTestSupport {

	static final Path DATA_DIR;

	/** The Terraform state the scheduled "team-state" agent reads; tests replace or break it. */
	protected static final Path STATE_FILE;

	static {
		try {
			DATA_DIR = Files.createTempDirectory("fedcmdb-it");
			STATE_FILE = Files.createTempDirectory("fedcmdb-state").resolve("terraform.tfstate");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("fedcmdb.data-dir", DATA_DIR::toString);
		registry.add("fedcmdb.discovery.host-on-start", () -> "false");
		registry.add("fedcmdb.embedded.page-cache-bytes", () -> "134217728");
		// waiting edges settled two per round, so that a few forward refs or look-ups take several rounds
		registry.add("fedcmdb.ingest.settle-batch", () -> "2");
		registry.add("fedcmdb.ingest.pending-batch", () -> "2");
		// a chunk's CIs and edges written a few per transaction, so that every test's chunk takes several
		registry.add("fedcmdb.ingest.write-batch", () -> "2");
		registry.add("fedcmdb.ingest.edge-batch", () -> "3");
		// a known Bolt password so that a second instance can join this one's database (otherwise one per start)
		registry.add("fedcmdb.embedded.bolt-password", () -> BOLT_PASSWORD);
		// webhooks: receivers run on this machine; the retry schedule compressed to seconds
		registry.add("fedcmdb.events.allowed-targets", () -> "127.0.0.1");
		registry.add("fedcmdb.events.retry-schedule", () -> "0s,300ms,1s,2s,3s");
		registry.add("fedcmdb.events.timeout", () -> "2s");
		registry.add("fedcmdb.events.disable-after", () -> "2");
		registry.add("fedcmdb.events.delivery-poll", () -> "100ms");
		registry.add("fedcmdb.security.tokens[0].name", () -> "test-admin");
		registry.add("fedcmdb.security.tokens[0].secret", () -> ADMIN_TOKEN);
		registry.add("fedcmdb.security.tokens[0].roles[0]", () -> "ADMIN");
		registry.add("fedcmdb.security.tokens[1].name", () -> "test-reader");
		registry.add("fedcmdb.security.tokens[1].secret", () -> READ_TOKEN);
		registry.add("fedcmdb.security.tokens[1].roles[0]", () -> "READ");
		registry.add("fedcmdb.security.tokens[2].name", () -> "test-nmap");
		registry.add("fedcmdb.security.tokens[2].secret", () -> NMAP_TOKEN);
		registry.add("fedcmdb.security.tokens[2].roles[0]", () -> "INGEST");
		registry.add("fedcmdb.security.tokens[2].sources[0]", () -> "nmap*");
		registry.add("fedcmdb.security.tokens[3].name", () -> "test-alertmanager");
		registry.add("fedcmdb.security.tokens[3].secret", () -> ALERTS_TOKEN);
		registry.add("fedcmdb.security.tokens[3].roles[0]", () -> "ALERTS");
		registry.add("fedcmdb.security.tokens[4].name", () -> "test-responder");
		registry.add("fedcmdb.security.tokens[4].secret", () -> RESPONDER_TOKEN);
		registry.add("fedcmdb.security.tokens[4].roles", () -> "READ,RESPONDER");
		registry.add("fedcmdb.security.tokens[5].name", () -> "test-cab");
		registry.add("fedcmdb.security.tokens[5].secret", () -> CAB_TOKEN);
		registry.add("fedcmdb.security.tokens[5].roles", () -> "READ,CHANGE_APPROVER");
		registry.add("fedcmdb.security.tokens[6].name", () -> "test-pipeline");
		registry.add("fedcmdb.security.tokens[6].secret", () -> PIPELINE_TOKEN);
		registry.add("fedcmdb.security.tokens[6].roles", () -> "READ,INGEST,CHANGE_APPROVER");
		registry.add("fedcmdb.changes.github.secret", () -> GITHUB_SECRET);
		registry.add("fedcmdb.changes.github.api-url", () -> "http://127.0.0.1:" + GITHUB_PORT);
		registry.add("fedcmdb.changes.github.token", () -> "ghs_test_installation_token");
		registry.add("fedcmdb.changes.github.callback-poll", () -> "300ms");
		registry.add("fedcmdb.changes.github.repositories[0].name", () -> "acme/reporting");
		registry.add("fedcmdb.changes.github.repositories[0].targets[0]", () -> "Application:uid=gh-reporting-app");
		registry.add("fedcmdb.changes.github.repositories[1].name", () -> "acme/infra");
		registry.add("fedcmdb.changes.github.repositories[1].targets[0]", () -> "Hypervisor:serialNumber=GH-HV-1");
		registry.add("fedcmdb.scheduling.agents[0].name", () -> "lab-scan");
		registry.add("fedcmdb.scheduling.agents[0].type", () -> "network");
		registry.add("fedcmdb.scheduling.agents[0].source", () -> "nmap-lab");
		registry.add("fedcmdb.scheduling.agents[0].cron", () -> "0/4 * * * * ?");
		registry.add("fedcmdb.scheduling.agents[0].settings.file", () -> resourcePath("fixtures/nmap/libnmap_full_sudo6.xml"));
		registry.add("fedcmdb.scheduling.agents[0].settings.targets", () -> "192.168.1.0/24");
		registry.add("fedcmdb.scheduling.agents[1].name", () -> "team-state");
		registry.add("fedcmdb.scheduling.agents[1].type", () -> "terraform");
		registry.add("fedcmdb.scheduling.agents[1].source", () -> "terraform-team");
		registry.add("fedcmdb.scheduling.agents[1].settings.file", () -> STATE_FILE.toString());
		registry.add("fedcmdb.impact.blackouts[0].name", () -> "year-end freeze");
		registry.add("fedcmdb.impact.blackouts[0].start", () -> "2030-12-20T00:00:00Z");
		registry.add("fedcmdb.impact.blackouts[0].end", () -> "2031-01-05T00:00:00Z");
	}

	protected static final HttpClient http = HttpClient.newHttpClient();

	protected static final String BOLT_PASSWORD = "test-bolt-secret-0123456789";

	protected static final String ADMIN_TOKEN = "test-admin-secret-0123456789";

	protected static final String READ_TOKEN = "test-reader-secret-0123456789";

	protected static final String NMAP_TOKEN = "test-nmap-ingest-0123456789";

	protected static final String ALERTS_TOKEN = "test-alerts-secret-0123456789";

	protected static final String RESPONDER_TOKEN = "test-responder-secret-0123456789";

	protected static final String GITHUB_SECRET = "test-github-webhook-secret";

	/** Where the GitHub stand-in listens (chosen before the context starts, which points callbacks at it). */
	protected static final int GITHUB_PORT = freePort();

	private static int freePort() {
		try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
			return s.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected static final String CAB_TOKEN = "test-cab-secret-0123456789";

	protected static final String PIPELINE_TOKEN = "test-pipeline-secret-0123456789";

	/** The token the helpers send; tests of access control switch it. */
	protected String token = ADMIN_TOKEN;

	protected static String resourcePath(String resource) {
		try {
			return Path.of(IntegrationTestSupport.class.getClassLoader().getResource(resource).toURI()).toString();
		}
		catch (java.net.URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected Driver driver;

	@Autowired
	private org.quartz.Scheduler scheduler;

	protected static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	protected URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	protected HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
		try {
			HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
			if (contentType != null) {
				b.header("Content-Type", contentType);
			}
			for (int i = 0; i < headers.length; i += 2) {
				b.header(headers[i], headers[i + 1]);
			}
			if (token != null) {
				b.header("Authorization", "Bearer " + token);
			}
			return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected HttpResponse<String> get(String path) {
		try {
			HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
			if (token != null) {
				b.header("Authorization", "Bearer " + token);
			}
			return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Posts a snapshot, expects 202, waits until it is applied and returns its status document. */
	protected JsonNode ingest(Map<String, Object> snapshot) {
		HttpResponse<String> r = post("/api/v1/snapshots", "application/json", Json.MAPPER.writeValueAsBytes(snapshot));
		assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
		String id = Json.MAPPER.readTree(r.body()).get("snapshotId").asString();
		return awaitSnapshot(id);
	}

	/** Opens a chunked, complete FULL snapshot of {@code source} in scope "s"; returns its id. */
	protected String openChunked(String source) {
		Map<String, Object> open = snapshot(source, "FULL", java.time.Instant.now(), List.of(), List.of());
		open.put("chunked", true);
		open.put("complete", true);
		open.put("scope", "s");
		HttpResponse<String> r = post("/api/v1/snapshots", "application/json", Json.MAPPER.writeValueAsBytes(open));
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		return Json.MAPPER.readTree(r.body()).get("snapshotId").asString();
	}

	/** Posts one chunk to an open snapshot and expects 202. */
	protected void postChunk(String id, List<?> items, List<?> rels) {
		HttpResponse<String> r = post("/api/v1/snapshots/" + id + "/chunks", "application/json",
				Json.MAPPER.writeValueAsBytes(Map.of("items", items, "relationships", rels)));
		assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
	}

	/** Seals a chunked snapshot and waits until it is applied; returns its status document. */
	protected JsonNode completeChunked(String id) {
		assertThat(post("/api/v1/snapshots/" + id + "/complete", "application/json", new byte[0]).statusCode())
			.isEqualTo(202);
		return awaitSnapshot(id);
	}

	protected JsonNode awaitSnapshot(String id) {
		long deadline = System.currentTimeMillis() + 60_000;
		while (true) {
			JsonNode s = Json.MAPPER.readTree(get("/api/v1/snapshots/" + id).body());
			String status = s.get("status").asString();
			if (status.equals("COMPLETED") || status.equals("FAILED")) {
				assertThat(status).as(s.toString()).isEqualTo("COMPLETED");
				return s;
			}
			assertThat(System.currentTimeMillis()).as("snapshot %s still %s", id, status).isLessThan(deadline);
			sleep(20);
		}
	}

	/** The answer is {@code status} with the error {@code code}. */
	protected static void assertCode(HttpResponse<String> r, int status, String code) {
		assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
		assertThat(Json.MAPPER.readTree(r.body()).get("code").asString()).as(r.body()).isEqualTo(code);
	}

	protected static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Runs a GraphQL query over HTTP and returns the whole response ({@code data} and {@code errors}). */
	protected JsonNode graphql(String query, Map<String, Object> variables) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		HttpResponse<String> r = post("/graphql", "application/json", Json.MAPPER.writeValueAsBytes(body));
		assertThat(r.statusCode()).as(r.body()).isIn(200, 400);
		return Json.MAPPER.readTree(r.body());
	}

	protected JsonNode data(String query, Object... vars) {
		Map<String, Object> variables = new LinkedHashMap<>();
		for (int i = 0; i < vars.length; i += 2) {
			variables.put((String) vars[i], vars[i + 1]);
		}
		JsonNode r = graphql(query, variables);
		assertThat(r.get("errors")).as(r.toString()).isNull();
		return r.get("data");
	}

	// --------------------------------------------------------------------------- snapshot building

	protected static Map<String, Object> snapshot(String source, String mode, Instant collectedAt, List<?> items,
			List<?> relationships) {
		Map<String, Object> s = new LinkedHashMap<>();
		s.put("source", source);
		s.put("mode", mode);
		s.put("collectedAt", collectedAt.toString());
		s.put("items", items);
		s.put("relationships", relationships);
		return s;
	}

	protected static Map<String, Object> item(String ref, String className, Map<String, ?> identifiers,
			Map<String, ?> attributes) {
		Map<String, Object> i = new LinkedHashMap<>();
		i.put("ref", ref);
		i.put("class", className);
		i.put("identifiers", identifiers);
		i.put("attributes", attributes);
		return i;
	}

	protected static Map<String, Object> rel(String type, Object from, Object to) {
		return Map.of("type", type, "from", from, "to", to);
	}

	protected static Map<String, Object> lookup(String className, Map<String, ?> identifiers) {
		return Map.of("class", className, "identifiers", identifiers);
	}

	protected static Map<String, Object> attrs(Object... kv) {
		Map<String, Object> m = new LinkedHashMap<>();
		for (int i = 0; i < kv.length; i += 2) {
			m.put((String) kv[i], kv[i + 1]);
		}
		return m;
	}

	protected static String ciId(JsonNode status, String ref) {
		for (JsonNode r : status.get("results")) {
			if (ref.equals(r.path("ref").asString(null)) && r.get("kind").asString().equals("item")) {
				return r.path("ciId").asString(null);
			}
		}
		throw new AssertionError("no result for ref " + ref + " in " + status);
	}

	protected static JsonNode result(JsonNode status, String kind, int index) {
		for (JsonNode r : status.get("results")) {
			if (r.get("kind").asString().equals(kind) && r.get("index").asInt() == index) {
				return r;
			}
		}
		throw new AssertionError("no " + kind + " result " + index + " in " + status);
	}

	protected JsonNode ci(String id) {
		return data("query($id: ID!) { ci(id: $id) { id name class status attributes mergedIds "
				+ "identifiers { key values } sources { source stale } "
				+ "provenance { attribute value source reason rule candidates { source value stale } } "
				+ "out: relationships(direction: OUTGOING) { type ci { id name } sources } "
				+ "in: relationships(direction: INCOMING) { type ci { id name } sources } } }", "id", id).get("ci");
	}

	/**
	 * Runs {@code body} with the shared server's scheduled agents paused and its ingestion queue drained first: for a
	 * test that compares store-wide figures or needs the edge epoch to stand still (the agents post every few seconds).
	 */
	protected void whileAgentsPaused(Runnable body) {
		try {
			scheduler.standby();
			awaitIngestionIdle();
			body.run();
		}
		catch (org.quartz.SchedulerException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			try {
				scheduler.start();
			}
			catch (org.quartz.SchedulerException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Snapshots other test classes posted may still be applied in the background, completing edges that waited; a test
	 * that compares figures or depends on the edge epoch standing still waits until nothing is queued.
	 */
	protected void awaitIngestionIdle() {
		long deadline = System.currentTimeMillis() + 120_000;
		while (count("RETURN CASE WHEN EXISTS { MATCH (c:SnapshotChunk {state: 'QUEUED'}) } OR EXISTS { MATCH (s:Snapshot) "
				+ "WHERE s.status IN ['QUEUED', 'PROCESSING'] AND s.sealed = true } THEN 1 ELSE 0 END", Map.of()) > 0) {
			assertThat(System.currentTimeMillis()).as("the ingestion queue drains").isLessThan(deadline);
			sleep(200);
		}
	}

	protected long count(String cypher, Map<String, Object> params) {
		try (var s = driver.session()) {
			return s.run(cypher, params).single().get(0).asLong();
		}
	}

	protected static List<String> texts(JsonNode array, String field) {
		List<String> out = new ArrayList<>();
		array.forEach(n -> out.add(n.get(field).asString()));
		return out;
	}

	protected static Duration days(long n) {
		return Duration.ofDays(n);
	}

}
