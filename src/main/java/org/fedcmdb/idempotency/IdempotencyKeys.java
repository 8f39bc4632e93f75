package org.fedcmdb.idempotency;

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
 * {@code Idempotency-Key} on snapshot and change requests, scoped to the caller's token (and to the API, by the scope
 * the caller passes): the same key with the same body returns
 * the original answer; with another body, 422; while the first request with that key is still being accepted, 409.
 * Keys live in Neo4j (a unique constraint makes the claim atomic across instances) and expire after
 * {@code fedcmdb.ingest.idempotency-ttl}.
 */
@Component
public class IdempotencyKeys {

	private final Driver driver;

	private final CypherCatalog cypher;

	private final Duration ttl;

	IdempotencyKeys(Driver driver, CypherCatalog cypher,
			@org.springframework.beans.factory.annotation.Value("${fedcmdb.ingest.idempotency-ttl:24h}") Duration ttl) {
		this.driver = driver;
		this.cypher = cypher;
		this.ttl = ttl;
	}

	/** The answer to replay, and whether it was replayed. */
	public record Outcome(Map<String, Object> response, boolean replayed) {
	}

	/**
	 * Runs {@code accept} once per key: a replay with the same body answers what the first did.
	 * @throws IdempotencyException 400 INVALID_IDEMPOTENCY_KEY, 422 IDEMPOTENCY_KEY_REUSED, 409 IDEMPOTENCY_IN_PROGRESS
	 */
	public Outcome run(String caller, String key, byte[] body, Supplier<Map<String, Object>> accept) {
		if (key == null) {
			return new Outcome(accept.get(), false);
		}
		if (key.isBlank() || key.length() > 200 || key.chars().anyMatch(Character::isISOControl)) {
			throw new IdempotencyException(400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be 1-200 printable characters");
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
				throw new IdempotencyException(422, "IDEMPOTENCY_KEY_REUSED",
						"Idempotency-Key '" + key + "' was used with a different body");
			}
			if (!"DONE".equals(k.get("state"))) {
				throw new IdempotencyException(409, "IDEMPOTENCY_IN_PROGRESS",
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

	public void purge() {
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> tx.run(cypher.get("idempotency-purge"),
					Map.of("before", System.currentTimeMillis() - ttl.toMillis())).consume());
		}
	}

	public static String sha256(byte[] body) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
