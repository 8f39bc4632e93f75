package org.fedcmdb.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The event feed: written in the change's transaction, read by cursor, filtered, long-polled, expired. */
class EventFeedIntegrationTests extends IntegrationTestSupport {

	@Autowired
	EventRetention retention;

	private JsonNode feed(String query) {
		HttpResponse<String> r = get("/api/v1/events?" + query);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return Json.MAPPER.readTree(r.body());
	}

	private String cursor() {
		return feed("limit=1&after=latest").get("next").asString();
	}

	/** Every event after the cursor (paging through). */
	private List<JsonNode> all(String after, String types) {
		List<JsonNode> out = new ArrayList<>();
		String cursor = after;
		while (true) {
			JsonNode page = feed("after=" + cursor + "&limit=100" + (types == null ? "" : "&types=" + types));
			page.get("events").forEach(out::add);
			cursor = page.get("next").asString();
			if (!page.get("hasMore").asBoolean()) {
				return out;
			}
		}
	}

	/** The published schema (as the server serves it) and every event checked against it. */
	private void assertValid(List<JsonNode> events) {
		HttpResponse<String> r = get("/api/v1/events/schema");
		assertThat(r.statusCode()).isEqualTo(200);
		com.networknt.schema.Schema schema = com.networknt.schema.SchemaRegistry
			.withDefaultDialect(com.networknt.schema.SpecificationVersion.DRAFT_2020_12).getSchema(r.body());
		for (JsonNode e : events) {
			assertThat(schema.validate(e)).as(e.toString()).isEmpty();
		}
		// the schema is not a formality: a broken event fails it
		JsonNode broken = Json.MAPPER.readTree(events.get(0).toString().replace("\"version\":1", "\"version\":7"));
		assertThat(schema.validate(broken)).isNotEmpty();
	}

	private static List<JsonNode> ofType(List<JsonNode> events, String type) {
		return events.stream().filter(e -> e.get("type").asString().equals(type)).toList();
	}

	@Test
	void everyChangeIsAnEventInSequenceOrder() {
		String u = unique();
		String before = cursor();
		Map<String, Object> first = snapshot("nmap-ev" + u, "FULL", Instant.now().minusSeconds(60), List.of(
				item("a", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs("os", "Debian 12")),
				item("b", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs()),
				item("c", "Server", Map.of("fqdn", "c-" + u + ".example"), attrs())), List.of(rel("DEPENDS_ON", "a", "b")));
		first.put("scope", "ev");
		first.put("complete", true);
		JsonNode s1 = ingest(first);
		List<JsonNode> events = all(before, null);
		assertThat(ofType(events, "ci.created")).extracting(e -> e.get("subject").get("ciId").asString())
			.containsExactlyInAnyOrder(ciId(s1, "a"), ciId(s1, "b"), ciId(s1, "c"));
		JsonNode added = ofType(events, "relationship.added").get(0);
		assertThat(added.get("data").get("from").asString()).isEqualTo(ciId(s1, "a"));
		assertThat(added.get("data").get("to").asString()).isEqualTo(ciId(s1, "b"));
		assertThat(added.get("snapshotId").asString()).isEqualTo(s1.get("snapshotId").asString());
		// both ends written by the chunk: their class and name come from the worker, as stored
		assertThat(added.get("subject").get("class").asString()).isEqualTo("Server");
		assertThat(added.get("subject").get("name").asString()).isEqualTo("a-" + u + ".example");
		assertThat(added.get("data").get("toClass").asString()).isEqualTo("Server");
		assertThat(added.get("data").get("toName").asString()).isEqualTo("b-" + u + ".example");
		// (scheduled agents of the test context post too: pick this snapshot's)
		JsonNode applied = ofType(events, "snapshot.applied").stream()
			.filter(e -> e.get("snapshotId").asString().equals(s1.get("snapshotId").asString())).findFirst().orElseThrow();
		assertThat(applied.get("data").get("counts").get("INSERT").asInt()).isEqualTo(3);
		assertThat(applied.get("source").asString()).isEqualTo("nmap-ev" + u);
		// strictly increasing sequences, unique ids, the envelope of every event
		Set<String> ids = new HashSet<>();
		long last = Long.parseLong(before);
		for (JsonNode e : events) {
			assertThat(e.get("sequence").asLong()).isGreaterThan(last);
			last = e.get("sequence").asLong();
			assertThat(ids.add(e.get("id").asString())).isTrue();
			assertThat(e.get("version").asInt()).isEqualTo(1);
			assertThat(Instant.parse(e.get("occurredAt").asString())).isNotNull();
		}

		// a change: os updated, c withdrawn (status and its edge), then the type filter
		String mid = String.valueOf(last);
		Map<String, Object> second = snapshot("nmap-ev" + u, "FULL", Instant.now(), List.of(
				item("a", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs("os", "Debian 13")),
				item("b", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs())), List.of());
		second.put("scope", "ev");
		second.put("complete", true);
		ingest(second);
		List<JsonNode> later = all(mid, null);
		JsonNode updated = ofType(later, "ci.updated").stream()
			.filter(e -> e.get("subject").get("ciId").asString().equals(ciId(s1, "a"))).findFirst().orElseThrow();
		JsonNode os = updated.get("data").get("changes").get(0);
		assertThat(os.get("field").asString()).isEqualTo("os");
		assertThat(os.get("old").asString()).isEqualTo("Debian 12");
		assertThat(os.get("new").asString()).isEqualTo("Debian 13");
		assertThat(os.get("winner").asString()).isEqualTo("nmap-ev" + u);
		assertThat(ofType(later, "ci.status_changed")).anySatisfy(e -> {
			assertThat(e.get("subject").get("ciId").asString()).isEqualTo(ciId(s1, "c"));
			assertThat(e.get("data").get("new").asString()).isEqualTo("STALE");
		});
		assertThat(ofType(later, "relationship.removed")).singleElement()
			.satisfies(e -> assertThat(e.get("data").get("to").asString()).isEqualTo(ciId(s1, "b")));
		// an end the chunk did not write (found by a look-up): its class and name read from the store
		String beforeLookup = String.valueOf(later.get(later.size() - 1).get("sequence").asLong());
		JsonNode s3 = ingest(snapshot("terraform-evapp" + u, "DELTA", Instant.now(), List.of(
				item("d", "Application", Map.of("uid", "d-" + u), attrs("name", "shop-" + u))),
				List.of(rel("RUNS_ON", "d", lookup("Server", Map.of("fqdn", "b-" + u + ".example"))))));
		JsonNode toLookedUp = ofType(all(beforeLookup, "relationship.added"), "relationship.added").stream()
			.filter(e -> e.get("subject").get("ciId").asString().equals(ciId(s3, "d"))).findFirst().orElseThrow();
		assertThat(toLookedUp.get("subject").get("class").asString()).isEqualTo("Application");
		assertThat(toLookedUp.get("subject").get("name").asString()).isEqualTo("shop-" + u);
		assertThat(toLookedUp.get("data").get("to").asString()).isEqualTo(ciId(s1, "b"));
		assertThat(toLookedUp.get("data").get("toClass").asString()).isEqualTo("Server");
		assertThat(toLookedUp.get("data").get("toName").asString()).isEqualTo("b-" + u + ".example");
		assertValid(events);
		assertValid(later);
		List<JsonNode> filtered = all(before, "ci.created,snapshot.applied");
		assertThat(filtered).allSatisfy(e -> assertThat(e.get("type").asString()).isIn("ci.created", "snapshot.applied"));
		assertThat(ofType(filtered, "ci.created")).hasSizeGreaterThanOrEqualTo(3);
		// GraphQL reads the same feed
		JsonNode gq = data("query($a: String) { events(after: $a, first: 5, types: [\"ci.created\"]) { next hasMore "
				+ "events { id type sequence subject { ciId class } } } }", "a", before).get("events");
		assertThat(gq.get("events").get(0).get("id").asString())
			.isEqualTo(ofType(events, "ci.created").get(0).get("id").asString());
	}

