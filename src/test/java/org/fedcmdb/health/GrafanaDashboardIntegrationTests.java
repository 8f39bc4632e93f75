package org.fedcmdb.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard in docs/grafana queries only metrics this server exposes: after one of each thing the
 * dashboard watches has happened (a rejected item, an identification merge, a refused withdrawal, an alert opening an
 * incident, a change decision, a webhook delivery, an agent run, a health computation), every {@code fedcmdb_*} name in
 * every panel query is on {@code /actuator/prometheus}.
 */
class GrafanaDashboardIntegrationTests extends IntegrationTestSupport {

	static final Path DASHBOARD = Path.of("docs", "grafana", "fedcmdb-dashboard.json");

	static final Pattern METRIC = Pattern.compile("\\bfedcmdb_[a-z_]+\\b");

	@Test
	void everyPanelQueryNamesAnExposedMetric() throws Exception {
		Set<String> wanted = metricsOfDashboard();
		assertThat(wanted).hasSizeGreaterThan(20);
		String subscription = happenOnceEach();
		long deadline = System.currentTimeMillis() + 60_000;
		Set<String> missing = new TreeSet<>(wanted);
		while (System.currentTimeMillis() < deadline) {
			Set<String> exposed = exposed();
			missing.removeIf(exposed::contains);
			if (missing.isEmpty()) {
				break;
			}
			sleep(500);
		}
		data("mutation($id: ID!) { deleteSubscription(id: $id) }", "id", subscription);
		assertThat(missing).as("dashboard metrics the server does not expose").isEmpty();
	}

	private static Set<String> metricsOfDashboard() throws Exception {
		JsonNode dashboard = Json.MAPPER.readTree(Files.readString(DASHBOARD));
		Set<String> names = new TreeSet<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				Matcher m = METRIC.matcher(target.get("expr").asString());
				while (m.find()) {
					names.add(m.group());
				}
			}
		}
		return names;
	}

	private Set<String> exposed() {
		Set<String> names = new TreeSet<>();
		for (String line : get("/actuator/prometheus").body().split("\n")) {
			if (!line.startsWith("#") && line.startsWith("fedcmdb_")) {
				names.add(line.split("[{ ]", 2)[0]);
			}
		}
		return names;
	}

	/** Makes each watched thing happen once; returns the webhook subscription it created. */
	private String happenOnceEach() {
		String u = unique();
		Instant now = Instant.now();
		// a rejected item, then two CIs one record proves to be one (an identification merge)
		ingest(snapshot("manual-g" + u, "DELTA", now.minusSeconds(30), List.of(
				item("x", "Spaceship", Map.of("name", "x"), attrs()),
				item("a", "Server", Map.of("serialNumber", "G-" + u), attrs("name", "g-" + u))), List.of()));
		ingest(snapshot("nmap-g" + u, "DELTA", now.minusSeconds(20), List.of(
				item("b", "Server", Map.of("fqdn", "g-" + u + ".example"), attrs())), List.of()));
		JsonNode proof = ingest(snapshot("terraform-g" + u, "DELTA", now.minusSeconds(10), List.of(item("c", "Server",
				Map.of("serialNumber", "G-" + u, "fqdn", "g-" + u + ".example"), attrs())), List.of()));
		assertThat(result(proof, "item", 0).get("operation").asString()).isEqualTo("MERGED");
		String server = ciId(proof, "c");
		// a FULL snapshot that would withdraw most of its scope: refused by the cap
		Map<String, Object> full = snapshot("nmap-w" + u, "FULL", now.minusSeconds(60), List.of(
				item("1", "Server", Map.of("fqdn", "w1-" + u + ".example"), attrs()),
				item("2", "Server", Map.of("fqdn", "w2-" + u + ".example"), attrs())), List.of());
		full.put("complete", true);
		ingest(full);
		Map<String, Object> empty = snapshot("nmap-w" + u, "FULL", now, List.of(), List.of());
		empty.put("complete", true);
		ingest(empty);
		// an alert on the server opens an incident
		token = ALERTS_TOKEN;
		try {
			var r = post("/api/v1/alerts/alertmanager", "application/json", Json.MAPPER.writeValueAsBytes(Map.of(
					"version", "4", "status", "firing", "receiver", "fedcmdb", "groupLabels", Map.of(), "commonLabels",
					Map.of(), "commonAnnotations", Map.of(), "externalURL", "http://am.example", "alerts", List.of(Map.of(
							"status", "firing", "labels", Map.of("alertname", "GrafanaProbe", "cmdb_ci", server),
							"annotations", Map.of(), "startsAt", now.toString(), "fingerprint", "g-" + u)))));
			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		}
		finally {
			token = ADMIN_TOKEN;
		}
		// a change decision, a webhook delivery attempt, a health computation
		token = PIPELINE_TOKEN;
		try {
			var r = post("/api/v1/changes", "application/json", Json.MAPPER.writeValueAsBytes(Map.of("title", "g-" + u,
					"type", "STANDARD", "targets", List.of(server), "plannedStart", now.plusSeconds(3600).toString(),
					"plannedEnd", now.plusSeconds(7200).toString())));
			assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		}
		finally {
			token = ADMIN_TOKEN;
		}
		String subscription = data("mutation($u: String!) { createSubscription(input: {url: $u, types: [\"ci.updated\"]}) "
				+ "{ subscription { id } } }", "u", "http://127.0.0.1:9/g-" + u).get("createSubscription").get("subscription")
			.get("id").asString();
		ingest(snapshot("manual-g" + u, "DELTA", Instant.now(), List.of(
				item("a", "Server", Map.of("serialNumber", "G-" + u), attrs("name", "g-" + u, "os", "Linux"))), List.of()));
		data("mutation { refreshHealth { totalCis } }");
		return subscription;
	}

}
