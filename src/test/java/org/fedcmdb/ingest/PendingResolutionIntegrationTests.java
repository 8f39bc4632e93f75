package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * "Is my topology in?": an entry that waited (a ref of a later chunk, a look-up target not there yet, a record its
 * source may not insert) ends up in its snapshot's status as what finally happened, counts and edgesCreated included.
 */
class PendingResolutionIntegrationTests extends IntegrationTestSupport {


	private static JsonNode relResult(JsonNode status, int chunk, int index) {
		for (JsonNode r : status.get("results")) {
			if (r.get("kind").asString().equals("relationship") && r.get("chunk").asInt() == chunk
					&& r.get("index").asInt() == index) {
				return r;
			}
		}
		throw new AssertionError("no relationship result " + chunk + "/" + index + " in " + status);
	}

	@Test
	void aForwardRefResolvedInTheSameSnapshotIsReportedAsCreated() {
		String u = unique();
		String id = openChunked("kubernetes-" + u);
		postChunk(id, List.of(item("app", "Application", Map.of("uid", "app-" + u), attrs())),
				List.of(rel("DEPENDS_ON", "app", "db")));
		postChunk(id, List.of(item("db", "DatabaseInstance", Map.of("uid", "db-" + u), attrs())), List.of());
		JsonNode s = completeChunked(id);
		assertThat(s.get("counts").has("PENDING")).as(s.toString()).isFalse();
		assertThat(s.get("counts").get("INSERT").asInt()).isEqualTo(2);
		assertThat(s.get("counts").get("CREATED").asInt()).isEqualTo(1);
		assertThat(s.get("edgesCreated").asInt()).isEqualTo(1);
		assertThat(s.get("resultsTotal").asInt()).isEqualTo(3);
		JsonNode edge = relResult(s, 1, 0);
		assertThat(edge.get("operation").asString()).isEqualTo("CREATED");
		assertThat(edge.get("relationship").get("type").asString()).isEqualTo("DEPENDS_ON");
		assertThat(edge.get("relationship").get("from").asString()).isEqualTo(ciId(s, "app"));
		assertThat(edge.get("relationship").get("to").asString()).isEqualTo(ciId(s, "db"));
		assertThat(Instant.parse(edge.get("resolvedAt").asString()))
			.isAfterOrEqualTo(Instant.parse(edge.get("pendingSince").asString()));
		assertThat(edge.get("resolvedBy").asString()).isEqualTo(id);
		assertThat(ci(ciId(s, "app")).get("out").get(0).get("ci").get("id").asString()).isEqualTo(ciId(s, "db"));
	}

	@Test
	void aTargetThreeChunksLaterAndOneThatNeverComes() {
		String u = unique();
		String id = openChunked("kubernetes-" + u);
		postChunk(id, List.of(item("pod", "Pod", Map.of("uid", "pod-" + u), attrs())),
				List.of(rel("RUNS_ON", "pod", "node"), rel("DEPENDS_ON", "pod", "never-sent")));
		postChunk(id, List.of(item("f1", "Pod", Map.of("uid", "f1-" + u), attrs())), List.of());
		postChunk(id, List.of(item("f2", "Pod", Map.of("uid", "f2-" + u), attrs())), List.of());
		postChunk(id, List.of(item("node", "KubernetesNode", Map.of("uid", "node-" + u), attrs())), List.of());
		JsonNode s = completeChunked(id);
		assertThat(relResult(s, 1, 0).get("operation").asString()).isEqualTo("CREATED");
		JsonNode dangling = relResult(s, 1, 1);
		assertThat(dangling.get("operation").asString()).isEqualTo("REJECTED");
		assertThat(dangling.get("code").asString()).isEqualTo("DANGLING_REF");
		assertThat(dangling.get("message").asString()).contains("never-sent");
		assertThat(s.get("counts").has("PENDING")).as(s.toString()).isFalse();
		assertThat(s.get("counts").get("REJECTED").asInt()).isEqualTo(1);
		assertThat(s.get("edgesCreated").asInt()).isEqualTo(1);
		// one result per entry: 4 items and 2 relationships, the dangling one not listed twice
		assertThat(s.get("resultsTotal").asInt()).isEqualTo(6);
	}

