package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.Reconciler;
import org.fedcmdb.reconciliation.RulesConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An unchanged record of a FULL snapshot is not written: a complete one moves its scope's ScopeSeen at its finish, any
 * other touches what it did not write then, and every reader takes an assertion's effective seen time.
 */
class ScopeSeenIntegrationTests extends IntegrationTestSupport {

	@Autowired
	CypherCatalog cypher;

	@Autowired
	GraphStore store;

	@Autowired
	ClassCatalogue catalogue;

	@Autowired
	Reconciler reconciler;

	@Autowired
	RulesConfig rules;

	@Autowired
	WriterLease lease;

	@Autowired
	EdgeWithdrawals edges;

	@Autowired
	EventOutbox outbox;

	@Autowired
	SnapshotRefs refs;

	@Test
	void anUnchangedCompleteReSendMovesItsScopeInsteadOfItsAssertions() {
		String u = unique();
		String source = "kubernetes-ss" + u;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant t0 = now.minus(Duration.ofHours(3));
		Instant t1 = now.minus(Duration.ofHours(2));
		Instant t2 = now.minus(Duration.ofHours(1));
		JsonNode first = ingest(full(source, t0, true, "n1", "n2", "n3"));
		String n1 = ciId(first, "n1");
		String n2 = ciId(first, "n2");
		String n3 = ciId(first, "n3");

		JsonNode again = ingest(full(source, t1, true, "n1", "n2", "n3"));
		assertThat(again.get("counts").get("NO_CHANGE").asInt()).as(again.toString()).isEqualTo(3);
		// nothing written per CI: the assertions keep their own times, the scope's ScopeSeen moved
		assertThat(rawSeen(n1, source)).isEqualTo(t0.toEpochMilli());
		assertThat(scopeSeen(source)).isEqualTo(t1.toEpochMilli());
		// what every reader says: the effective time and snapshot
		assertThat(lastSeen(n1)).isEqualTo(t1.toEpochMilli());
		JsonNode assertion = assertionOf(n2, source);
		assertThat(assertion.get("seen").asLong()).isEqualTo(t1.toEpochMilli());
		assertThat(assertion.get("snapshotId").asString()).isEqualTo(again.get("snapshotId").asString());

		// n3 no longer reported: withdrawn, and no longer confirmed by its scope
		JsonNode without = ingest(full(source, t2, true, "n1", "n2"));
		assertThat(without.get("withdrawal").get("withdrawn").asInt()).as(without.toString()).isEqualTo(1);
		assertThat(withdrawn(n3, source)).isTrue();
		assertThat(withdrawn(n1, source)).isFalse();
		// last seen by the unchanged re-send, whose time its withdrawal wrote down
		assertThat(lastSeen(n3)).isEqualTo(t1.toEpochMilli());
		assertThat(rawSeen(n3, source)).isEqualTo(t1.toEpochMilli());
		assertThat(lastSeen(n2)).isEqualTo(t2.toEpochMilli());
		assertThat(rawSeen(n2, source)).isEqualTo(t0.toEpochMilli());
	}

	@Test
	void anIncompleteFullSnapshotTouchesWhatItDidNotWriteAtItsFinish() {
		String u = unique();
		String source = "kubernetes-si" + u;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant t0 = now.minus(Duration.ofHours(3));
		Instant t1 = now.minus(Duration.ofHours(2));
		JsonNode first = ingest(full(source, t0, true, "n1", "n2"));
		JsonNode partial = ingest(full(source, t1, false, "n1"));
		assertThat(partial.get("counts").get("NO_CHANGE").asInt()).isEqualTo(1);
		// touched at the finish, the scope not confirmed (n2 was not reported)
		assertThat(rawSeen(ciId(first, "n1"), source)).isEqualTo(t1.toEpochMilli());
		assertThat(lastSeen(ciId(first, "n2"))).isEqualTo(t0.toEpochMilli());
		assertThat(scopeSeen(source)).isEqualTo(t0.toEpochMilli());
	}