	@Test
	void mergesSplitsRetirementsAndARefusedWithdrawalAreEvents() {
		String u = unique();
		String before = cursor();
		JsonNode s = ingest(snapshot("host-agent", "DELTA", Instant.now(), List.of(
				item("a", "Server", Map.of("fqdn", "ma-" + u + ".example"), attrs()),
				item("b", "Server", Map.of("fqdn", "mb-" + u + ".example"), attrs())), List.of()));
		String a = ciId(s, "a");
		String b = ciId(s, "b");
		data("mutation($s: ID!, $m: [ID!]!) { mergeCis(survivorId: $s, mergedIds: $m, reason: \"same\") { id } }", "s", a,
				"m", List.of(b));
		ingest(snapshot("nmap-sp" + u, "DELTA", Instant.now(), List.of(
				item("a", "Server", Map.of("fqdn", "ma-" + u + ".example"), attrs("openPorts", 2))), List.of()));
		String split = data("mutation($id: ID!) { splitCi(ciId: $id, sources: [\"nmap-sp" + u + "\"], reason: \"x\") { id } }",
				"id", a).get("splitCi").get("id").asString();
		Map<String, Object> full = snapshot("nmap-ref" + u, "FULL", Instant.now().minusSeconds(60), List.of(
				item("1", "Server", Map.of("fqdn", "r1-" + u + ".example"), attrs()),
				item("2", "Server", Map.of("fqdn", "r2-" + u + ".example"), attrs()),
				item("3", "Server", Map.of("fqdn", "r3-" + u + ".example"), attrs())), List.of());
		full.put("scope", "r");
		full.put("complete", true);
		ingest(full);
		Map<String, Object> empty = snapshot("nmap-ref" + u, "FULL", Instant.now(), List.of(), List.of());
		empty.put("scope", "r");
		empty.put("complete", true);
		JsonNode refused = ingest(empty);
		List<JsonNode> events = all(before, null);
		assertThat(ofType(events, "ci.merged")).singleElement().satisfies(e -> {
			assertThat(e.get("data").get("survivorId").asString()).isEqualTo(a);
			assertThat(e.get("data").get("mergedId").asString()).isEqualTo(b);
		});
		assertThat(ofType(events, "ci.split")).singleElement().satisfies(e -> {
			assertThat(e.get("subject").get("ciId").asString()).isEqualTo(a);
			assertThat(e.get("data").get("newId").asString()).isEqualTo(split);
		});
		assertThat(ofType(events, "ci.created")).anySatisfy(
				e -> assertThat(e.get("subject").get("ciId").asString()).isEqualTo(split));
		assertThat(ofType(events, "snapshot.withdrawal_refused")).singleElement().satisfies(e -> {
			assertThat(e.get("snapshotId").asString()).isEqualTo(refused.get("snapshotId").asString());
			assertThat(e.get("data").get("refused").asBoolean()).isTrue();
		});
		assertValid(events);
	}

