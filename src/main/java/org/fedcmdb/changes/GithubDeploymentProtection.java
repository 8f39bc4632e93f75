package org.fedcmdb.changes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * GitHub's deployment protection rule as a custom protection rule app: GitHub POSTs a
 * {@code deployment_protection_rule} event signed with {@code X-Hub-Signature-256} (HMAC-SHA256 of the body with the
 * configured secret; a JDK {@link Mac}, as GitHub documents it), fedcmdb turns it into a change request for the
 * repository's configured targets and answers GitHub's {@code deployment_callback_url} with approved or rejected and
 * the reasons when decided (at once, or when CAB decides; see {@link GithubCallbacks}). Bearer tokens do not apply
 * here: the signature is the authentication.
 */
@RestController
class GithubDeploymentProtection {

	static final String PATH = "/api/v1/integrations/github/deployment-protection";

	private final ChangeProperties properties;

	private final ChangeGate gate;

	private final Driver driver;

	private final CypherCatalog cypher;

	GithubDeploymentProtection(ChangeProperties properties, ChangeGate gate, Driver driver, CypherCatalog cypher) {
		this.properties = properties;
		this.gate = gate;
		this.driver = driver;
		this.cypher = cypher;
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		ChangeProperties.Github gh = properties.github();
		if (gh == null || gh.secret() == null || gh.secret().isBlank()) {
			throw new ChangeException(404, "GITHUB_NOT_CONFIGURED", "set fedcmdb.changes.github.secret to receive GitHub events");
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(5 * 1024 * 1024 + 1);
		}
		if (body.length > 5 * 1024 * 1024) {
			throw new ChangeException(413, "PAYLOAD_TOO_LARGE", "GitHub sends at most 25 MB, we take 5 MB for this event");
		}
		verify(gh.secret(), body, request.getHeader("X-Hub-Signature-256"));
		String event = request.getHeader("X-GitHub-Event");
		if ("ping".equals(event)) {
			return ResponseEntity.ok(Map.of("pong", true));
		}
		if (!"deployment_protection_rule".equals(event)) {
			return ResponseEntity.accepted().body(Map.of("ignored", String.valueOf(event)));
		}
		JsonNode e = Json.MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
		String repo = e.path("repository").path("full_name").asString(null);
		String environment = e.path("environment").asString(null);
		String callback = e.path("deployment_callback_url").asString(null);
		if (repo == null || environment == null || callback == null) {
			throw new ChangeException(400, "INVALID_EVENT", "a deployment_protection_rule event has repository.full_name, "
					+ "environment and deployment_callback_url");
		}
		if (!callback.startsWith(gh.apiUrl().replaceAll("/+$", "") + "/")) {
			throw new ChangeException(400, "INVALID_EVENT", "deployment_callback_url is not on " + gh.apiUrl());
		}
		ChangeProperties.Repository r = gh.repositories().stream().filter(x -> repo.equalsIgnoreCase(x.name())).findFirst()
			.orElseThrow(() -> new ChangeException(422, "UNKNOWN_REPOSITORY", "repository " + repo
					+ " has no targets in fedcmdb.changes.github.repositories"));
		String sha = e.path("sha").asString(e.path("deployment").path("sha").asString(null));
		Map<String, Object> pipeline = new LinkedHashMap<>();
		pipeline.put("provider", "github");
		pipeline.put("repository", repo);
		pipeline.put("environment", environment);
		pipeline.put("sha", sha);
		pipeline.put("deploymentId", e.path("deployment").path("id").asString(null));
		pipeline.put("url", e.path("deployment").path("url").asString(null));
		Instant now = Instant.now();
		ChangeRecord c = gate.request(new ChangeGate.Input("deploy " + repo + "@" + (sha == null ? "?" : sha.substring(0,
				Math.min(7, sha.length()))) + " to " + environment, null, r.type(), targets(r.targets()), now,
				now.plusSeconds(3600), null, null, pipeline), "github:" + repo);
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> tx.run(cypher.get("change-callback-due"), Map.of("id", c.id, "url", callback,
					"environment", environment)).consume());
		}
		return ResponseEntity.accepted().body(Map.of("changeId", c.id, "status", c.status));
	}

	/** The CLI's target syntax (kept in step with {@code ChangeCli.target}; the agents module is not the server's). */
	static List<Object> targets(List<String> specs) {
		List<Object> out = new ArrayList<>();
		for (String t : specs) {
			if (t.startsWith("service:")) {
				out.add(Map.of("service", t.substring(8)));
			}
			else if (t.startsWith("k8s:") && t.substring(4).split("/").length == 3) {
				String[] p = t.substring(4).split("/");
				out.add(Map.of("kubernetes", Map.of("cluster", p[0], "namespace", p[1], "workload", p[2])));
			}
			else if (t.indexOf(':') > 0 && t.indexOf('=') > t.indexOf(':')) {
				Map<String, Object> ids = new LinkedHashMap<>();
				for (String kv : t.substring(t.indexOf(':') + 1).split(",")) {
					String[] p = kv.split("=", 2);
					ids.put(p[0], p.length > 1 ? p[1] : "");
				}
				out.add(Map.of("class", t.substring(0, t.indexOf(':')), "identifiers", ids));
			}
			else {
				out.add(t);
			}
		}
		return out;
	}

	static void verify(String secret, byte[] body, String header) {
		if (header == null || !header.startsWith("sha256=")) {
			throw new ChangeException(401, "INVALID_SIGNATURE", "X-Hub-Signature-256 is missing");
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] expected = mac.doFinal(body);
			byte[] given;
			try {
				given = HexFormat.of().parseHex(header.substring(7));
			}
			catch (IllegalArgumentException ex) {
				throw new ChangeException(401, "INVALID_SIGNATURE", "X-Hub-Signature-256 is not hex");
			}
			if (!MessageDigest.isEqual(expected, given)) {
				throw new ChangeException(401, "INVALID_SIGNATURE", "X-Hub-Signature-256 does not match the body");
			}
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@ExceptionHandler(ChangeException.class)
	ResponseEntity<Map<String, Object>> refused(ChangeException ex) {
		return ChangeController.error(ex.status(), ex.code(), ex.getMessage());
	}

}