	/** A complete FULL snapshot whose withdrawal the safety cap refused confirms nothing for its scope either. */
	@Test
	void aRefusedWithdrawalTouchesWhatItDidNotWriteInsteadOfConfirmingTheScope() {
		String u = unique();
		String source = "kubernetes-sw" + u;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant t0 = now.minus(Duration.ofHours(3));
		Instant t1 = now.minus(Duration.ofHours(2));
		JsonNode first = ingest(full(source, t0, true, "n1", "n2", "n3", "n4"));
		JsonNode refused = ingest(full(source, t1, true, "n1"));
		assertThat(refused.get("withdrawal").get("refused").asBoolean()).as(refused.toString()).isTrue();
		assertThat(rawSeen(ciId(first, "n1"), source)).isEqualTo(t1.toEpochMilli());
		assertThat(scopeSeen(source)).isEqualTo(t0.toEpochMilli());
		assertThat(lastSeen(ciId(first, "n2"))).isEqualTo(t0.toEpochMilli());
		assertThat(withdrawn(ciId(first, "n2"), source)).isFalse();
	}

	/**
	 * A record applied after the scope's ScopeSeen was written, by a snapshot collected before it (a late DELTA), was
	 * not reported by that FULL snapshot: its own seen time stands. The sweep then marks it stale, while an assertion
	 * the scope confirms takes the scope's time as its own instead of going stale.
	 */
	@Test
	void aLateRecordIsNotConfirmedByAnEarlierFinishAndTheSweepConfirmsTheRest() {
		String u = unique();
		String source = "kubernetes-sl" + u;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Instant t0 = now.minus(Duration.ofHours(3));
		Instant t2 = now.minus(Duration.ofHours(1));
		JsonNode first = ingest(full(source, t0, true, "n1"));
		ingest(full(source, t2, true, "n1"));
		Map<String, Object> late = snapshot(source, "DELTA", t0.plus(Duration.ofMinutes(1)), List.of(node(source, "n4")),
				List.of());
		late.put("scope", "c");
		JsonNode delta = ingest(late);
		String n1 = ciId(first, "n1");
		String n4 = ciId(delta, "n4");
		assertThat(lastSeen(n4)).isEqualTo(t0.plus(Duration.ofMinutes(1)).toEpochMilli());
		assertThat(lastSeen(n1)).isEqualTo(t2.toEpochMilli());

		// a day's window; 23 hours after t2 the scope's time is fresh, n4's own is not
		StalenessService sweep = new StalenessService(driver, cypher, store, catalogue, reconciler, rules, lease,
				edges, outbox, 2);
		sweep.run(t2.plus(Duration.ofHours(23)).toEpochMilli());
		assertThat(stale(n4, source)).isTrue();
		assertThat(stale(n1, source)).isFalse();
		assertThat(rawSeen(n1, source)).as("confirmed by the sweep").isEqualTo(t2.toEpochMilli());
	}

