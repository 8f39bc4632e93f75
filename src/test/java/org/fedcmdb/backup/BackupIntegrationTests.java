package org.fedcmdb.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.fedcmdb.FedcmdbApplication;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Backup and restore: the shared server exported over HTTP, imported into a second, empty server, and the same
 * answers on both, CI by CI, relationship by relationship, history, merged ids, a runtime token and the blast radius
 * of a hypervisor. Refused imports (not an export, a cut file, a reader's token, a server that is not empty) change
 * nothing.
 */
class BackupIntegrationTests extends IntegrationTestSupport {

	static final String CI = """
			query($id: ID!) { ci(id: $id) { id name class status criticality owner supportGroup firstSeen lastSeen
			  identifiers { key values } attributes mergedIds
			  provenance { attribute value source observedAt reason rule candidates { source value observedAt stale withdrawn } }
			  sources { source scope firstSeen lastSeen stale withdrawn withdrawnAt snapshotId }
			  out: relationships(direction: OUTGOING) { type sources since ci { id } }
			  in: relationships(direction: INCOMING) { type sources since ci { id } } }
			  history(ciId: $id, first: 100) { id at kind field oldValue newValue source snapshotId detail } }""";

	@Test
	void anExportImportedIntoAnEmptyServerGivesTheSameAnswers() throws Exception {
		String u = unique();
		Map<String, String> ids = estate(u);
		String merged = ids.remove("merged");
		String secret = data("mutation($n: String!) { createToken(name: $n, roles: [READ]) { secret } }", "n", "bk-" + u)
			.get("createToken").get("secret").asString();
		byte[] export = export();
		try (ConfigurableApplicationContext target = startEmptyServer()) {
			int targetPort = Integer.parseInt(target.getEnvironment().getProperty("local.server.port"));
			// refused imports first: each leaves the empty server empty
			assertThat(importInto(targetPort, ADMIN_TOKEN, "not an export".getBytes())).contains("NOT_AN_EXPORT");
			assertThat(importInto(targetPort, ADMIN_TOKEN, withoutFooter(export))).contains("TRUNCATED_EXPORT");
			assertThat(importInto(targetPort, ADMIN_TOKEN, rewritten(export, t -> t.replaceFirst("\n", "\n{\"n\": [}\n"))))
				.contains("INVALID_EXPORT").contains("line 2");
			assertThat(importInto(targetPort, ADMIN_TOKEN, rewritten(export, t -> t.replaceFirst("\"version\":1",
					"\"version\":99")))).contains("UNSUPPORTED_EXPORT_VERSION");
			assertThat(importInto(targetPort, ADMIN_TOKEN, rewritten(export, BackupIntegrationTests::withARepeatedNode)))
				.contains("DUPLICATE_EXPORT_ID");
			assertThat(importInto(targetPort, READ_TOKEN, export)).contains("FORBIDDEN");
			assertThat(ciCount(targetPort)).isZero();
			JsonNode done = Json.MAPPER.readTree(importInto(targetPort, ADMIN_TOKEN, export));
			assertThat(done.get("nodes").asLong()).isPositive();
			for (String id : ids.values()) {
				assertThat(on(targetPort, ADMIN_TOKEN, CI, Map.of("id", id))).as("CI %s", id)
					.isEqualTo(on(port, ADMIN_TOKEN, CI, Map.of("id", id)));
			}
			String blast = "query($id: ID!) { blastRadius(ciIds: [$id]) { totalImpacted impacted { depth state ci { id } } "
					+ "impactedServices { ci { id } } edges { from to type } } }";
			assertThat(on(targetPort, ADMIN_TOKEN, blast, Map.of("id", ids.get("hv"))))
				.isEqualTo(on(port, ADMIN_TOKEN, blast, Map.of("id", ids.get("hv"))));
			assertThat(on(targetPort, ADMIN_TOKEN, "query($id: ID!) { ci(id: $id) { id } }", Map.of("id", merged))
				.get("ci").get("id").asString()).as("a merged id resolves to its survivor").isEqualTo(ids.get("vm1"));
			assertThat(on(targetPort, secret, "{ viewer { name } }", Map.of()).get("viewer").get("name").asString())
				.as("a runtime token, stored as its hash").isEqualTo("bk-" + u);
			assertThat(on(targetPort, ADMIN_TOKEN, "{ registeredChanges { ticketId } }", Map.of()).toString())
				.contains("CHG-" + u);
			assertThat(importInto(targetPort, ADMIN_TOKEN, export)).contains("IMPORT_TARGET_NOT_EMPTY");
		}
	}

	/** A hypervisor with two VMs, an application on one, a service on the application; two sources; a merge. */
	private Map<String, String> estate(String u) {
		Instant now = Instant.now();
		JsonNode s = ingest(snapshot("manual-bk" + u, "DELTA", now.minusSeconds(60), List.of(
				item("hv", "Hypervisor", Map.of("serialNumber", "BK-HV-" + u), attrs("name", "bk-hv-" + u, "os", "ESXi")),
				item("vm1", "VirtualMachine", Map.of("serialNumber", "BK-VM1-" + u), attrs("name", "bk-vm1-" + u)),
				item("vm2", "VirtualMachine", Map.of("serialNumber", "BK-VM2-" + u), attrs("name", "bk-vm2-" + u, "cpus", 4)),
				item("app", "Application", Map.of("name", "bk-app-" + u), attrs("version", "1.2", "ratio", 1.0)),
				item("svc", "ApplicationService", Map.of("name", "bk-svc-" + u), attrs("criticality", 1))),
				List.of(rel("HOSTED_ON", "vm1", "hv"), rel("HOSTED_ON", "vm2", "hv"), rel("RUNS_ON", "app", "vm1"),
						rel("DEPENDS_ON", "svc", "app"))));
		JsonNode other = ingest(snapshot("nmap-bk" + u, "DELTA", now.minusSeconds(30), List.of(
				item("vm", "VirtualMachine", Map.of("fqdn", "bk-vm1-" + u + ".example"), attrs("os", "Linux"))), List.of()));
		Map<String, String> ids = new LinkedHashMap<>();
		for (String ref : List.of("hv", "vm1", "vm2", "app", "svc")) {
			ids.put(ref, ciId(s, ref));
		}
		String dup = ciId(other, "vm");
		data("mutation($s: ID!, $m: [ID!]!) { mergeCis(survivorId: $s, mergedIds: $m, reason: \"same VM\") { id } }",
				"s", ids.get("vm1"), "m", List.of(dup));
		data("mutation($c: [ID!]!, $t: String!, $a: DateTime!, $b: DateTime!) { registerChange(input: {ticketId: $t, "
				+ "ciIds: $c, plannedStart: $a, plannedEnd: $b}) { id } }", "c", List.of(ids.get("hv")), "t", "CHG-" + u,
				"a", now.plusSeconds(3600).toString(), "b", now.plusSeconds(7200).toString());
		ids.put("merged", dup);
		return ids;
	}

	private byte[] export() throws IOException, InterruptedException {
		HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri("/api/v1/admin/export"))
			.header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.headers().firstValue("Content-Type")).hasValue("application/gzip");
		return r.body();
	}

	/**
	 * A CI's node line twice (a node with a unique key: the import merges the repetition onto the node it just created,
	 * which must still be undone), and a footer that counts it twice: only the ids tell.
	 */
	private static String withARepeatedNode(String text) {
		List<String> lines = new ArrayList<>(List.of(text.split("\n")));
		int ci = 1;
		while (!lines.get(ci).contains("\"CI\"")) {
			ci++;
		}
		lines.add(ci + 1, lines.get(ci));
		String footer = lines.get(lines.size() - 1);
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"nodes\":(\\d+)").matcher(footer);
		assertThat(m.find()).as(footer).isTrue();
		lines.set(lines.size() - 1, m.replaceFirst("\"nodes\":" + (Long.parseLong(m.group(1)) + 1)));
		return String.join("\n", lines) + "\n";
	}

	private static byte[] withoutFooter(byte[] export) throws IOException {
		// every line but the footer
		return rewritten(export, text -> text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1));
	}

	private static byte[] rewritten(byte[] export, java.util.function.UnaryOperator<String> change) throws IOException {
		String text = new String(new GZIPInputStream(new java.io.ByteArrayInputStream(export)).readAllBytes(),
				StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(change.apply(text).getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

	private ConfigurableApplicationContext startEmptyServer() throws IOException {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.quartz.scheduler-name=backup-target",
				"--fedcmdb.data-dir=" + Files.createTempDirectory("fedcmdb-restore"), "--fedcmdb.discovery.host-on-start=false",
				"--fedcmdb.embedded.page-cache-bytes=67108864", "--fedcmdb.security.tokens[0].name=test-admin",
				"--fedcmdb.security.tokens[0].secret=" + ADMIN_TOKEN, "--fedcmdb.security.tokens[0].roles=ADMIN",
				"--fedcmdb.security.tokens[1].name=test-reader", "--fedcmdb.security.tokens[1].secret=" + READ_TOKEN,
				"--fedcmdb.security.tokens[1].roles=READ"));
		return new SpringApplicationBuilder(FedcmdbApplication.class).run(args.toArray(String[]::new));
	}

	private String importInto(int targetPort, String as, byte[] body) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + "/api/v1/admin/import"))
			.header("Authorization", "Bearer " + as).header("Content-Type", "application/gzip")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private long ciCount(int targetPort) throws IOException, InterruptedException {
		return on(targetPort, ADMIN_TOKEN, "{ cis(first: 0) { totalCount } }", Map.of()).get("cis").get("totalCount").asLong();
	}

	private JsonNode on(int serverPort, String as, String query, Map<String, Object> variables)
			throws IOException, InterruptedException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/graphql"))
			.header("Authorization", "Bearer " + as).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body))).build(),
				HttpResponse.BodyHandlers.ofString());
		JsonNode n = Json.MAPPER.readTree(r.body());
		assertThat(n.get("errors")).as(r.body()).isNull();
		return n.get("data");
	}

}
