package org.fedcmdb.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} on snapshot posts, scoped to the caller's token: the same key with the same body returns
 * the original answer; with another body, 422; while the first request with that key is still being accepted, 409.
 * Keys live in Neo4j (a unique constraint makes the claim atomic across instances) and expire after
 * {@code fedcmdb.ingest.idempotency-ttl}.
 */
@Component
class IdempotencyKeys {

	private final Driver driver;

	private final CypherCatalog cypher;

	private final Duration ttl;

	IdempotencyKeys(Driver driver, CypherCatalog cypher, IngestProperties properties) {
		this.driver = driver;
		this.cypher = cypher;
		this.ttl = properties.idempotencyTtl();
	}

	/** The answer to replay, and whether it was replayed. */
	record Outcome(Map<String, Object> response, boolean replayed) {
	}

	Outcome run(String caller, String key, byte[] body, Supplier<Map<String, Object>> accept) {
		if (key == null) {
			return new Outcome(accept.get(), false);
		}
		if (key.isBlank() || key.length() > 200 || key.chars().anyMatch(Character::isISOControl)) {
			throw new SnapshotException(400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be 1-200 printable characters");
		}
		String scoped = caller + "|" + key;
		String hash = sha256(body);
		String claim = UUID.randomUUID().toString();
		long now = System.currentTimeMillis();
		Map<String, Object> k;
		try (Session s = driver.session()) {
			k = s.executeWrite(tx -> tx.run(cypher.get("idempotency-claim"), Map.of("key", scoped, "hash", hash, "now", now,
					"claim", claim, "expiredBefore", now - ttl.toMillis())).single().get("k").asMap());
		}
		if (!claim.equals(k.get("claimedBy"))) {
			if (!hash.equals(k.get("hash"))) {
				throw new SnapshotException(422, "IDEMPOTENCY_KEY_REUSED",
						"Idempotency-Key '" + key + "' was used with a different body");
			}
			if (!"DONE".equals(k.get("state"))) {
				throw new SnapshotException(409, "IDEMPOTENCY_IN_PROGRESS",
						"A request with Idempotency-Key '" + key + "' is still being accepted; retry shortly");
			}
			return new Outcome(Json.readMap((String) k.get("response")), true);
		}
		try {
			Map<String, Object> response = accept.get();
			try (Session s = driver.session()) {
				s.executeWriteWithoutResult(tx -> tx.run(cypher.get("idempotency-done"),
						Map.of("key", scoped, "response", Json.write(response))).consume());
			}
			return new Outcome(response, false);
		}
		catch (RuntimeException ex) {
			try (Session s = driver.session()) {
				s.executeWriteWithoutResult(tx -> tx.run(cypher.get("idempotency-release"),
						Map.of("key", scoped, "claim", claim)).consume());
			}
			throw ex;
		}
	}

	void purge() {
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> tx.run(cypher.get("idempotency-purge"),
					Map.of("before", System.currentTimeMillis() - ttl.toMillis())).consume());
		}
	}

	static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
