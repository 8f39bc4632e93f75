package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Idempotency-Key: a retried post is applied once; a reused key with another body or still in flight is refused. */
class IdempotencyIntegrationTests extends IntegrationTestSupport {

	byte[] body(String fqdn) {
		return Json.MAPPER.writeValueAsBytes(snapshot("declared", "DELTA", Instant.now().minusSeconds(5),
				List.of(item("h", "Server", Map.of("fqdn", fqdn), attrs())), List.of()));
	}

	@Test
	void theSameKeyAndBodyReturnTheOriginalAnswerAndAreAppliedOnce() {
		String u = unique();
		byte[] body = body("idem-" + u + ".example");
		HttpResponse<String> first = post("/api/v1/snapshots", "application/json", body, "Idempotency-Key", "k-" + u);
		HttpResponse<String> again = post("/api/v1/snapshots", "application/json", body, "Idempotency-Key", "k-" + u);
		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(again.statusCode()).isEqualTo(202);
		String id = Json.MAPPER.readTree(first.body()).get("snapshotId").asString();
		assertThat(Json.MAPPER.readTree(again.body()).get("snapshotId").asString()).isEqualTo(id);
		assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
		awaitSnapshot(id);
		assertThat(count("MATCH (s:Snapshot) WHERE s.createdAt > 0 AND s.id = $id RETURN count(s)", Map.of("id", id))).isEqualTo(1);
		assertThat(count("MATCH (c:CI {name: $n}) RETURN count(c)", Map.of("n", "idem-" + u + ".example"))).isEqualTo(1);
		// without a key, the same body is a new snapshot
		HttpResponse<String> noKey = post("/api/v1/snapshots", "application/json", body);
		assertThat(Json.MAPPER.readTree(noKey.body()).get("snapshotId").asString()).isNotEqualTo(id);
	}

	@Test
	void aReusedKeyWithAnotherBodyIs422AndAKeyInFlightIs409() {
		String u = unique();
		post("/api/v1/snapshots", "application/json", body("a-" + u + ".example"), "Idempotency-Key", "r-" + u);
		HttpResponse<String> other = post("/api/v1/snapshots", "application/json", body("b-" + u + ".example"),
				"Idempotency-Key", "r-" + u);
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(Json.MAPPER.readTree(other.body()).get("code").asString()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
		byte[] body = body("c-" + u + ".example");
		try (var s = driver.session()) {
			s.run("CREATE (:IdempotencyKey {key: $k, hash: $h, state: 'ACCEPTING', createdAt: timestamp(), claimedBy: 'other'})",
					Map.of("k", "test-admin|f-" + u, "h", org.fedcmdb.idempotency.IdempotencyKeys.sha256(body))).consume();
		}
		HttpResponse<String> inFlight = post("/api/v1/snapshots", "application/json", body, "Idempotency-Key", "f-" + u);
		assertThat(inFlight.statusCode()).isEqualTo(409);
		JsonNode error = Json.MAPPER.readTree(inFlight.body());
		assertThat(error.get("code").asString()).isEqualTo("IDEMPOTENCY_IN_PROGRESS");
		// a refused request frees its key: fixing the body and retrying with the same key works
		HttpResponse<String> bad = post("/api/v1/snapshots", "application/json", "{\"source\": 1}".getBytes(),
				"Idempotency-Key", "x-" + u);
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(post("/api/v1/snapshots", "application/json", body("x-" + u + ".example"), "Idempotency-Key", "x-" + u)
			.statusCode()).isEqualTo(202);
	}

}
