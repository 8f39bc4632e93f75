package org.fedcmdb.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.fedcmdb.graph.Json;
import tools.jackson.databind.JsonNode;

/**
 * Alerts through the Alertmanager receiver on the benchmark estate: steady traffic (alerts on random VMs by their
 * {@code instance} label, mapped by FQDN; notifications of 10 from 4 senders), then their resolution, then a storm (a
 * hypervisor and everything within two hops above it, several alerts each, 500 in all, shuffled, from 4 senders).
 * Reports alerts/s, notification latency p50/p99, incidents opened, and for the storm whether it stayed one incident
 * with the hypervisor as probable cause and how many incident events it published.
 */
final class AlertsPhase {

	private final int port;

	private final HttpClient http;

	private final EstateGenerator.Estate estate;

	private final Map<String, String> ids;

	AlertsPhase(int port, HttpClient http, EstateGenerator.Estate estate, Map<String, String> ids) {
		this.port = port;
		this.http = http;
		this.estate = estate;
		this.ids = ids;
	}

	Map<String, Object> run(long seed) throws Exception {
		Random rnd = new Random(seed);
		Map<String, Object> out = new LinkedHashMap<>();
		List<String> vms = new ArrayList<>(estate.cis().stream().filter(c -> c.className().equals("VirtualMachine"))
			.map(EstateGenerator.Ci::ref).toList());
		Collections.shuffle(vms, rnd);
		Instant t = Instant.now();
		List<Map<String, Object>> steady = new ArrayList<>();
		for (String vm : vms.subList(0, Math.min(2_000, vms.size()))) {
			steady.add(alert("firing", "steady-" + vm, t, "HostDown", "warning", "instance", vm + ".bench.example:9100"));
		}
		out.put("steady", send(steady, 10));
		List<Map<String, Object>> resolved = steady.stream().map(a -> {
			Map<String, Object> b = new LinkedHashMap<>(a);
			b.put("status", "resolved");
			b.put("endsAt", Instant.now().toString());
			return b;
		}).toList();
		out.put("resolution", send(resolved, 10));
		out.put("storm", storm(rnd));
		return out;
	}

	private Map<String, Object> storm(Random rnd) throws Exception {
		Map<String, Integer> hostedOn = new HashMap<>();
		estate.edges().stream().filter(e -> e.type().equals("HOSTED_ON") && e.to().startsWith("hv"))
			.forEach(e -> hostedOn.merge(e.to(), 1, Integer::sum));
		String hv = hostedOn.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		Set<String> level1 = new LinkedHashSet<>();
		estate.edges().stream().filter(e -> e.to().equals(hv)).forEach(e -> level1.add(e.from()));
		Set<String> above = new LinkedHashSet<>(level1);
		estate.edges().stream().filter(e -> (e.type().equals("RUNS_ON") || e.type().equals("HOSTED_ON")) && level1.contains(e.to()))
			.forEach(e -> above.add(e.from()));
		List<String> names = List.of("Down", "HighLatency", "ErrorRate", "Saturation", "Unreachable", "Restarting");
		Instant t = Instant.now();
		List<Map<String, Object>> alerts = new ArrayList<>();
		alerts.add(alert("firing", "storm-" + hv, t, "HypervisorDown", "critical", "cmdb_ci", ids.get(hv)));
		for (int round = 0; alerts.size() < 500 && round < names.size(); round++) {
			for (String ref : above) {
				if (alerts.size() == 500) {
					break;
				}
				alerts.add(alert("firing", "storm-" + names.get(round) + "-" + ref, t, names.get(round), "warning", "cmdb_ci",
						ids.get(ref)));
			}
		}
		Collections.shuffle(alerts, rnd);
		long cursor = Json.MAPPER.readTree(get("/api/v1/events?after=latest&limit=1")).get("last").asLong();
		Map<String, Object> m = send(alerts, 25);
		@SuppressWarnings("unchecked")
		Set<String> incidents = (Set<String>) m.remove("incidentIdSet");
		m.put("hypervisorDependentsAlerting", above.size());
		m.put("incidents", incidents.size());
		String causeOk = "no";
		if (incidents.size() == 1) {
			JsonNode inc = graphql("query($id: ID!) { incident(id: $id) { probableCause { id } alertCount priority } }",
					Map.of("id", incidents.iterator().next())).get("data").get("incident");
			causeOk = inc.get("probableCause").get("id").asString().equals(ids.get(hv)) ? "yes" : "no";
			m.put("priority", inc.get("priority").asString());
		}
		m.put("causeIsTheHypervisor", causeOk);
		int opened = 0;
		int updated = 0;
		JsonNode page;
		long after = cursor;
		do {
			page = Json.MAPPER.readTree(get("/api/v1/events?after=" + after + "&limit=1000&types=incident.opened,incident.updated"));
			for (JsonNode e : page.get("events")) {
				if (incidents.contains(e.get("data").get("incidentId").asString())) {
					if (e.get("type").asString().equals("incident.opened")) {
						opened++;
					}
					else {
						updated++;
					}
				}
			}
			after = page.get("next").asLong();
		}
		while (page.get("hasMore").asBoolean());
		m.put("incidentOpenedEvents", opened);
		m.put("incidentUpdatedEvents", updated);
		return m;
	}

