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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.fedcmdb.events.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * The real server as a separate JVM, killed with SIGKILL repeatedly (4 rounds; 100 with -Psoak) while agents post snapshots concurrently, and
 * restarted on the same data dir each time. Every snapshot that was acknowledged with 202 must end up applied, exactly
 * once (one CI per reported host, never two), and no CI may be left half-written (without its provenance or keys).
 * A webhook subscription to a receiver in this JVM runs through the kills: every CI's ci.created event must reach it
 * at least once, signed, a re-delivery carrying the same webhook-id and body.
 */
class CrashRecoveryIntegrationTests {

	static final String TOKEN = "crash-test-admin-0123456789";

	static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path tmp;

	record Acked(String snapshotId, List<String> names) {
	}

	@Test
	void killedRepeatedlyMidIngestEveryAcknowledgedSnapshotIsAppliedExactlyOnce() throws Exception {
		Path data = tmp.resolve("data");
		List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
		java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
		List<String> torn = Collections.synchronizedList(new ArrayList<>());
		WebhookReceiver receiver = WebhookReceiver.start(0);
		receiver.requireSecret = true;
		String secret = null;
		// 4 rounds in the default suite, 100 in the soak profile (-Psoak): each is a server start and a SIGKILL
		int rounds = Integer.getInteger("crash.rounds", 4);
		for (int round = 0; round < rounds; round++) {
			int port = ServerLifecycleIntegrationTests.freePort();
			Process server = start(port, data, tmp.resolve("round" + round + ".log"));
			ServerLifecycleIntegrationTests.waitForHealth(port, server, tmp.resolve("round" + round + ".log"));
			if (secret == null) {
				secret = subscribe(port, receiver.url());
				receiver.verifyWith = secret;
			}
			AtomicBoolean stop = new AtomicBoolean();
			ExecutorService posters = Executors.newFixedThreadPool(4);
			int r = round;
			for (int p = 0; p < 3; p++) {
				int poster = p;
				posters.submit(() -> post(port, r, poster, stop, acked));
			}
			posters.submit(() -> read(port, stop, reads, torn));
			Thread.sleep(ThreadLocalRandom.current().nextLong(1_500, 4_000));
			server.destroyForcibly(); // SIGKILL
			server.waitFor(30, TimeUnit.SECONDS);
			stop.set(true);
			posters.shutdown();
			posters.awaitTermination(30, TimeUnit.SECONDS);
		}
		assertThat(acked).hasSizeGreaterThan(rounds);
		assertThat(reads.get()).as("reads answered while the posters wrote").isPositive();
		assertThat(torn).as("CIs read half-written (no name or no source)").isEmpty();
		int port = ServerLifecycleIntegrationTests.freePort();
		Process server = start(port, data, tmp.resolve("final.log"));
		try {
			ServerLifecycleIntegrationTests.waitForHealth(port, server, tmp.resolve("final.log"));
			for (Acked a : acked) {
				awaitCompleted(port, a.snapshotId());
			}
			assertEveryCreationDelivered(receiver, acked);
		}
		finally {
			server.destroy();
			assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
			receiver.stop();
		}
		DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(data)
			.setConfig(BoltConnector.enabled, false)
			.setConfig(org.neo4j.configuration.connectors.BoltConnectorInternalSettings.enable_local_connector, false)
			.build();
		try {
			GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
			List<String> names = acked.stream().flatMap(a -> a.names().stream()).toList();
			long[] counts = db.executeTransactionally("UNWIND $names AS n OPTIONAL MATCH (c:CI {name: n}) "
					+ "WITH n, count(c) AS k RETURN sum(CASE WHEN k = 1 THEN 1 ELSE 0 END) AS one, "
					+ "sum(CASE WHEN k = 0 THEN 1 ELSE 0 END) AS missing, sum(CASE WHEN k > 1 THEN 1 ELSE 0 END) AS dup",
					Map.of("names", names), r -> {
						var row = r.next();
						return new long[] { ((Number) row.get("one")).longValue(), ((Number) row.get("missing")).longValue(),
								((Number) row.get("dup")).longValue() };
					});
			assertThat(counts[1]).as("acknowledged hosts missing").isZero();
			assertThat(counts[2]).as("hosts applied twice").isZero();
			assertThat(counts[0]).isEqualTo(names.size());
			long halfWritten = db.executeTransactionally("MATCH (c:CI) WHERE NOT (c)<-[:ASSERTS]-(:Assertion) "
					+ "OR NOT (c)<-[:IDENTIFIES]-(:IdKey) OR c.attributes IS NULL RETURN count(c) AS n", Map.of(),
					r -> ((Number) r.next().get("n")).longValue());
			assertThat(halfWritten).as("half-written CIs").isZero();
			long orphans = db.executeTransactionally("MATCH (a:Assertion) WHERE NOT (a)-[:ASSERTS]->(:CI) RETURN count(a) AS n",
					Map.of(), r -> ((Number) r.next().get("n")).longValue());
			assertThat(orphans).isZero();
			// the figures the README quotes for the soak (written on every run; the soak's are the ones kept)
			java.nio.file.Files.writeString(Path.of("target/crash-figures.txt"), String.format(
					"rounds=%d acknowledgedSnapshots=%d hosts=%d appliedOnce=%d missing=%d appliedTwice=%d reads=%d "
							+ "tornReads=%d halfWrittenCis=%d orphanAssertions=%d%n",
					rounds, acked.size(), names.size(), counts[0], counts[1], counts[2], reads.get(), torn.size(),
					halfWritten, orphans));
		}
		finally {
			dbms.shutdown();
		}
	}