	/**
	 * Refs of records a snapshot did not write are resolved for its later chunks from their stored pairs when memory
	 * does not know them (another instance, a restart, the capacity).
	 */
	@Test
	void refsOfUnwrittenRecordsResolveFromTheStoreWhenNotRemembered() {
		String u = unique();
		String source = "terraform-sr" + u;
		String first = openChunked(source);
		postChunk(first, List.of(server(u, "a"), server(u, "b")), List.of());
		postChunk(first, List.of(item("app1", "Application", Map.of("uid", "app1-" + u), attrs())),
				List.of(rel("RUNS_ON", "app1", "a")));
		JsonNode created = completeChunked(first);

		String id = openChunked(source);
		postChunk(id, List.of(server(u, "a"), server(u, "b")), List.of());
		awaitItemsDone(id, 2);
		refs.forget(id);
		postChunk(id, List.of(item("app1", "Application", Map.of("uid", "app1-" + u), attrs()),
				item("app2", "Application", Map.of("uid", "app2-" + u), attrs())),
				List.of(rel("RUNS_ON", "app1", "a"), rel("RUNS_ON", "app2", "b")));
		JsonNode s = completeChunked(id);

		for (JsonNode r : s.get("results")) {
			assertThat(r.get("code").asString(null)).as(r.toString()).isNull();
		}
		assertThat(s.get("counts").get("NO_CHANGE").asInt()).as(s.toString()).isEqualTo(3);
		assertThat(s.get("withdrawal").get("edgesRemoved").asInt()).as(s.toString()).isZero();
		assertThat(s.get("withdrawal").get("withdrawn").asInt()).as(s.toString()).isZero();
		try (var session = driver.session()) {
			assertThat(session.run("MATCH (:CI {id: $app})-[r:RUNS_ON]->(:CI {id: $b}) RETURN count(r) AS n",
					Map.of("app", ciId(s, "app2"), "b", ciId(created, "b"))).single().get("n").asInt()).isEqualTo(1);
		}
		assertThat(rawSeen(ciId(created, "a"), source)).as("not written").isLessThan(scopeSeen(source, "s"));
	}

	private Map<String, Object> full(String source, Instant at, boolean complete, String... refs) {
		String u = source;
		Map<String, Object> s = snapshot(source, "FULL", at,
				java.util.Arrays.stream(refs).map(r -> node(u, r)).toList(), List.of());
		s.put("scope", "c");
		s.put("complete", complete);
		return s;
	}

	private static Map<String, Object> node(String u, String ref) {
		return item(ref, "KubernetesNode", Map.of("cluster", "c-" + u, "name", ref), attrs("kubeletVersion", "v1.31.0"));
	}

	private static Map<String, Object> server(String u, String ref) {
		return item(ref, "Server", Map.of("fqdn", ref + "-" + u + ".example"), attrs("os", "Debian 12"));
	}

	private void awaitItemsDone(String id, int n) {
		long deadline = System.currentTimeMillis() + 30_000;
		while (Json.MAPPER.readTree(get("/api/v1/snapshots/" + id).body()).get("progress").get("itemsDone").asInt() < n) {
			assertThat(System.currentTimeMillis()).isLessThan(deadline);
			sleep(20);
		}
	}

	private long rawSeen(String ciId, String source) {
		return one("MATCH (a:Assertion {key: $key}) RETURN a.seen AS v", Map.of("key", ciId + "|" + source)).asLong();
	}

	private boolean withdrawn(String ciId, String source) {
		return !one("MATCH (a:Assertion {key: $key}) RETURN a.withdrawnAt AS v", Map.of("key", ciId + "|" + source))
			.isNull();
	}

	private boolean stale(String ciId, String source) {
		return one("MATCH (a:Assertion {key: $key}) RETURN a.stale AS v", Map.of("key", ciId + "|" + source)).asBoolean();
	}

	private long scopeSeen(String source) {
		return scopeSeen(source, "c");
	}

	private long scopeSeen(String source, String scope) {
		return one("MATCH (sc:ScopeSeen {key: $key}) RETURN sc.seen AS v", Map.of("key", source + "|" + scope)).asLong();
	}

	private long lastSeen(String ciId) {
		try (var session = driver.session()) {
			return session.run(cypher.get("ci-by-ids"), Map.of("ids", List.of(ciId))).single().get("ci").get("lastSeen")
				.asLong();
		}
	}

	private JsonNode assertionOf(String ciId, String source) {
		try (var session = driver.session()) {
			for (var a : session.run(cypher.get("ci-assertions"), Map.of("ids", List.of(ciId))).single()
				.get("assertions").values()) {
				if (a.get("source").asString().equals(source)) {
					return Json.MAPPER.valueToTree(a.asMap());
				}
			}
		}
		throw new AssertionError("no assertion of " + source + " on " + ciId);
	}

	private org.neo4j.driver.Value one(String query, Map<String, Object> params) {
		try (var session = driver.session()) {
			return session.run(query, params).single().get("v");
		}
	}

}
