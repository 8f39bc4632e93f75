package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.fedcmdb.FedcmdbApplication;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two stateless fedcmdb instances on one Neo4j, as in a scaled-out deployment: the shared test server and a second,
 * real application started against the first one's database over Bolt. Three sources post rounds of snapshots about
 * the same servers through both instances at once; both instances' workers apply them. The writer lease in the
 * database must leave no duplicate CI and no lost update.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiInstanceIntegrationTests extends IntegrationTestSupport {

	private static final int SERVERS = 150;

	private static final int ROUNDS = 8;

	@Autowired
	private Neo4jConnectionDetails neo4j;

	private ConfigurableApplicationContext second;

	private int secondPort;

	@BeforeAll
	void startSecondInstance() throws Exception {
		second = new SpringApplicationBuilder(FedcmdbApplication.class).run("--server.port=0",
				"--spring.neo4j.uri=" + neo4j.getUri(), "--spring.neo4j.authentication.username=neo4j",
				"--spring.neo4j.authentication.password=" + BOLT_PASSWORD, "--spring.quartz.scheduler-name=second-instance",
				"--fedcmdb.data-dir=" + Files.createTempDirectory("fedcmdb-second"),
				"--fedcmdb.discovery.host-on-start=false", "--fedcmdb.security.tokens[0].name=test-admin",
				// the same scheduled agent as the shared instance: the cluster must run each fire once
				"--fedcmdb.scheduling.agents[0].name=lab-scan", "--fedcmdb.scheduling.agents[0].type=network",
				"--fedcmdb.scheduling.agents[0].source=nmap-lab", "--fedcmdb.scheduling.agents[0].cron=0/4 * * * * ?",
				"--fedcmdb.scheduling.agents[0].settings.file=" + resourcePath("fixtures/nmap/libnmap_full_sudo6.xml"),
				"--fedcmdb.scheduling.agents[0].settings.targets=192.168.1.0/24",
				"--fedcmdb.security.tokens[0].secret=" + ADMIN_TOKEN, "--fedcmdb.security.tokens[0].roles[0]=ADMIN");
		secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	void stopSecondInstance() {
		if (second != null) {
			second.close();
		}
	}

	@Test
	void eachScheduledFireRunsOnOneInstanceOnly() {
		long from = System.currentTimeMillis();
		sleep(13_000); // three fires or more of the 4-second schedule, on both instances' Quartz
		List<org.neo4j.driver.Record> fires = driver.executableQuery("""
				MATCH (r:AgentRun {agent: 'lab-scan'}) WHERE r.scheduledAt >= $from
				RETURN r.scheduledAt AS at, count(*) AS runs""").withParameters(Map.of("from", from)).execute().records();
		assertThat(fires).hasSizeGreaterThanOrEqualTo(2);
		assertThat(fires).allSatisfy(f -> assertThat(f.get("runs").asInt()).as("runs of the fire at %s", f.get("at"))
			.isEqualTo(1));
		// both instances fired: the cluster's claims were contended, and lost ones skipped
		double skipped = skipped(get("/actuator/prometheus").body()) + skipped(secondMetrics());
		assertThat(skipped).isGreaterThanOrEqualTo(1);
	}

	private String secondMetrics() {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secondPort + "/actuator/prometheus"))
				.header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double skipped(String metrics) {
		return metrics.lines().filter(l -> l.startsWith("fedcmdb_scheduled_fires_total{") && l.contains("job=\"agent:lab-scan\"")
				&& l.contains("outcome=\"skipped\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Test
	void concurrentSourcesThroughTwoInstancesLoseNothingAndDuplicateNothing() throws Exception {
		String u = unique();
		List<String> sources = List.of("host-agent-mi", "terraform-mi", "manual-mi");
		List<String> keys = List.of("roundA", "roundB", "roundC");
		ExecutorService pool = Executors.newFixedThreadPool(sources.size());
		List<Future<List<String>>> posted = new ArrayList<>();
		Instant base = Instant.now().minusSeconds(600);
		for (int s = 0; s < sources.size(); s++) {
			int src = s;
			int instancePort = src == 0 ? port : secondPort;
			posted.add(pool.submit(() -> {
				List<String> ids = new ArrayList<>();
				for (int round = 0; round < ROUNDS; round++) {
					List<Object> items = new ArrayList<>();
					for (int i = 0; i < SERVERS; i++) {
						items.add(item("s" + i, "Server", Map.of("serialNumber", "MI-" + u + "-" + i),
								attrs("name", "mi-" + u + "-" + i, keys.get(src), round)));
					}
					Map<String, Object> snapshot = snapshot(sources.get(src), "DELTA",
							base.plusSeconds(round * 10L + src), items, List.of());
					ids.add(postTo(instancePort, snapshot));
				}
				return ids;
			}));
		}
		List<String> ids = new ArrayList<>();
		for (Future<List<String>> f : posted) {
			ids.addAll(f.get());
		}
		pool.shutdown();
		for (String id : ids) {
			awaitSnapshot(id);
		}

		assertThat(count("MATCH (c:CI) WHERE c.name STARTS WITH $p RETURN count(c)", Map.of("p", "mi-" + u)))
			.as("one CI per server, whichever instance applied which snapshot")
			.isEqualTo(SERVERS);
		try (var session = driver.session()) {
			var rows = session.run("MATCH (c:CI) WHERE c.name STARTS WITH $p RETURN c.attributes AS a, c.sourceNames AS s",
					Map.of("p", "mi-" + u)).list();
			for (var row : rows) {
				JsonNode attributes = Json.MAPPER.readTree(row.get("a").asString());
				assertThat(row.get("s").asList(v -> v.asString())).containsAll(sources);
				for (String key : keys) {
					assertThat(attributes.path(key).asInt(-1)).as("last round of %s in %s", key, attributes)
						.isEqualTo(ROUNDS - 1);
				}
			}
			assertThat(session.run("MATCH (l:WriterLease {name: 'ingest'}) RETURN count(l)").single().get(0).asLong())
				.isEqualTo(1);
		}
	}

	private String postTo(int instancePort, Map<String, Object> snapshot) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instancePort + "/api/v1/snapshots"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + ADMIN_TOKEN)
			.POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(snapshot)))
			.build();
		HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
		return Json.MAPPER.readTree(r.body()).get("snapshotId").asString();
	}

}