	/** Sends the alerts in notifications of {@code per} from 4 threads; rate, latency percentiles, incidents. */
	private Map<String, Object> send(List<Map<String, Object>> alerts, int per) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		Set<String> incidents = ConcurrentHashMap.newKeySet();
		long t0 = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		int[] counts = new int[3];
		for (int i = 0; i < alerts.size(); i += per) {
			List<Map<String, Object>> group = alerts.subList(i, Math.min(alerts.size(), i + per));
			futures.add(pool.submit(() -> {
				long s = System.nanoTime();
				JsonNode r = post("/api/v1/alerts/alertmanager", notification(group));
				latencies.add((System.nanoTime() - s) / 1_000);
				r.get("incidentIds").forEach(x -> incidents.add(x.asString()));
				synchronized (counts) {
					counts[0] += r.get("incidentsOpened").asInt();
					counts[1] += r.get("unmapped").asInt();
					counts[2] += r.get("duplicates").asInt();
				}
				return null;
			}));
		}
		for (Future<?> f : futures) {
			f.get();
		}
		pool.shutdown();
		double secs = (System.nanoTime() - t0) / 1e9;
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("alerts", alerts.size());
		m.put("alertsPerNotification", per);
		m.put("seconds", secs);
		m.put("alertsPerSecond", alerts.size() / secs);
		m.put("notificationP50Ms", pct(sorted, 0.50) / 1000.0);
		m.put("notificationP99Ms", pct(sorted, 0.99) / 1000.0);
		m.put("incidentsOpened", counts[0]);
		m.put("unmapped", counts[1]);
		m.put("duplicates", counts[2]);
		m.put("incidentIdSet", incidents);
		return m;
	}

	private static long pct(List<Long> sorted, double p) {
		return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
	}

	private static Map<String, Object> alert(String status, String fingerprint, Instant t, String name, String severity,
			String label, String value) {
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("status", status);
		a.put("labels", Map.of("alertname", name, "severity", severity, label, value));
		a.put("annotations", Map.of("summary", name + " on " + value));
		a.put("startsAt", t.toString());
		a.put("endsAt", "0001-01-01T00:00:00Z");
		a.put("fingerprint", Integer.toHexString(fingerprint.hashCode()) + Integer.toHexString(fingerprint.length()));
		return a;
	}

	private static Map<String, Object> notification(List<Map<String, Object>> alerts) {
		return Map.of("version", "4", "status", "firing", "receiver", "fedcmdb", "groupKey", "{}", "alerts", alerts);
	}

	private JsonNode post(String path, Object body) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
		}
		return Json.MAPPER.readTree(r.body());
	}

	private String get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private JsonNode graphql(String query, Map<String, Object> variables) throws Exception {
		return post("/graphql", Map.of("query", query, "variables", variables));
	}

}