	@Test
	void aLongPollReturnsAsSoonAsSomethingNewerExists() throws Exception {
		String u = unique();
		String cursor = cursor();
		long t0 = System.nanoTime();
		// ci.created only: the test context's scheduled scan re-sends the same hosts, which creates nothing
		CompletableFuture<JsonNode> waiting = CompletableFuture
			.supplyAsync(() -> feed("after=" + cursor + "&wait=30s&types=ci.created"));
		Thread.sleep(500);
		assertThat(waiting).isNotDone();
		// an event the filter leaves out (an empty snapshot's snapshot.applied) does not end the wait
		ingest(snapshot("host-agent", "DELTA", Instant.now(), List.of(), List.of()));
		Thread.sleep(500);
		assertThat(waiting).isNotDone();
		ingest(snapshot("host-agent", "DELTA", Instant.now(),
				List.of(item("h", "Server", Map.of("fqdn", "lp-" + u + ".example"), attrs())), List.of()));
		JsonNode page = waiting.get(20, TimeUnit.SECONDS);
		assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
		assertThat(page.get("events")).isNotEmpty();
		assertThat(all(cursor, "ci.created")).anySatisfy(
				e -> assertThat(e.get("subject").get("name").asString()).isEqualTo("lp-" + u + ".example"));
		// nothing newer: an empty page after the wait
		JsonNode empty = feed("after=" + page.get("next").asString() + "&wait=300ms&types=ci.split");
		assertThat(empty.get("events")).isEmpty();
	}

	@Test
	void tenConcurrentReadersSeeTheSameEvents() throws Exception {
		String u = unique();
		String before = cursor();
		ingest(snapshot("host-agent", "DELTA", Instant.now(), List.of(
				item("x", "Server", Map.of("fqdn", "x-" + u + ".example"), attrs()),
				item("y", "Server", Map.of("fqdn", "y-" + u + ".example"), attrs())), List.of()));
		List<CompletableFuture<List<String>>> readers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			readers.add(CompletableFuture.supplyAsync(() -> all(before, null).stream().map(e -> e.get("id").asString()).toList()));
		}
		List<String> first = readers.get(0).get(60, TimeUnit.SECONDS);
		assertThat(first).isNotEmpty();
		for (var r : readers) {
			assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(first);
		}
	}

	@Test
	void anExpiredCursorIsGoneNotASilentGap() {
		ingest(snapshot("host-agent", "DELTA", Instant.now(),
				List.of(item("h", "Server", Map.of("fqdn", "exp-" + unique() + ".example"), attrs())), List.of()));
		retention.purge(System.currentTimeMillis() + Duration.ofDays(8).toMillis());
		HttpResponse<String> r = get("/api/v1/events?after=0");
		assertThat(r.statusCode()).isEqualTo(410);
		assertThat(Json.MAPPER.readTree(r.body()).get("code").asString()).isEqualTo("CURSOR_EXPIRED");
		String last = Json.MAPPER.readTree(r.body()).get("message").asString().replaceAll(".*start again from (\\d+).*", "$1");
		assertThat(get("/api/v1/events?after=" + last).statusCode()).isEqualTo(200);
	}

	@Test
	void badRequestsAreCodedAndChangeNothing() {
		Map<String, String> cases = Map.of("after=abc", "INVALID_CURSOR", "after=-1", "INVALID_CURSOR",
				"after=999999999999", "INVALID_CURSOR", "limit=0", "INVALID_LIMIT", "limit=100000", "INVALID_LIMIT",
				"types=ci.exploded", "UNKNOWN_EVENT_TYPE", "types=" + "x".repeat(1_200), "INVALID_FILTER",
				"wait=forever", "INVALID_WAIT", "wait=600s", "INVALID_WAIT");
		cases.forEach((q, code) -> {
			HttpResponse<String> r = get("/api/v1/events?" + q);
			assertThat(r.statusCode()).as(q).isEqualTo(400);
			assertThat(Json.MAPPER.readTree(r.body()).get("code").asString()).as(q).isEqualTo(code);
			assertThat(r.body()).doesNotContain("at org.");
		});
		JsonNode gq = graphql("{ events(types: [\"nope\"]) { next } }", Map.of());
		assertThat(gq.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("UNKNOWN_EVENT_TYPE");
	}

}
