package org.fedcmdb.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Scoped bearer tokens: 401 without, 403 without the role or outside the token's sources; runtime management. */
class SecurityIntegrationTests extends IntegrationTestSupport {

	@AfterEach
	void back() {
		token = ADMIN_TOKEN;
	}

	byte[] snapshotOf(String source) {
		return Json.MAPPER.writeValueAsBytes(snapshot(source, "DELTA", Instant.now(),
				List.of(item("h", "Server", Map.of("fqdn", "sec-" + unique() + ".example"), attrs())), List.of()));
	}

	@Test
	void nothingButHealthIsAnonymous() {
		token = null;
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
		HttpResponse<String> r = post("/graphql", "application/json", "{\"query\":\"{ classes { name } }\"}".getBytes());
		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
		assertThat(Json.MAPPER.readTree(r.body()).get("code").asString()).isEqualTo("UNAUTHENTICATED");
		assertThat(post("/api/v1/snapshots", "application/json", snapshotOf("declared")).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(401);
		token = "wrong-token-value-123456";
		assertThat(get("/api/v1/snapshots/x").statusCode()).isEqualTo(401);
	}

	@Test
	void aReadTokenReadsButNeitherWritesNorMutates() {
		token = READ_TOKEN;
		assertThat(graphql("{ classes { name } }", Map.of()).get("errors")).isNull();
		assertThat(post("/api/v1/snapshots", "application/json", snapshotOf("declared")).statusCode()).isEqualTo(403);
		JsonNode m = graphql("mutation { runAgent(name: \"lab-scan\") { name } }", Map.of());
		assertThat(m.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
		JsonNode t = graphql("{ tokens { name } }", Map.of());
		assertThat(t.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
	}

	@Test
	void aTopLevelFragmentIsJudgedByTheFieldsItSelects() {
		token = READ_TOKEN;
		for (String query : List.of("{ ... on Query { tokens { name } } }", "query { ...T } fragment T on Query { tokens { name } }",
				"{ ... { subscriptions { id } } }", "query { ...S } fragment S on Query { ... on Query { deliveries(subscriptionId: \"x\") { id } } }")) {
			JsonNode r = graphql(query, Map.of());
			assertThat(r.get("data") == null || r.get("data").isNull() || r.get("data").isEmpty()).as(query).isTrue();
			assertThat(r.get("errors").get(0).get("extensions").get("code").asString()).as(query).isEqualTo("FORBIDDEN");
		}
		// fragments that select only what a reader may read are answered
		assertThat(graphql("{ ... on Query { classes { name } } }", Map.of()).get("errors")).isNull();
		assertThat(graphql("query { ...C } fragment C on Query { classes { name } }", Map.of()).get("errors")).isNull();
	}

	@Test
	void aPathSpelledAnotherWayNeedsTheRoleOfWhereItLeads() {
		token = READ_TOKEN;
		// each names the alerts or changes endpoint once the server has normalised it; a reader may post to neither
		for (String path : List.of("/api/v1/x/../alerts", "/api/v1/./alerts", "/api/v1;p=1/alerts", "/api/v1/%61lerts",
				"/api/v1/./changes", "/api/v1/x/../changes", "/api/v1/snapshots/../changes", "/api/v1/%2e/alerts")) {
			HttpResponse<String> r = post(path, "application/json", "{}".getBytes());
			assertThat(r.statusCode()).as(path + ": " + r.body()).isIn(400, 403);
			assertThat(Json.MAPPER.readTree(r.body()).get("code").asString()).as(path).isIn("FORBIDDEN", "INVALID_PATH");
		}
		// and the plain paths still are what they were
		assertCode(post("/api/v1/alerts", "application/json", "{}".getBytes()), 403, "FORBIDDEN");
		assertCode(get("/api/v1/snapshots/no-such-snapshot"), 404, "SNAPSHOT_NOT_FOUND");
	}

	@Test
	void anIngestTokenWritesOnlyItsSources() {
		token = NMAP_TOKEN;
		assertThat(post("/api/v1/snapshots", "application/json", snapshotOf("nmap-dc7")).statusCode()).isEqualTo(202);
		HttpResponse<String> other = post("/api/v1/snapshots", "application/json", snapshotOf("declared"));
		assertThat(other.statusCode()).isEqualTo(403);
		assertThat(Json.MAPPER.readTree(other.body()).get("code").asString()).isEqualTo("FORBIDDEN_SOURCE");
		JsonNode q = graphql("{ classes { name } }", Map.of());
		assertThat(q.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
	}

	@Test
	void adminsManageTokensAtRunTime() {
		String name = "agent-" + unique();
		JsonNode created = data("mutation($n: String!) { createToken(name: $n, roles: [INGEST], sources: [\"terraform*\"]) { name secret } }",
				"n", name).get("createToken");
		String secret = created.get("secret").asString();
		assertThat(secret).startsWith("fcm_");
		JsonNode list = data("{ tokens { name roles sources origin createdAt } }").get("tokens");
		assertThat(list.toString()).contains(name).doesNotContain(secret);
		for (JsonNode t : list) {
			if (t.get("name").asString().equals(name)) {
				assertThat(t.get("origin").asString()).isEqualTo("runtime");
				assertThat(t.get("roles").get(0).asString()).isEqualTo("INGEST");
				assertThat(t.get("roles").size()).isEqualTo(1);
				assertThat(t.get("sources").get(0).asString()).isEqualTo("terraform*");
				assertThat(Instant.parse(t.get("createdAt").asString())).isAfter(Instant.now().minusSeconds(300));
			}
			if (t.get("name").asString().equals("test-reader")) {
				assertThat(t.get("origin").asString()).isEqualTo("configuration");
				assertThat(t.get("createdAt").isNull()).isTrue();
			}
		}
		assertThat(list.valueStream().map(t -> t.get("name").asString())).contains(name, "test-reader");
		token = secret;
		assertThat(post("/api/v1/snapshots", "application/json", snapshotOf("terraform-x")).statusCode()).isEqualTo(202);
		assertThat(post("/api/v1/snapshots", "application/json", snapshotOf("nmap-x")).statusCode()).isEqualTo(403);
		token = ADMIN_TOKEN;
		assertThat(data("mutation($n: String!) { revokeToken(name: $n) }", "n", name).get("revokeToken").asBoolean()).isTrue();
		token = secret;
		assertThat(post("/api/v1/snapshots", "application/json", snapshotOf("terraform-x")).statusCode()).isEqualTo(401);
		token = ADMIN_TOKEN;
		JsonNode bad = graphql("mutation { createToken(name: \"bad name!\", roles: [READ]) { secret } }", Map.of());
		assertThat(bad.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("INVALID_ARGUMENT");
		// sources that would look like a limit and be none (an ADMIN writes every source, a reader none), or that no
		// source could be named: refused, as in configuration, and no token made
		for (String refused : List.of("roles: [ADMIN], sources: [\"nmap-*\"]", "roles: [READ], sources: [\"nmap\"]",
				"roles: [INGEST], sources: [\"nmap dc1\"]", "roles: [INGEST], sources: [\"*\"]")) {
			String n = "limited-" + unique();
			JsonNode r = graphql("mutation { createToken(name: \"" + n + "\", " + refused + ") { secret } }", Map.of());
			assertThat(r.get("errors").get(0).get("extensions").get("code").asString()).as(refused).isEqualTo("INVALID_ARGUMENT");
			assertThat(data("{ tokens { name } }").get("tokens").toString()).as(refused).doesNotContain(n);
		}
	}

}
