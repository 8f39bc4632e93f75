package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A CI's life across withdrawals: a source that stops reporting a CI withdraws its assertion, not the CI's identity;
 * reported again, the CI comes back as itself (same id, continuous history) instead of as a duplicate.
 */
class CiLifecycleIntegrationTests extends IntegrationTestSupport {

	@Autowired
	StalenessService staleness;

	@Autowired
	StrippedCiRepair repair;

	@Autowired
	EdgeEpoch epoch;
	static final String HISTORY = "query($id: ID!) { history(ciId: $id, first: 100) { kind field oldValue newValue source } }";

	private Map<String, Object> nodes(String source, String cluster, Instant at, int count) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			items.add(item("n" + i, "KubernetesNode", Map.of("cluster", cluster, "name", "node-" + i),
					attrs("kubeletVersion", "v1.31." + i, "cpu", 8)));
		}
		Map<String, Object> s = snapshot(source, "FULL", at, items, List.of());
		s.put("scope", "cluster:" + cluster);
		s.put("complete", true);
		return s;
	}

	private String liveScope(String ciId) {
		try (var s = driver.session()) {
			return s.run("MATCH (a:Assertion {ciId: $id}) RETURN a.liveScope AS scope", Map.of("id", ciId)).single()
				.get("scope").asString(null);
		}
	}

	@Test
	void aNodeWithdrawnAndReportedAgainIsRevivedWithItsIdentityAndHistory() {
		String u = unique();
		String source = "kubernetes-" + u;
		String cluster = "prod-" + u;
		Instant t0 = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		JsonNode first = ingest(nodes(source, cluster, t0, 4));
		String fourth = ciId(first, "n4");

		JsonNode second = ingest(nodes(source, cluster, t0.plusSeconds(600), 3));
		assertThat(second.get("withdrawal").get("withdrawn").asInt()).isEqualTo(1);
		JsonNode stale = ci(fourth);
		assertThat(stale.get("status").asString()).isEqualTo("STALE");
		assertThat(stale.get("name").asString()).isEqualTo("node-4");
		assertThat(stale.get("attributes").get("kubeletVersion").asString()).isEqualTo("v1.31.4");
		assertThat(texts(stale.get("identifiers"), "key")).containsExactlyInAnyOrder("cluster", "name");
		JsonNode version = provenance(fourth, "kubeletVersion");
		assertThat(version.get("reason").asString()).isEqualTo("FALLBACK_WITHDRAWN");
		assertThat(version.get("source").asString()).isEqualTo(source);
		assertThat(version.get("observedAt").asString()).isEqualTo(t0.toString());
		JsonNode sources = data("query($id: ID!) { ci(id: $id) { sources { source withdrawn withdrawnAt lastSeen } } }",
				"id", fourth).get("ci").get("sources");
		assertThat(sources.get(0).get("withdrawn").asBoolean()).isTrue();
		assertThat(sources.get(0).get("withdrawnAt").isNull()).isFalse();
		assertThat(liveScope(fourth)).as("out of the index of live assertions").isNull();

		JsonNode third = ingest(nodes(source, cluster, t0.plusSeconds(1200), 4));
		assertThat(ciId(third, "n4")).isEqualTo(fourth);
		assertThat(third.get("counts").has("INSERT")).as(third.get("counts").toString()).isFalse();
		assertThat(result(third, "item", 3).get("operation").asString()).isEqualTo("UPDATE");
		assertThat(count("MATCH (c:KubernetesNode) WHERE c.identifiers CONTAINS $cluster RETURN count(c)",
				Map.of("cluster", cluster))).isEqualTo(4);
		JsonNode revived = ci(fourth);
		assertThat(revived.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(provenance(fourth, "kubeletVersion").get("reason").asString()).isNotEqualTo("FALLBACK_WITHDRAWN");
		assertThat(liveScope(fourth)).isEqualTo("cluster:" + cluster);

		JsonNode history = data(HISTORY, "id", fourth).get("history");
		List<String> kinds = texts(history, "kind");
		assertThat(kinds).contains("INSERT", "ASSERTION_WITHDRAWN", "ASSERTION_REVIVED");
		assertThat(kinds.stream().filter("STATUS"::equals)).hasSize(2);
		history.forEach(h -> {
			// nothing of the node's identity was blanked on the way
			if (h.get("kind").asString().equals("IDENTIFIER") || h.get("kind").asString().equals("ATTRIBUTE")) {
				assertThat(h.get("newValue").isNull()).as(h.toString()).isFalse();
			}
		});
		JsonNode again = ingest(nodes(source, cluster, t0.plusSeconds(1800), 3));
		assertThat(again.get("withdrawal").get("withdrawn").asInt()).as("revived, counted live again").isEqualTo(1);
		assertThat(ci(fourth).get("status").asString()).isEqualTo("STALE");
	}

	@Test
	void aHostWithdrawnByOneSourceButAssertedByAnotherKeepsEverythingAndStaysActive() {
		String u = unique();
		String fqdn = "keep-" + u + ".example";
		Instant t0 = Instant.now().minusSeconds(600);
		JsonNode agent = ingest(snapshot("host-agent", "DELTA", t0,
				List.of(item("h", "Server", Map.of("fqdn", fqdn), attrs("os", "Debian 12"))), List.of()));
		String id = ciId(agent, "h");
		Map<String, Object> scan = snapshot("nmap-" + u, "FULL", t0, List.of(
				item("h", "Server", Map.of("fqdn", fqdn, "macAddresses", List.of("02:42:ac:11:00:02")),
						attrs("macVendor", "Dell")),
				item("o", "Server", Map.of("fqdn", "other-" + u + ".example"), attrs())), List.of());
		scan.put("scope", "net");
		scan.put("complete", true);
		assertThat(ciId(ingest(scan), "h")).isEqualTo(id);
		Map<String, Object> without = snapshot("nmap-" + u, "FULL", t0.plusSeconds(60), List.of(
				item("o", "Server", Map.of("fqdn", "other-" + u + ".example"), attrs())), List.of());
		without.put("scope", "net");
		without.put("complete", true);
		assertThat(ingest(without).get("withdrawal").get("withdrawn").asInt()).isEqualTo(1);

		JsonNode ci = ci(id);
		assertThat(ci.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(ci.get("attributes").get("os").asString()).isEqualTo("Debian 12");
		assertThat(ci.get("attributes").get("macVendor").asString()).isEqualTo("Dell");
		assertThat(texts(ci.get("identifiers"), "key")).contains("fqdn", "macAddresses");
		assertThat(provenance(id, "macVendor").get("reason").asString()).isEqualTo("FALLBACK_WITHDRAWN");
		assertThat(provenance(id, "os").get("reason").asString()).isNotEqualTo("FALLBACK_WITHDRAWN");
		// the withdrawn source no longer counts as asserting the CI
		JsonNode bySource = data("query($s: String!) { cis(filter: {source: $s}) { edges { node { id } } } }", "s",
				"nmap-" + u);
		assertThat(bySource.get("cis").get("edges").findValuesAsString("id")).doesNotContain(id);
		// a record with only the MAC still finds the CI
		JsonNode byMac = ingest(snapshot("nmap-x" + u, "DELTA", Instant.now(),
				List.of(item("m", "Server", Map.of("macAddresses", List.of("02-42-AC-11-00-02")), attrs())), List.of()));
		assertThat(ciId(byMac, "m")).isEqualTo(id);
	}

	@Test
	void aRetiredHostReportedAgainIsRevived() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(600);
		// a ref of its own: deletions name refs of earlier snapshots of the source, and other tests post "h" too
		String ref = "ret-" + u;
		JsonNode s = ingest(snapshot("host-agent", "DELTA", t0,
				List.of(item(ref, "Server", Map.of("serialNumber", "RET-" + u), attrs("os", "Rocky 9"))), List.of()));
		String id = ciId(s, ref);
		Map<String, Object> delete = snapshot("host-agent", "DELTA", t0.plusSeconds(10), List.of(), List.of());
		delete.put("deletions", List.of(Map.of("ref", ref)));
		ingest(delete);
		assertThat(ci(id).get("status").asString()).isEqualTo("STALE");
		String cursor = data("{ events(after: \"latest\", first: 1) { next } }").get("events").get("next").asString();
		staleness.run(System.currentTimeMillis() + days(31).toMillis());
		assertThat(ci(id).get("status").asString()).isEqualTo("RETIRED");
		// the retirement is published, in the transaction that retired it
		List<JsonNode> retired = new ArrayList<>();
		for (boolean more = true; more;) {
			JsonNode page = data("query($a: String) { events(after: $a, first: 1000, types: [\"ci.status_changed\"]) { "
					+ "next hasMore events { subject { ciId } data } } }", "a", cursor).get("events");
			page.get("events").forEach(retired::add);
			cursor = page.get("next").asString();
			more = page.get("hasMore").asBoolean();
		}
		assertThat(retired).anySatisfy(e -> {
			assertThat(e.get("subject").get("ciId").asString()).isEqualTo(id);
			assertThat(e.get("data").get("new").asString()).isEqualTo("RETIRED");
		});

		JsonNode back = ingest(snapshot("host-agent", "DELTA", Instant.now(),
				List.of(item("h", "Server", Map.of("serialNumber", "ret-" + u), attrs("os", "Rocky 9.4"))), List.of()));
		assertThat(ciId(back, "h")).isEqualTo(id);
		JsonNode ci = ci(id);
		assertThat(ci.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(ci.get("attributes").get("os").asString()).isEqualTo("Rocky 9.4");
		JsonNode history = data(HISTORY, "id", id).get("history");
		assertThat(history).anySatisfy(h -> {
			assertThat(h.get("kind").asString()).isEqualTo("STATUS");
			assertThat(h.get("oldValue").asString()).isEqualTo("RETIRED");
			assertThat(h.get("newValue").asString()).isEqualTo("ACTIVE");
		});
	}

	@Test
	void aWithdrawnEdgeReportedAgainIsOneEdgeWithBothFactsInItsHistory() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(600);
		List<Map<String, Object>> items = List.of(item("app", "Server", Map.of("fqdn", "app-" + u + ".example"), attrs()),
				item("db", "Server", Map.of("fqdn", "db-" + u + ".example"), attrs()));
		JsonNode first = ingest(full("nmap-" + u, t0, items, List.of(rel("DEPENDS_ON", "app", "db"))));
		String app = ciId(first, "app");
		String db = ciId(first, "db");
		ingest(full("nmap-" + u, t0.plusSeconds(60), items, List.of()));
		assertThat(edges(app, db)).isZero();
		ingest(full("nmap-" + u, t0.plusSeconds(120), items, List.of(rel("DEPENDS_ON", "app", "db"))));
		assertThat(edges(app, db)).isEqualTo(1);
		List<String> kinds = new ArrayList<>();
		data(HISTORY, "id", app).get("history").forEach(h -> {
			if (h.get("field").asString("").equals("DEPENDS_ON")) {
				assertThat(h.get(h.get("kind").asString().equals("RELATIONSHIP_REMOVED") ? "oldValue" : "newValue")
					.asString()).isEqualTo(db);
				kinds.add(h.get("kind").asString());
			}
		});
		assertThat(kinds).containsExactlyInAnyOrder("RELATIONSHIP_REMOVED", "RELATIONSHIP_ADDED");
	}

	@Test
	void aFullReSendKeepsWhatItReportsAgainWithoutRewritingItAndWithdrawsOnlyWhatItDropped() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(600);
		// a volume another source reported: the scanner's edge to it is a look-up, not one of its items
		String volume = ciId(ingest(snapshot("host-agent", "DELTA", t0, List.of(item("v", "StorageVolume",
				Map.of("name", "vol-" + u), attrs())), List.of())), "v");
		List<Map<String, Object>> items = List.of(item("app", "Server", Map.of("fqdn", "app-" + u + ".example"), attrs()),
				item("db", "Server", Map.of("fqdn", "db-" + u + ".example"), attrs()));
		List<Object> rels = List.of(rel("DEPENDS_ON", "app", "db"),
				rel("DEPENDS_ON", "db", lookup("StorageVolume", Map.of("name", "vol-" + u))));
		JsonNode first = ingest(full("nmap-" + u, t0, items, rels));
		String app = ciId(first, "app");
		String db = ciId(first, "db");
		JsonNode again = ingest(full("nmap-" + u, t0.plusSeconds(60), items, rels));
		assertThat(again.get("withdrawal").get("edgesRemoved").asInt()).isZero();
		assertThat(edges(app, db)).isEqualTo(1);
		assertThat(edges(db, volume)).isEqualTo(1);
		JsonNode dropped = ingest(full("nmap-" + u, t0.plusSeconds(120), items, List.of(rels.get(0))));
		assertThat(dropped.get("withdrawal").get("edgesRemoved").asInt()).isEqualTo(1);
		assertThat(edges(app, db)).isEqualTo(1);
		assertThat(edges(db, volume)).isZero();
		long added = 0;
		for (JsonNode h : data(HISTORY, "id", app).get("history")) {
			added += h.get("kind").asString().equals("RELATIONSHIP_ADDED") ? 1 : 0;
		}
		assertThat(added).as("the re-sent edge is one fact, not one per snapshot").isLessThanOrEqualTo(1);
	}

	/**
	 * An unchanged re-send does not look its edges up again (the server remembers which edges each source asserts,
	 * under the store's edge epoch): an edge removed behind the server's back stays removed, and once the epoch moves,
	 * as every withdrawal and merge of another instance sharing the database moves it, the next re-send looks the
	 * edges up and asserts it again.
	 */
	@Test
	void aReSendTrustsTheEdgesItsSourceAssertsUntilTheEdgeEpochMoves() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(600);
		List<Map<String, Object>> items = List.of(item("app", "Server", Map.of("fqdn", "app-" + u + ".example"), attrs()),
				item("db", "Server", Map.of("fqdn", "db-" + u + ".example"), attrs()));
		List<Object> rels = List.of(rel("DEPENDS_ON", "app", "db"));
		JsonNode first = ingest(full("nmap-" + u, t0, items, rels));
		String app = ciId(first, "app");
		String db = ciId(first, "db");
		try (var s = driver.session()) {
			s.run("MATCH (:CI {id: $a})-[e:DEPENDS_ON]->(:CI {id: $b}) DELETE e", Map.of("a", app, "b", db)).consume();
		}
		ingest(full("nmap-" + u, t0.plusSeconds(60), items, rels));
		assertThat(edges(app, db)).as("not looked up again").isZero();
		try (var s = driver.session()) {
			s.run("MERGE (e:EdgeEpoch {name: 'edges'}) SET e.token = 'another-instance-withdrew'").consume();
		}
		JsonNode third = ingest(full("nmap-" + u, t0.plusSeconds(120), items, rels));
		assertThat(edges(app, db)).isEqualTo(1);
		assertThat(third.get("edgesCreated").asInt()).isEqualTo(1);
	}

	@Test
	void aCompleteReSendThatReportsEveryAssertedEdgeReadsNoneAndOneThatOmitsAnEdgeWithdrawsIt() {
		// the scheduled agents of the shared server write edges too, moving the epoch
		whileAgentsPaused(this::reSendsAgainstACompleteSet);
	}

	private void reSendsAgainstACompleteSet() {
		String u = unique();
		String source = "nmap-" + u;
		Instant t0 = Instant.now().minusSeconds(600);
		List<Map<String, Object>> items = List.of(item("app", "Server", Map.of("fqdn", "app-" + u + ".example"), attrs()),
				item("db", "Server", Map.of("fqdn", "db-" + u + ".example"), attrs()),
				item("cache", "Server", Map.of("fqdn", "cache-" + u + ".example"), attrs()));
		JsonNode first = ingest(full(source, t0, items,
				List.of(rel("DEPENDS_ON", "app", "db"), rel("DEPENDS_ON", "app", "cache"))));
		String app = ciId(first, "app");
		String db = ciId(first, "db");
		String cache = ciId(first, "cache");
		assertThat(epoch.allReported(source, new long[0], () -> true)).as("loads the source's set whole").isFalse();
		// omits app -> cache: the complete set says an edge is unreported, so the scope's edges are read and it goes
		ingest(full(source, t0.plusSeconds(60), items, List.of(rel("DEPENDS_ON", "app", "db"))));
		assertThat(edges(app, cache)).isZero();
		assertThat(edges(app, db)).isEqualTo(1);
		// an edge written behind the ingestion's back without moving the epoch (no writer does that) shows that an
		// unchanged re-send withdraws from the set in memory and reads no edge
		plantEdge(source, db, cache);
		ingest(full(source, t0.plusSeconds(120), items, List.of(rel("DEPENDS_ON", "app", "db"))));
		assertThat(edges(db, cache)).as("not read").isEqualTo(1);
		// written as another instance writes edges: the epoch moves, the set is not trusted, the scope is read
		plantEdge(source, db, cache);
		try (var s = driver.session()) {
			s.run("MERGE (e:EdgeEpoch {name: 'edges'}) SET e.token = 'another-instance-added'").consume();
		}
		JsonNode fourth = ingest(full(source, t0.plusSeconds(180), items, List.of(rel("DEPENDS_ON", "app", "db"))));
		assertThat(edges(db, cache)).isZero();
		assertThat(edges(app, db)).isEqualTo(1);
		assertThat(fourth.get("withdrawal").get("edgesRemoved").asInt()).isEqualTo(1);
	}

	private void plantEdge(String source, String from, String to) {
		try (var s = driver.session()) {
			s.run("MATCH (a:CI {id: $a}), (b:CI {id: $b}) MERGE (a)-[e:DEPENDS_ON]->(b) SET e.sources = [$source], e.since = 0",
					Map.of("a", from, "b", to, "source", source)).consume();
		}
	}

	@Test
	void aRecordWithItsOwnMacAndAVirtualRouterMacIsIdentifiedByItsOwnMac() {
		String u = unique();
		String vrrp = "00:00:5e:00:01:0a";
		Instant now = Instant.now();
		JsonNode hosts = ingest(snapshot("host-agent", "DELTA", now, List.of(
				item("r1", "Server", Map.of("fqdn", "r1-" + u + ".example", "macAddresses", List.of("02:11:22:33:44:01", vrrp)), attrs()),
				item("r2", "Server", Map.of("fqdn", "r2-" + u + ".example", "macAddresses", List.of("02:11:22:33:44:02", vrrp)), attrs())),
				List.of()));
		assertThat(ciId(hosts, "r1")).isNotEqualTo(ciId(hosts, "r2"));
		JsonNode scan = ingest(snapshot("nmap-" + u, "DELTA", now, List.of(
				item("x", "Server", Map.of("macAddresses", List.of("0211.2233.4401", "00-00-5E-00-01-0A")), attrs("openPorts", 3))),
				List.of()));
		assertThat(result(scan, "item", 0).get("operation").asString()).isEqualTo("UPDATE");
		assertThat(ciId(scan, "x")).isEqualTo(ciId(hosts, "r1"));
		JsonNode r1 = ci(ciId(hosts, "r1"));
		r1.get("identifiers").forEach(i -> {
			if (i.get("key").asString().equals("macAddresses")) {
				assertThat(i.get("values").findValuesAsString("")).isEmpty();
				assertThat(i.get("values").toString()).doesNotContain("00005e00010a").contains("021122334401");
			}
		});
		// HSRP v1 and v2 as well: a record with only the shared MAC identifies nothing
		JsonNode only = ingest(snapshot("nmap-" + u, "DELTA", now, List.of(
				item("y", "Server", Map.of("macAddresses", List.of("00:00:0c:07:ac:01")), attrs())), List.of()));
		assertThat(result(only, "item", 0).get("operation").asString()).isEqualTo("REJECTED");
	}

	@Test
	void aCiStrippedByAnEarlierVersionIsRestoredFromItsHistoryAndIdentifiedAgain() {
		String u = unique();
		String id = java.util.UUID.randomUUID().toString();
		String fqdn = "ghost-" + u + ".example";
		strippedCi(id, fqdn);
		assertThat(repair.run()).isGreaterThanOrEqualTo(1);
		JsonNode ci = ci(id);
		assertThat(ci.get("status").asString()).isEqualTo("STALE");
		assertThat(ci.get("name").asString()).isEqualTo(fqdn);
		assertThat(ci.get("attributes").get("os").asString()).isEqualTo("Debian 12");
		assertThat(texts(data(HISTORY, "id", id).get("history"), "kind")).contains("REPAIRED");
		assertThat(repair.run()).isZero();
		JsonNode back = ingest(snapshot("host-agent", "DELTA", Instant.now(),
				List.of(item("h", "Server", Map.of("fqdn", fqdn.toUpperCase()), attrs("os", "Debian 13"))), List.of()));
		assertThat(ciId(back, "h")).isEqualTo(id);
		assertThat(ci(id).get("status").asString()).isEqualTo("ACTIVE");
	}

	@Test
	void aDuplicateCreatedBeforeTheRepairIsMergedIntoItByItsRecordsNextReportEvenUnchanged() {
		String u = unique();
		String id = java.util.UUID.randomUUID().toString();
		String fqdn = "twin-" + u + ".example";
		strippedCi(id, fqdn);
		Instant t = Instant.now().minusSeconds(120);
		JsonNode first = ingest(snapshot("host-agent-" + u, "DELTA", t,
				List.of(item("h", "Server", Map.of("fqdn", fqdn), attrs("os", "Debian 13"))), List.of()));
		String duplicate = ciId(first, "h");
		assertThat(duplicate).isNotEqualTo(id);
		assertThat(repair.run()).isGreaterThanOrEqualTo(1);
		// the same record again: bound to the duplicate until the repair, identified now, and the two CIs merged
		JsonNode again = ingest(snapshot("host-agent-" + u, "DELTA", t.plusSeconds(60),
				List.of(item("h", "Server", Map.of("fqdn", fqdn), attrs("os", "Debian 13"))), List.of()));
		assertThat(ciId(again, "h")).isEqualTo(id);
		assertThat(count("MATCH (c:CI {id: $id}) RETURN count(c)", Map.of("id", duplicate))).isZero();
		// and bound to the survivor from then on
		JsonNode third = ingest(snapshot("host-agent-" + u, "DELTA", t.plusSeconds(120),
				List.of(item("h", "Server", Map.of("fqdn", fqdn), attrs("os", "Debian 13"))), List.of()));
		assertThat(ciId(third, "h")).isEqualTo(id);
		assertThat(result(third, "item", 0).get("operation").asString()).isEqualTo("NO_CHANGE");
	}

	/** What the previous version left behind: no assertion, no identifiers, values nulled in history. */
	private void strippedCi(String id, String fqdn) {
		long seen = System.currentTimeMillis() - 86_400_000L;
		long withdrawnAt = seen + 3_600_000L;
		try (var s = driver.session()) {
			s.run("""
					CREATE (c:CI:Host:Server {id: $id, class: 'Server', scope: '-', status: 'STALE', identifiers: '{}',
					        attributes: '{}', provenance: '{}', idTokens: [], sourceNames: [], firstSeen: $seen,
					        lastSeen: $seen, staleSince: $w})
					CREATE (:Change {id: randomUUID(), ciId: $id, at: $seen, kind: 'INSERT', newValue: '"Server"'})
					CREATE (:Change {id: randomUUID(), ciId: $id, at: $w, kind: 'ASSERTION_WITHDRAWN', field: 'source',
					                 oldValue: '"nmap-old"'})
					CREATE (:Change {id: randomUUID(), ciId: $id, at: $w, kind: 'IDENTIFIER', field: 'fqdn',
					                 oldValue: $fq})
					CREATE (:Change {id: randomUUID(), ciId: $id, at: $w, kind: 'ATTRIBUTE', field: 'os', oldValue: '"Debian 12"'})
					""", Map.of("id", id, "seen", seen, "w", withdrawnAt, "fq", "[\"" + fqdn + "\"]")).consume();
		}
	}

	private Map<String, Object> full(String source, Instant at, List<Map<String, Object>> items, List<?> rels) {
		Map<String, Object> s = snapshot(source, "FULL", at, items, rels);
		s.put("scope", "net");
		s.put("complete", true);
		return s;
	}

	private long edges(String from, String to) {
		return count("MATCH (:CI {id: $a})-[e:DEPENDS_ON]->(:CI {id: $b}) RETURN count(e)", Map.of("a", from, "b", to));
	}

	private JsonNode provenance(String id, String attribute) {
		JsonNode p = data("query($id: ID!, $a: String) { ci(id: $id) { provenance(attribute: $a) { source reason observedAt "
				+ "candidates { source withdrawn } } } }", "id", id, "a", attribute).get("ci").get("provenance");
		assertThat(p).as("provenance of %s", attribute).hasSize(1);
		return p.get(0);
	}

}
