package org.fedcmdb.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.FedcmdbApplication;
import org.fedcmdb.graph.Json;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A running fedcmdb with the bundled sample estate, on its own embedded database and a random port, for the browser
 * tests: the page is tested against a real server as an operator would start it, not against the shared test context.
 */
final class ConsoleServer implements AutoCloseable {

	static final String ADMIN = "console-admin-secret-0123456789";

	static final String READER = "console-reader-secret-0123456789";

	static final String CAB = "console-cab-secret-0123456789";

	static final String PIPELINE = "console-pipeline-secret-0123456789";

	static final String ALERTS = "console-alerts-secret-0123456789";

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	final String base;

	ConsoleServer() throws Exception {
		List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
				"--spring.quartz.scheduler-name=console-tests",
				"--fedcmdb.data-dir=" + Files.createTempDirectory("fedcmdb-console"),
				"--fedcmdb.discovery.host-on-start=false", "--fedcmdb.discovery.sample-estate=true",
				"--fedcmdb.embedded.page-cache-bytes=67108864"));
		String[][] tokens = { { "console-admin", ADMIN, "ADMIN" }, { "console-reader", READER, "READ" },
				{ "console-cab", CAB, "READ,CHANGE_APPROVER" }, { "console-pipeline", PIPELINE, "READ,INGEST" },
				{ "console-alerts", ALERTS, "ALERTS" } };
		for (int i = 0; i < tokens.length; i++) {
			String prefix = "--fedcmdb.security.tokens[" + i + "].";
			args.add(prefix + "name=" + tokens[i][0]);
			args.add(prefix + "secret=" + tokens[i][1]);
			args.add(prefix + "roles=" + tokens[i][2]);
		}
		context = new SpringApplicationBuilder(FedcmdbApplication.class).run(args.toArray(String[]::new));
		base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	/** Runs a query with a token; fails on errors. */
	JsonNode data(String token, String query, Map<String, Object> variables) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		JsonNode r = Json.MAPPER.readTree(send(token, "/graphql", Json.MAPPER.writeValueAsString(body)).body());
		if (r.has("errors")) {
			throw new AssertionError(r.toString());
		}
		return r.get("data");
	}

	HttpResponse<String> send(String token, String path, String json) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Posts a snapshot and waits until it is applied. */
	void ingest(Map<String, Object> snapshot) throws Exception {
		HttpResponse<String> r = send(ADMIN, "/api/v1/snapshots", Json.MAPPER.writeValueAsString(snapshot));
		if (r.statusCode() != 202) {
			throw new AssertionError(r.statusCode() + " " + r.body());
		}
		String id = Json.MAPPER.readTree(r.body()).get("snapshotId").asString();
		long deadline = System.currentTimeMillis() + 120_000;
		while (System.currentTimeMillis() < deadline) {
			HttpResponse<String> s = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/snapshots/" + id))
				.header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
			JsonNode doc = Json.MAPPER.readTree(s.body());
			String status = doc.get("status").asString();
			if (status.equals("COMPLETED")) {
				if (doc.path("counts").has("REJECTED")) {
					throw new AssertionError("items rejected: " + s.body().substring(0, Math.min(2000, s.body().length())));
				}
				return;
			}
			if (status.equals("FAILED")) {
				throw new AssertionError(s.body());
			}
			Thread.sleep(50);
		}
		throw new AssertionError("snapshot " + id + " not applied in time");
	}

	/** The id of the one CI with this name, waiting for it to appear (the sample estate loads after start). */
	String idOf(String name) throws Exception {
		long deadline = System.currentTimeMillis() + 60_000;
		while (System.currentTimeMillis() < deadline) {
			JsonNode edges = data(ADMIN, "query($n: String) { cis(filter: {name: $n}) { edges { node { id } } } }",
					Map.of("n", name)).get("cis").get("edges");
			if (edges.size() == 1) {
				return edges.get(0).get("node").get("id").asString();
			}
			Thread.sleep(100);
		}
		throw new AssertionError("no CI named " + name);
	}

	static Map<String, Object> item(String ref, String className, Map<String, ?> identifiers, Map<String, ?> attributes) {
		return Map.of("ref", ref, "class", className, "identifiers", identifiers, "attributes", attributes);
	}

	static Map<String, Object> snapshot(String source, List<?> items, List<?> relationships) {
		return Map.of("source", source, "mode", "DELTA", "collectedAt", java.time.Instant.now().toString(), "items",
				items, "relationships", relationships);
	}

	@Override
	public void close() {
		context.close();
	}

}
