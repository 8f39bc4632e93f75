package org.fedcmdb.changes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.agents.change.ChangeCli;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline adapters: the {@code fedcmdb-change} command line's exit codes against the running server, and the
 * GitHub deployment protection rule flow end to end against a WireMock stand-in of GitHub's API (signature checked,
 * decision posted to the callback, a CAB decision hours later still reaching it).
 */
class PipelineAdaptersIntegrationTests extends IntegrationTestSupport {

	record Run(int exit, String out, String err) {
	}

	Run cli(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = ChangeCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void theCommandLineExitsZeroOneTwoThreeOrFour() throws Exception {
		String u = unique();
		ingest(snapshot("declared", "DELTA", Instant.now(), List.of(
				item("app", "Application", Map.of("uid", "cli-app-" + u), attrs("name", "cli-app-" + u)),
				item("hv", "Hypervisor", Map.of("serialNumber", "CLI-HV-" + u), attrs("name", "cli-hv-" + u))), List.of()));
		Path tokenFile = Files.createTempFile("token", "");
		Files.writeString(tokenFile, PIPELINE_TOKEN + "\n");
		String server = "http://127.0.0.1:" + port;
		Run approved = cli("request", "--server", server, "--token-file", tokenFile.toString(), "--title", "deploy cli-app",
				"--target", "Application:uid=cli-app-" + u, "--environment", "production", "--provider", "gitlab", "--wait", "5s");
		assertThat(approved.exit()).as(approved.out() + approved.err()).isZero();
		assertThat(approved.out()).startsWith("APPROVED STANDARD change chg_").contains("application-deployment");
		String id = approved.out().split(" ")[3];
		assertThat(cli("start", id, "--server", server, "--token-file", tokenFile.toString()).exit()).isZero();
		Run completed = cli("complete", id, "--outcome", "SUCCESSFUL", "--server", server, "--token-file", tokenFile.toString());
		assertThat(completed.exit()).isZero();
		assertThat(completed.out()).startsWith("COMPLETED");
		Run pending = cli("request", "--server", server, "--token", PIPELINE_TOKEN, "--title", "patch hv", "--target",
				"Hypervisor:serialNumber=CLI-HV-" + u, "--wait", "2s");
		assertThat(pending.exit()).as(pending.out() + pending.err()).isEqualTo(3);
		assertThat(pending.out()).startsWith("PENDING").contains("[cab]");
		Run rejected = cli("request", "--server", server, "--token", PIPELINE_TOKEN, "--title", "deploy in the freeze",
				"--target", "Application:uid=cli-app-" + u, "--start", "2030-12-24T10:00:00Z", "--end", "+1h");
		assertThat(rejected.exit()).as(rejected.out() + rejected.err()).isEqualTo(1);
		assertThat(rejected.out()).contains("[blackout]").contains("year-end freeze");
		Run usage = cli("request", "--server", server, "--token", PIPELINE_TOKEN, "--target", "x");
		assertThat(usage.exit()).isEqualTo(2);
		assertThat(usage.err()).contains("--title is required");
		Run refused = cli("request", "--server", server, "--token", PIPELINE_TOKEN, "--title", "t", "--target", "no-such-ci-" + u);
		assertThat(refused.exit()).isEqualTo(2);
		assertThat(refused.err()).contains("UNKNOWN_TARGET");
		Run unreachable = cli("request", "--server", "http://127.0.0.1:1", "--token", "x", "--title", "t", "--target", "x");
		assertThat(unreachable.exit()).isEqualTo(4);
	}

	@Test
	void githubAsksBeforeDeployingAndHearsTheDecisionAtOnceOrAfterCab() throws Exception {
		WireMockServer github = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").port(GITHUB_PORT));
		github.start();
		try {
			github.stubFor(WireMock.post(urlPathMatching("/repos/acme/.*/actions/runs/.*/deployment_protection_rule"))
				.willReturn(aResponse().withStatus(204)));
			ingest(snapshot("declared", "DELTA", Instant.now(), List.of(
					item("app", "Application", Map.of("uid", "gh-reporting-app"), attrs("name", "gh-reporting-app")),
					item("hv", "Hypervisor", Map.of("serialNumber", "GH-HV-1"), attrs("name", "gh-hv-1"))), List.of()));
			// a forged event is refused and records nothing
			String forged = event("acme/reporting", "11");
			HttpResponse<String> bad = deliver(forged, "sha256=" + "00".repeat(32));
			assertThat(bad.statusCode()).isEqualTo(401);
			assertThat(Json.MAPPER.readTree(bad.body()).get("code").asString()).isEqualTo("INVALID_SIGNATURE");
			// a standard deployment: approved at once, GitHub told
			HttpResponse<String> ok = deliver(event("acme/reporting", "11"), null);
			assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
			assertThat(Json.MAPPER.readTree(ok.body()).get("status").asString()).isEqualTo("APPROVED");
			JsonNode approved = callback(github, "/repos/acme/reporting/actions/runs/11/deployment_protection_rule");
			assertThat(approved.get("state").asString()).isEqualTo("approved");
			assertThat(approved.get("environment_name").asString()).isEqualTo("production");
			assertThat(approved.get("comment").asString()).contains("APPROVED (STANDARD)").contains("[change-model]");
			// infrastructure: pending, then CAB approves, then GitHub is told
			HttpResponse<String> infra = deliver(event("acme/infra", "12"), null);
			String id = Json.MAPPER.readTree(infra.body()).get("changeId").asString();
			assertThat(Json.MAPPER.readTree(infra.body()).get("status").asString()).isEqualTo("PENDING");
			Thread.sleep(1000);
			assertThat(github.findAll(WireMock.postRequestedFor(urlPathMatching(".*/runs/12/.*")))).isEmpty();
			token = CAB_TOKEN;
			data("mutation($id: ID!) { rejectChange(id: $id, comment: \"not during quarter close\") { status } }", "id", id);
			token = ADMIN_TOKEN;
			JsonNode rejected = callback(github, "/repos/acme/infra/actions/runs/12/deployment_protection_rule");
			assertThat(rejected.get("state").asString()).isEqualTo("rejected");
			assertThat(rejected.get("comment").asString()).contains("not during quarter close");
			assertThat(github.findAll(WireMock.postRequestedFor(urlPathMatching(".*")))
				.get(0).getHeader("Authorization")).isEqualTo("Bearer ghs_test_installation_token");
			// an unmapped repository is a coded error
			HttpResponse<String> unknown = deliver(event("acme/unknown", "13"), null);
			assertThat(Json.MAPPER.readTree(unknown.body()).get("code").asString()).isEqualTo("UNKNOWN_REPOSITORY");
		}
		finally {
			github.stop();
		}
	}

	JsonNode callback(WireMockServer github, String path) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (true) {
			var found = github.findAll(WireMock.postRequestedFor(WireMock.urlPathEqualTo(path)));
			if (!found.isEmpty()) {
				return Json.MAPPER.readTree(found.get(0).getBodyAsString());
			}
			assertThat(System.nanoTime()).as("waiting for the callback to %s", path).isLessThan(deadline);
			sleep(100);
		}
	}

	/** A deployment_protection_rule event as GitHub sends it. */
	String event(String repo, String run) {
		return Json.write(Map.of("action", "requested", "environment", "production", "event", "push",
				"sha", "0123456789abcdef0123456789abcdef01234567", "ref", "refs/heads/main",
				"deployment_callback_url", "http://127.0.0.1:" + GITHUB_PORT + "/repos/" + repo + "/actions/runs/" + run
						+ "/deployment_protection_rule",
				"deployment", Map.of("id", 1234, "sha", "0123456789abcdef0123456789abcdef01234567", "environment", "production",
						"url", "http://127.0.0.1:" + GITHUB_PORT + "/repos/" + repo + "/deployments/1234"),
				"repository", Map.of("full_name", repo), "installation", Map.of("id", 42)));
	}

	HttpResponse<String> deliver(String body, String signature) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(GITHUB_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String sig = signature != null ? signature
				: "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		return http.send(HttpRequest.newBuilder(uri(GithubDeploymentProtection.PATH)).header("Content-Type", "application/json")
			.header("X-GitHub-Event", "deployment_protection_rule").header("X-GitHub-Delivery", java.util.UUID.randomUUID().toString())
			.header("X-Hub-Signature-256", sig).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