	/** The test context settles two waiting edges per round: seven forward refs take four rounds at the finish. */
	@Test
	void forwardRefsSettledOverSeveralRoundsAreAllReportedOnce() {
		String u = unique();
		String id = openChunked("kubernetes-" + u);
		List<Object> rels = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			rels.add(rel("DEPENDS_ON", "app", "db" + i));
		}
		rels.add(rel("DEPENDS_ON", "app", "never-sent"));
		postChunk(id, List.of(item("app", "Application", Map.of("uid", "app-" + u), attrs())), rels);
		List<Object> dbs = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			dbs.add(item("db" + i, "DatabaseInstance", Map.of("uid", "db" + i + "-" + u), attrs()));
		}
		postChunk(id, dbs, List.of());
		JsonNode s = completeChunked(id);
		assertThat(s.get("counts").has("PENDING")).as(s.toString()).isFalse();
		assertThat(s.get("counts").get("CREATED").asInt()).as(s.toString()).isEqualTo(6);
		assertThat(s.get("counts").get("REJECTED").asInt()).isEqualTo(1);
		assertThat(s.get("edgesCreated").asInt()).isEqualTo(6);
		assertThat(s.get("resultsTotal").asInt()).isEqualTo(14);
		for (int i = 0; i < 6; i++) {
			JsonNode edge = relResult(s, 1, i);
			assertThat(edge.get("operation").asString()).isEqualTo("CREATED");
			assertThat(edge.get("relationship").get("to").asString()).isEqualTo(ciId(s, "db" + i));
		}
		assertThat(relResult(s, 1, 6).get("code").asString()).isEqualTo("DANGLING_REF");
		assertThat(ci(ciId(s, "app")).get("out").size()).isEqualTo(6);
	}

	/** A re-send's forward ref waits for its later chunk again and completes as the edge it already was. */
	@Test
	void aReSentForwardRefIsReportedUnchanged() {
		String u = unique();
		JsonNode first = null;
		JsonNode again = null;
		for (int round = 0; round < 2; round++) {
			String id = openChunked("kubernetes-" + u);
			postChunk(id, List.of(item("app", "Application", Map.of("uid", "app-" + u), attrs())),
					List.of(rel("DEPENDS_ON", "app", "db")));
			postChunk(id, List.of(item("db", "DatabaseInstance", Map.of("uid", "db-" + u), attrs())), List.of());
			if (round == 0) {
				first = completeChunked(id);
			}
			else {
				again = completeChunked(id);
			}
		}
		assertThat(relResult(first, 1, 0).get("operation").asString()).isEqualTo("CREATED");
		JsonNode edge = relResult(again, 1, 0);
		assertThat(edge.get("operation").asString()).as(again.toString()).isEqualTo("NO_CHANGE");
		assertThat(edge.get("relationship").get("to").asString()).isEqualTo(ciId(first, "db"));
		assertThat(again.get("edgesCreated").asInt()).isZero();
		assertThat(again.get("counts").has("PENDING")).isFalse();
		assertThat(again.get("withdrawal").toString()).contains("\"withdrawn\":0");
		JsonNode out = ci(ciId(first, "app")).get("out");
		assertThat(out.size()).isEqualTo(1);
		assertThat(out.get(0).get("ci").get("id").asString()).isEqualTo(ciId(first, "db"));
		// the forward refs waited with their chunk, and nothing of them is left once settled
		Map<String, Object> ids = Map.of("ids", List.of(first.get("snapshotId").asString(),
				again.get("snapshotId").asString()));
		try (var session = driver.session()) {
			assertThat(session.run("MATCH (c:SnapshotChunk) WHERE c.snapshotId IN $ids AND c.seq >= 0 "
					+ "AND c.waitingRefs IS NOT NULL RETURN count(c) AS n", ids).single().get("n").asInt()).isZero();
			assertThat(session.run("MATCH (p:PendingEdge) WHERE p.snapshotId IN $ids RETURN count(p) AS n", ids)
				.single().get("n").asInt()).isZero();
		}
	}

	/** Five look-ups waiting for one later snapshot complete over three rounds of two. */
	@Test
	void lookUpsCompletedOverSeveralRoundsAreAllReportedOnTheFirstSnapshot() {
		String u = unique();
		List<Object> rels = new ArrayList<>();
		List<Object> dbs = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			rels.add(rel("DEPENDS_ON", "svc", lookup("DatabaseInstance", Map.of("uid", "db" + i + "-" + u))));
			dbs.add(item("db" + i, "DatabaseInstance", Map.of("uid", "db" + i + "-" + u), attrs()));
		}
		JsonNode first = ingest(snapshot("declared", "DELTA", Instant.now(), List.of(item("svc", "BusinessService",
				Map.of("name", "Ledger " + u), attrs())), rels));
		assertThat(first.get("counts").get("PENDING").asInt()).isEqualTo(5);
		JsonNode second = ingest(snapshot("terraform-" + u, "DELTA", Instant.now(), dbs, List.of()));
		JsonNode after = awaitSnapshot(first.get("snapshotId").asString());
		assertThat(after.get("counts").has("PENDING")).as(after.toString()).isFalse();
		assertThat(after.get("counts").get("CREATED").asInt()).isEqualTo(5);
		assertThat(after.get("edgesCreated").asInt()).isEqualTo(5);
		for (int i = 0; i < 5; i++) {
			JsonNode edge = result(after, "relationship", i);
			assertThat(edge.get("relationship").get("to").asString()).isEqualTo(ciId(second, "db" + i));
			assertThat(edge.get("resolvedBy").asString()).isEqualTo(second.get("snapshotId").asString());
		}
		assertThat(ci(ciId(first, "svc")).get("out").size()).isEqualTo(5);
	}

	@Test
	void aCrossSourceLookUpResolvedByALaterSnapshotOfAnotherSourceIsReportedOnTheFirst() {
		String u = unique();
		JsonNode first = ingest(snapshot("declared", "DELTA", Instant.now(), List.of(item("svc", "BusinessService",
				Map.of("name", "Payments " + u), attrs())),
				List.of(rel("DEPENDS_ON", "svc", lookup("DatabaseInstance", Map.of("uid", "pay-db-" + u))))));
		JsonNode waiting = result(first, "relationship", 0);
		assertThat(waiting.get("operation").asString()).isEqualTo("PENDING");
		assertThat(waiting.get("pendingSince").isNull()).isFalse();
		assertThat(first.get("counts").get("PENDING").asInt()).isEqualTo(1);
		JsonNode second = ingest(snapshot("terraform-" + u, "DELTA", Instant.now(), List.of(item("db", "DatabaseInstance",
				Map.of("uid", "pay-db-" + u), attrs())), List.of()));
		JsonNode after = awaitSnapshot(first.get("snapshotId").asString());
		JsonNode edge = result(after, "relationship", 0);
		assertThat(edge.get("operation").asString()).isEqualTo("CREATED");
		assertThat(edge.get("resolvedBy").asString()).isEqualTo(second.get("snapshotId").asString());
		assertThat(edge.get("relationship").get("to").asString()).isEqualTo(ciId(second, "db"));
		assertThat(after.get("counts").has("PENDING")).isFalse();
		assertThat(after.get("counts").get("CREATED").asInt()).isEqualTo(1);
		assertThat(after.get("edgesCreated").asInt()).isEqualTo(1);
		// the second snapshot created no edge of its own
		assertThat(second.get("edgesCreated").asInt()).isZero();
	}

	@Test
	void aPendingRecordAppliedLaterIsReportedOnItsSnapshot() {
		String u = unique();
		JsonNode sn = ingest(snapshot("servicenow-" + u, "DELTA", Instant.now(), List.of(item("x", "Server",
				Map.of("fqdn", "crm-" + u + ".corp.example"), attrs("assetTag", "AT-" + u))), List.of()));
		assertThat(result(sn, "item", 0).get("operation").asString()).isEqualTo("PENDING");
		JsonNode agent = ingest(snapshot("host-agent", "DELTA", Instant.now(), List.of(item("h", "Server",
				Map.of("fqdn", "crm-" + u + ".corp.example"), attrs())), List.of()));
		JsonNode after = awaitSnapshot(sn.get("snapshotId").asString());
		JsonNode item = result(after, "item", 0);
		assertThat(item.get("operation").asString()).isIn("UPDATE", "MERGED", "NO_CHANGE");
		assertThat(item.get("ciId").asString()).isEqualTo(ciId(agent, "h"));
		assertThat(item.get("resolvedBy").asString()).isEqualTo(agent.get("snapshotId").asString());
		assertThat(after.get("counts").has("PENDING")).isFalse();
	}

}
