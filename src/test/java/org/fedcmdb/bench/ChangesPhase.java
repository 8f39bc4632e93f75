package org.fedcmdb.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.fedcmdb.graph.Json;
import tools.jackson.databind.JsonNode;

/**
 * The change gate on the benchmark estate: decisions for a one-application deployment, and for a change touching
 * 1,000 CIs (random VMs: their blast radius, collisions, incidents and models), each timed end to end through
 * {@code POST /api/v1/changes}; decisions per second and latency p50/p99.
 */
final class ChangesPhase {

	private final int port;

	private final HttpClient http;

	private final EstateGenerator.Estate estate;

	private final Map<String, String> ids;

	ChangesPhase(int port, HttpClient http, EstateGenerator.Estate estate, Map<String, String> ids) {
		this.port = port;
		this.http = http;
		this.estate = estate;
		this.ids = ids;
	}

	Map<String, Object> run(long seed) throws Exception {
		Random rnd = new Random(seed);
		List<String> apps = estate.cis().stream().filter(c -> c.className().equals("Application")).map(c -> ids.get(c.ref())).toList();
		List<String> vms = new ArrayList<>(estate.cis().stream().filter(c -> c.className().equals("VirtualMachine"))
			.map(c -> ids.get(c.ref())).toList());
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("oneApplication", measure(100, i -> List.of(apps.get(rnd.nextInt(apps.size()))), i -> i));
		out.put("thousandCis", measure(20, i -> {
			Collections.shuffle(vms, rnd);
			return List.copyOf(vms.subList(0, 1000));
		}, i -> i));
		return out;
	}

	private Map<String, Object> measure(int n, java.util.function.IntFunction<List<String>> targets,
			java.util.function.IntUnaryOperator slot) throws Exception {
		List<Long> micros = new ArrayList<>();
		Map<String, Integer> decisions = new LinkedHashMap<>();
		long t0 = System.nanoTime();
		for (int i = 0; i < n; i++) {
			// windows a day apart: the requests of one round do not collide with each other
			Instant start = Instant.now().plusSeconds(86_400L * (slot.applyAsInt(i) + 1) + 3600);
			Map<String, Object> body = Map.of("title", "bench change " + i, "type", "STANDARD", "targets", targets.apply(i),
					"plannedStart", start.toString(), "plannedEnd", start.plusSeconds(1800).toString());
			long s = System.nanoTime();
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/changes"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)).build(),
					HttpResponse.BodyHandlers.ofString());
			micros.add((System.nanoTime() - s) / 1000);
			if (r.statusCode() != 201) {
				throw new IllegalStateException("change request answered " + r.statusCode() + ": " + r.body());
			}
			JsonNode c = Json.MAPPER.readTree(r.body());
			decisions.merge(c.get("status").asString(), 1, Integer::sum);
		}
		double secs = (System.nanoTime() - t0) / 1e9;
		Collections.sort(micros);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("requests", n);
		m.put("decisionsPerSecond", n / secs);
		m.put("p50Ms", micros.get(micros.size() / 2) / 1000.0);
		m.put("p99Ms", micros.get(Math.min(micros.size() - 1, (int) Math.ceil(0.99 * micros.size()) - 1)) / 1000.0);
		m.put("decisions", decisions);
		return m;
	}

}