	private static String subscribe(int port, String url) throws Exception {
		String q = "mutation($in: SubscriptionInput!) { createSubscription(input: $in) { secret } }";
		byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("query", q, "variables",
				Map.of("in", Map.of("url", url, "types", List.of("ci.created"), "maxBatch", 20))));
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
		return Json.MAPPER.readTree(r.body()).get("data").get("createSubscription").get("secret").asString();
	}

	/** Every acknowledged host's ci.created reached the receiver (at least once); duplicates are the same message. */
	private static void assertEveryCreationDelivered(WebhookReceiver receiver, List<Acked> acked) throws Exception {
		java.util.Set<String> expected = new java.util.HashSet<>();
		acked.forEach(a -> expected.addAll(a.names()));
		long deadline = System.currentTimeMillis() + 120_000;
		java.util.Set<String> seen = new java.util.HashSet<>();
		Map<String, String> bodyById = new java.util.HashMap<>();
		int checked = 0;
		while (true) {
			List<WebhookReceiver.Received> got = List.copyOf(receiver.received);
			for (WebhookReceiver.Received req : got.subList(checked, got.size())) {
				assertThat(req.verification()).as("signature checked on arrival").isNull();
				String previous = bodyById.putIfAbsent(req.header("webhook-id"), req.body());
				if (previous != null) {
					assertThat(req.body()).as("a re-delivery is the same message").isEqualTo(previous);
				}
				Json.MAPPER.readTree(req.body()).get("events")
					.forEach(e -> seen.add(e.get("subject").get("name").asString()));
			}
			checked = got.size();
			if (seen.containsAll(expected)) {
				return;
			}
			assertThat(System.currentTimeMillis()).as("ci.created not delivered for %d hosts",
					expected.stream().filter(n -> !seen.contains(n)).count()).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	/**
	 * A reader beside the posters until the kill: every CI it is shown must be whole (a name and a source), whatever
	 * moment of a write it lands on; refused or cut connections are the kill, not a finding.
	 */
	private static void read(int port, AtomicBoolean stop, java.util.concurrent.atomic.AtomicInteger reads, List<String> torn) {
		byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("query",
				"{ cis(first: 200, filter: {nameContains: \"crash-\"}) { edges { node { id name sources { source } } } } }"));
		while (!stop.get()) {
			try {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
					.header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
					.timeout(java.time.Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
						HttpResponse.BodyHandlers.ofString());
				JsonNode data = r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).get("data") : null;
				if (data != null && data.hasNonNull("cis")) {
					reads.incrementAndGet();
					for (JsonNode e : data.get("cis").get("edges")) {
						JsonNode ci = e.get("node");
						if (ci.get("name").isNull() || ci.get("sources").isEmpty()) {
							torn.add(ci.toString());
						}
					}
				}
			}
			catch (Exception killed) {
				// the server is being killed, or starting
			}
		}
	}

	private static void post(int port, int round, int poster, AtomicBoolean stop, List<Acked> acked) {
		for (int n = 0; !stop.get() && n < 1000; n++) {
			List<String> names = new ArrayList<>();
			List<Object> items = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				String name = "crash-r" + round + "-p" + poster + "-s" + n + "-i" + i + ".example";
				names.add(name);
				items.add(Map.of("ref", "h" + i, "class", "Server", "identifiers", Map.of("fqdn", name),
						"attributes", Map.of("round", round)));
			}
			byte[] body = Json.MAPPER.writeValueAsBytes(Map.of("source", "declared", "mode", "DELTA", "items", items));
			try {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/snapshots"))
					.timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 202) {
					acked.add(new Acked(Json.MAPPER.readTree(r.body()).get("snapshotId").asString(), names));
				}
			}
			catch (IOException | InterruptedException | RuntimeException ex) {
				return; // the server was killed: no answer means not acknowledged
			}
		}
	}

	private static void awaitCompleted(int port, String id) throws Exception {
		long deadline = System.currentTimeMillis() + 120_000;
		while (true) {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
					+ "/api/v1/snapshots/" + id + "?limit=0")).header("Authorization", "Bearer " + TOKEN).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(r.statusCode()).as("acknowledged snapshot %s lost: %s", id, r.body()).isEqualTo(200);
			JsonNode s = Json.MAPPER.readTree(r.body());
			if (s.get("status").asString().equals("COMPLETED")) {
				return;
			}
			assertThat(s.get("status").asString()).isNotEqualTo("FAILED");
			assertThat(System.currentTimeMillis()).as("snapshot %s still %s", id, s.get("status")).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	static Process start(int port, Path data, Path log) throws IOException {
		return ServerLifecycleIntegrationTests.start(port, data, log, "--fedcmdb.discovery.host-on-start=false",
				"--fedcmdb.security.tokens[0].name=crash", "--fedcmdb.security.tokens[0].secret=" + TOKEN,
				"--fedcmdb.security.tokens[0].roles[0]=ADMIN", "--fedcmdb.events.allowed-targets=127.0.0.1",
				"--fedcmdb.events.delivery-poll=200ms", "--fedcmdb.events.retry-schedule=0s,200ms,1s,2s");
	}

	static {
		// the checks open the store in this JVM once the server has stopped
		assertThat(Files.class).isNotNull();
	}

}
