package org.fedcmdb.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, with {@code amtool}) as the peer: it is
 * started with a webhook receiver pointing at the running server with a bearer token, alerts are fired with
 * {@code amtool alert add}, and the incident, its probable cause and priority are asserted; then the alerts are ended
 * and the incident must resolve. Skips with a message where the binaries are missing.
 */
class AlertmanagerIntegrationTests extends IntegrationTestSupport {

	private Process alertmanager;

	private Path dir;

	private String last;

	@AfterEach
	void stop() throws Exception {
		if (alertmanager != null) {
			alertmanager.destroy();
			alertmanager.waitFor();
		}
	}

	static Path binary(String... names) {
		for (String name : names) {
			for (String d : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
				Path p = Path.of(d, name);
				if (Files.isExecutable(p)) {
					return p;
				}
			}
		}
		return null;
	}

	@Test
	void alertsFiredWithAmtoolBecomeOneCorrelatedIncidentThatResolves() throws Exception {
		Path am = binary("prometheus-alertmanager", "alertmanager");
		Path amtool = binary("amtool");
		Assumptions.assumeTrue(am != null && amtool != null,
				"prometheus-alertmanager and amtool are not installed (apt-get install prometheus-alertmanager); skipping the real-peer test");
		String u = unique();
		JsonNode s = ingest(snapshot("declared", "DELTA", Instant.now(), List.of(
				item("svc", "BusinessService", Map.of("name", "Checkout " + u), attrs("criticality", 1)),
				item("hv", "Hypervisor", Map.of("serialNumber", "AMHV-" + u), attrs("name", "amhv-" + u, "supportGroup", "virt-oncall")),
				item("vm", "VirtualMachine", Map.of("fqdn", "amvm-" + u + ".example"), attrs("name", "amvm-" + u)),
				item("app", "Application", Map.of("uid", "amapp-" + u), attrs("name", "amapp-" + u))),
				List.of(rel("HOSTED_ON", "vm", "hv"), rel("RUNS_ON", "app", "vm"), rel("DEPENDS_ON", "svc", "app"))));
		String hv = null;
		for (JsonNode r : s.get("results")) {
			if (r.get("kind").asString().equals("item") && r.get("ref").asString().equals("hv")) {
				hv = r.get("ciId").asString();
			}
		}
		int amPort = freePort();
		start(am, amPort);
		String url = "http://127.0.0.1:" + amPort;
		amtool(amtool, url, "add", "HypervisorDown", "cmdb_ci=" + hv, "severity=critical", "test=" + u,
				"--annotation=summary=hypervisor amhv-" + u + " is down");
		amtool(amtool, url, "add", "HostDown", "instance=amvm-" + u + ".example:9100", "severity=warning", "test=" + u);
		String hvId = hv;
		JsonNode incident = await("an incident caused by the hypervisor", () -> {
			JsonNode nodes = data("{ incidents(status: OPEN, first: 200) { nodes { id priority alertCount assignmentGroup "
					+ "probableCause { id } cis { id name } } } }").get("incidents").get("nodes");
			last = nodes.toString();
			for (JsonNode i : nodes) {
				if (!i.get("probableCause").isNull() && i.get("probableCause").get("id").asString().equals(hvId)
						&& i.get("alertCount").asInt() == 2) {
					return i;
				}
			}
			return null;
		});
		assertThat(incident.get("priority").asString()).isEqualTo("P1");
		assertThat(incident.get("assignmentGroup").asString()).isEqualTo("virt-oncall");
		// end both alerts: Alertmanager sends them resolved (send_resolved), the incident resolves
		String end = Instant.now().toString();
		amtool(amtool, url, "add", "HypervisorDown", "cmdb_ci=" + hv, "severity=critical", "test=" + u, "--end=" + end,
				"--annotation=summary=hypervisor amhv-" + u + " is down");
		amtool(amtool, url, "add", "HostDown", "instance=amvm-" + u + ".example:9100", "severity=warning", "test=" + u,
				"--end=" + end);
		String id = incident.get("id").asString();
		JsonNode resolved = await("the incident resolved", () -> {
			JsonNode i = data("query($id: ID!) { incident(id: $id) { status openAlertCount alerts { status source } } }", "id", id)
				.get("incident");
			return i.get("status").asString().equals("RESOLVED") ? i : null;
		});
		assertThat(resolved.get("openAlertCount").asInt()).isZero();
		assertThat(resolved.get("alerts").findValuesAsString("status")).containsOnly("RESOLVED");
		assertThat(resolved.get("alerts").findValuesAsString("source")).containsOnly("alertmanager");
	}

	private void start(Path am, int amPort) throws Exception {
		dir = Files.createTempDirectory("alertmanager");
		Files.writeString(dir.resolve("alertmanager.yml"), """
				route:
				  receiver: fedcmdb
				  group_by: ['alertname']
				  group_wait: 1s
				  group_interval: 1s
				  repeat_interval: 1h
				receivers:
				  - name: fedcmdb
				    webhook_configs:
				      - url: http://127.0.0.1:%d/api/v1/alerts/alertmanager
				        send_resolved: true
				        http_config:
				          authorization:
				            type: Bearer
				            credentials: %s
				""".formatted(port, ALERTS_TOKEN));
		alertmanager = new ProcessBuilder(am.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
				"--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + amPort,
				"--cluster.listen-address=", "--log.level=debug").redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile())
			.start();
		await("Alertmanager ready", () -> {
			try {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + amPort + "/-/ready"))
					.build(), HttpResponse.BodyHandlers.ofString());
				return r.statusCode() == 200 ? r : null;
			}
			catch (IOException ex) {
				return null;
			}
		});
	}

	private void amtool(Path amtool, String url, String... args) throws Exception {
		List<String> cmd = new ArrayList<>(List.of(amtool.toString(), "alert", "--alertmanager.url=" + url));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor()).as("amtool %s: %s", String.join(" ", args), out).isZero();
	}

	private interface Probe<T> {

		T get() throws Exception;

	}

	private <T> T await(String what, Probe<T> probe) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (true) {
			T t = probe.get();
			if (t != null) {
				return t;
			}
			assertThat(System.nanoTime()).as("waiting for %s (last seen %s; Alertmanager log: %s)", what, last,
					dir == null || !Files.exists(dir.resolve("alertmanager.log")) ? "-"
							: Files.readString(dir.resolve("alertmanager.log"))).isLessThan(deadline);
			sleep(200);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

}
