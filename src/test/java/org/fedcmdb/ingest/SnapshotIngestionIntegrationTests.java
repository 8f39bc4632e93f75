package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.cis.StalenessService;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Identification, reconciliation, withdrawal, staleness and history through the HTTP API on embedded Neo4j. */
class SnapshotIngestionIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private org.fedcmdb.cis.SnapshotRefs snapshotRefs;

	@Autowired
	StalenessService staleness;

	@Test
	void theSameHostFromThreeSourcesWithDifferentIdentifiersIsOneCi() {
		String u = unique();
		Instant now = Instant.now();
		JsonNode a = ingest(snapshot("host-agent", "DELTA", now, List.of(item("h", "Server",
				Map.of("serialNumber", "SER-" + u, "fqdn", "db-" + u + ".corp.example", "macAddresses", List.of("00:50:56:aa:bb:cc")),
				attrs("os", "Debian 12", "memoryMb", 32768))), List.of()));
		String id = ciId(a, "h");
		// nmap: MAC in another notation, FQDN in upper case with a trailing dot
		JsonNode b = ingest(snapshot("nmap-dc1", "DELTA", now, List.of(item("x", "Server",
				Map.of("fqdn", "DB-" + u.toUpperCase() + ".CORP.EXAMPLE.", "macAddresses", List.of("00-50-56-AA-BB-CC"),
						"ipAddresses", List.of("10.9.0.5")),
				attrs("os", "Linux 6.X"))), List.of()));
		// terraform: the serial only
		JsonNode c = ingest(snapshot("terraform-prod", "DELTA", now,
				List.of(item("vm", "VirtualMachine", Map.of("serialNumber", " ser-" + u + " "), attrs("instanceType", "m5.large"))),
				List.of()));
		assertThat(ciId(b, "x")).isEqualTo(id);
		assertThat(ciId(c, "vm")).isEqualTo(id);
		JsonNode ci = ci(id);
		assertThat(texts(ci.get("sources"), "source")).containsExactlyInAnyOrder("host-agent", "nmap-dc1", "terraform-prod");
		assertThat(ci.get("attributes").get("os").asString()).isEqualTo("Debian 12");
		assertThat(ci.get("attributes").get("instanceType").asString()).isEqualTo("m5.large");
		JsonNode found = data("query($v: String!) { cis(filter: {identifier: {key: \"macAddresses\", value: $v}}) { totalCount edges { node { id } } } }",
				"v", "0050.56aa.bbcc");
		assertThat(found.get("cis").get("edges").get(0).get("node").get("id").asString()).isEqualTo(id);
	}

	@Test
	void aStaleAuthoritativeSourceYieldsToTheNextAndProvenanceSaysWhy() {
		String u = unique();
		Instant now = Instant.now();
		String fqdn = "app-" + u + ".corp.example";
		ingest(snapshot("host-agent", "DELTA", now.minus(days(3)),
				List.of(item("h", "Server", Map.of("fqdn", fqdn), attrs("os", "Debian 11"))), List.of()));
		JsonNode n = ingest(snapshot("nmap-dc1", "DELTA", now,
				List.of(item("h", "Server", Map.of("fqdn", fqdn), attrs("os", "Linux 6.X"))), List.of()));
		JsonNode ci = ci(ciId(n, "h"));
		assertThat(ci.get("attributes").get("os").asString()).isEqualTo("Linux 6.X");
		JsonNode os = provenance(ci, "os");
		assertThat(os.get("source").asString()).isEqualTo("nmap-dc1");
		assertThat(os.get("rule").asString()).contains("Host.os");
		// a fresh report from the authority wins again
		ingest(snapshot("host-agent", "DELTA", now, List.of(item("h", "Server", Map.of("fqdn", fqdn), attrs("os", "Debian 12"))),
				List.of()));
		JsonNode again = provenance(ci(ciId(n, "h")), "os");
		assertThat(again.get("value").asString()).isEqualTo("Debian 12");
		assertThat(again.get("reason").asString()).isEqualTo("AUTHORITATIVE");
	}

	private static JsonNode provenance(JsonNode ci, String attribute) {
		for (JsonNode p : ci.get("provenance")) {
			if (p.get("attribute").asString().equals(attribute)) {
				return p;
			}
		}
		throw new AssertionError("no provenance for " + attribute);
	}

	@Test
	void nullDoesNotOverwriteAValue() {
		String u = unique();
		Instant now = Instant.now();
		JsonNode first = ingest(snapshot("declared", "DELTA", now.minusSeconds(60), List.of(item("s", "BusinessService",
				Map.of("name", "Svc " + u), attrs("owner", "Team A", "criticality", 2))), List.of()));
		Map<String, Object> nullOwner = new java.util.HashMap<>();
		nullOwner.put("owner", null);
		nullOwner.put("criticality", 1);
		ingest(snapshot("declared", "DELTA", now, List.of(item("s", "BusinessService", Map.of("name", "svc " + u), nullOwner)),
				List.of()));
		JsonNode ci = ci(ciId(first, "s"));
		assertThat(ci.get("attributes").get("owner").asString()).isEqualTo("Team A");
		assertThat(ci.get("attributes").get("criticality").asInt()).isEqualTo(1);
	}

	@Test
	void aSourceThatMayNotInsertWaitsUntilAnAllowedSourceCreatesTheCi() {
		String u = unique();
		Instant now = Instant.now();
		JsonNode sn = ingest(snapshot("servicenow-prod", "DELTA", now, List.of(item("x", "Server",
				Map.of("fqdn", "erp-" + u + ".corp.example", "sysId", "abc" + u), attrs("assetTag", "AT-" + u))), List.of()));
		JsonNode r = result(sn, "item", 0);
		assertThat(r.get("operation").asString()).isEqualTo("PENDING");
		assertThat(r.get("code").asString()).isEqualTo("INSERT_NOT_ALLOWED_FOR_SOURCE");
		assertThat(count("MATCH (c:CI) WHERE c.name = $n RETURN count(c)", Map.of("n", "erp-" + u + ".corp.example")))
			.isZero();
		JsonNode agent = ingest(snapshot("host-agent", "DELTA", now, List.of(item("h", "Server",
				Map.of("fqdn", "ERP-" + u + ".corp.example"), attrs("os", "RHEL 9"))), List.of()));
		JsonNode ci = ci(ciId(agent, "h"));
		assertThat(ci.get("attributes").get("assetTag").asString()).isEqualTo("AT-" + u);
		assertThat(texts(ci.get("sources"), "source")).contains("servicenow-prod", "host-agent");
	}

	@Test
	void dependentDatabaseInstancesWithTheSameNameOnTwoHostsStayTwo() {
		String u = unique();
		JsonNode s = ingest(snapshot("host-agent", "DELTA", Instant.now(), List.of(
				item("h1", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs()),
				item("h2", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs()),
				item("pg1", "DatabaseInstance", Map.of("name", "main", "port", 5432), attrs("engine", "postgresql")),
				item("pg2", "DatabaseInstance", Map.of("name", "main", "port", 5432), attrs("engine", "postgresql"))),
				List.of(rel("HOSTED_ON", "pg1", "h1"), rel("HOSTED_ON", "pg2", "h2"))));
		assertThat(ciId(s, "pg1")).isNotEqualTo(ciId(s, "pg2"));
		// the same report again finds the same two
		JsonNode again = ingest(snapshot("nmap-x", "DELTA", Instant.now(), List.of(
				item("h", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs()),
				item("pg", "DatabaseInstance", Map.of("name", "main", "port", 5432), attrs("version", "16"))),
				List.of(rel("HOSTED_ON", "pg", "h"))));
		assertThat(ciId(again, "pg")).isEqualTo(ciId(s, "pg2"));
	}

	@Test
	void anUnchangedRecordStaysOnItsCiButADependentOneReportedInsideAnotherParentIsIdentifiedThere() {
		String u = unique();
		String source = "host-agent-" + u;
		List<Map<String, Object>> items = List.of(
				item("h1", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs()),
				item("h2", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs()),
				item("pg", "DatabaseInstance", Map.of("name", "main", "port", 5432), attrs("engine", "postgresql")));
		Instant t0 = Instant.now().minusSeconds(300);
		JsonNode first = ingest(snapshot(source, "DELTA", t0, items, List.of(rel("HOSTED_ON", "pg", "h1"))));
		// the same report again: every record bound to its CI, nothing changed
		JsonNode same = ingest(snapshot(source, "DELTA", t0.plusSeconds(60), items, List.of(rel("HOSTED_ON", "pg", "h1"))));
		for (String ref : List.of("h1", "h2", "pg")) {
			assertThat(ciId(same, ref)).isEqualTo(ciId(first, ref));
		}
		assertThat(texts(same.get("results"), "operation")).containsOnly("NO_CHANGE");
		// the same record inside the other host: another instance, identified inside h2, not the bound one
		JsonNode moved = ingest(snapshot(source, "DELTA", t0.plusSeconds(120), items, List.of(rel("HOSTED_ON", "pg", "h2"))));
		assertThat(ciId(moved, "pg")).isNotEqualTo(ciId(first, "pg"));
		assertThat(ciId(moved, "h1")).isEqualTo(ciId(first, "h1"));
		assertThat(result(moved, "item", 2).get("operation").asString()).isEqualTo("INSERT");
	}

	@Test
	void aCompleteFullSnapshotWithdrawsWhatItNoLongerReportsForItsScopeOnly() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(600);
		Map<String, Object> first = snapshot("nmap-" + u, "FULL", t0, List.of(
				item("a", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs()),
				item("b", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs()),
				item("c", "Server", Map.of("fqdn", "c-" + u + ".example"), attrs())),
				List.of(rel("DEPENDS_ON", "a", "b")));
		first.put("scope", "net1");
		first.put("complete", true);
		JsonNode s1 = ingest(first);
		Map<String, Object> other = snapshot("nmap-" + u, "FULL", t0, List.of(
				item("z", "Server", Map.of("fqdn", "z-" + u + ".example"), attrs())), List.of());
		other.put("scope", "net2");
		other.put("complete", true);
		JsonNode s2 = ingest(other);
		// b is gone (and with it the edge a->b); c is still there; net2 is untouched
		Map<String, Object> second = snapshot("nmap-" + u, "FULL", t0.plusSeconds(60), List.of(
				item("a", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs()),
				item("c", "Server", Map.of("fqdn", "c-" + u + ".example"), attrs())), List.of());
		second.put("scope", "net1");
		second.put("complete", true);
		JsonNode s3 = ingest(second);
		assertThat(s3.get("withdrawal").get("withdrawn").asInt()).isEqualTo(1);
		assertThat(ci(ciId(s1, "b")).get("status").asString()).isEqualTo("STALE");
		assertThat(ci(ciId(s1, "a")).get("status").asString()).isEqualTo("ACTIVE");
		assertThat(ci(ciId(s1, "a")).get("out")).isEmpty();
		assertThat(ci(ciId(s2, "z")).get("status").asString()).isEqualTo("ACTIVE");
		JsonNode history = data("query($id: ID!) { history(ciId: $id) { kind field source } }", "id", ciId(s1, "b"));
		assertThat(texts(history.get("history"), "kind")).contains("ASSERTION_WITHDRAWN", "STATUS", "INSERT");
	}

	@Test
	void anIncompleteFullSnapshotWithdrawsNothing() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(600);
		Map<String, Object> first = snapshot("nmap-" + u, "FULL", t0, List.of(
				item("a", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs()),
				item("b", "Server", Map.of("fqdn", "b-" + u + ".example"), attrs())), List.of());
		first.put("complete", true);
		JsonNode s1 = ingest(first);
		Map<String, Object> partial = snapshot("nmap-" + u, "FULL", t0.plusSeconds(60),
				List.of(item("a", "Server", Map.of("fqdn", "a-" + u + ".example"), attrs())), List.of());
		partial.put("complete", false);
		JsonNode s2 = ingest(partial);
		assertThat(s2.get("withdrawal").get("withdrawn").asInt()).isZero();
		assertThat(ci(ciId(s1, "b")).get("status").asString()).isEqualTo("ACTIVE");
	}

	@Test
	void theSafetyCapRefusesAMassWithdrawalUnlessForced() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(600);
		List<Object> items = new java.util.ArrayList<>();
		for (int i = 0; i < 10; i++) {
			items.add(item("h" + i, "Server", Map.of("fqdn", "h" + i + "-" + u + ".example"), attrs()));
		}
		Map<String, Object> full = snapshot("nmap-" + u, "FULL", t0, items, List.of());
		full.put("complete", true);
		JsonNode s1 = ingest(full);
		Map<String, Object> few = snapshot("nmap-" + u, "FULL", t0.plusSeconds(60), items.subList(0, 3), List.of());
		few.put("complete", true);
		JsonNode refused = ingest(few);
		assertThat(refused.get("withdrawal").get("refused").asBoolean()).isTrue();
		assertThat(refused.get("withdrawal").get("message").asString()).contains("7 of 10");
		assertThat(ci(ciId(s1, "h9")).get("status").asString()).isEqualTo("ACTIVE");
		few.put("force", true);
		few.put("collectedAt", t0.plusSeconds(120).toString());
		JsonNode forced = ingest(few);
		assertThat(forced.get("withdrawal").get("withdrawn").asInt()).isEqualTo(7);
		assertThat(ci(ciId(s1, "h9")).get("status").asString()).isEqualTo("STALE");
	}

	/**
	 * The withdrawal reads the scope a page of 2,000 assertions at a time and withdraws each page's gone CIs before the
	 * next: with gone CIs on every page, none is skipped and none of the kept ones is withdrawn.
	 */
	@Test
	void aWithdrawalOverManyPagesWithdrawsEveryGoneCiAndNothingElse() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(600);
		List<Map<String, Object>> items = new java.util.ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			items.add(item("h" + i, "Server", Map.of("fqdn", "wp" + i + "-" + u + ".example"), attrs()));
		}
		Map<String, Object> full = snapshot("nmap-" + u, "FULL", t0, items, List.of());
		full.put("complete", true);
		ingest(full);
		List<Map<String, Object>> kept = new java.util.ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			if (i % 5 >= 2) { // three of every five kept, two gone: 2,000 of 5,000, under the 50% cap
				kept.add(items.get(i));
			}
		}
		Map<String, Object> again = snapshot("nmap-" + u, "FULL", t0.plusSeconds(60), kept, List.of());
		again.put("complete", true);
		JsonNode s2 = ingest(again);
		assertThat(s2.get("withdrawal").get("withdrawn").asInt()).isEqualTo(2_000);
		assertThat(s2.get("withdrawal").get("assertedInScope").asInt()).isEqualTo(5_000);
		Map<String, Object> source = Map.of("s", "nmap-" + u);
		assertThat(count("MATCH (a:Assertion {source: $s}) WHERE a.withdrawnAt IS NOT NULL RETURN count(a)", source))
			.isEqualTo(2_000);
		assertThat(count("""
				MATCH (a:Assertion {source: $s}) WHERE a.withdrawnAt IS NOT NULL
				  AND toInteger(substring(a.ref, 1)) % 5 >= 2
				RETURN count(a)""", source)).as("kept ones withdrawn").isZero();
	}

	@Test
	void anOlderSnapshotArrivingLateNeverRegressesValuesOrLastSeen() {
		String u = unique();
		Instant now = Instant.now();
		JsonNode fresh = ingest(snapshot("host-agent", "DELTA", now,
				List.of(item("h", "Server", Map.of("fqdn", "o-" + u + ".example"), attrs("os", "Debian 12"))), List.of()));
		String id = ciId(fresh, "h");
		long lastSeen = count("MATCH (c:CI {id: $id}) RETURN c.lastSeen", Map.of("id", id));
		JsonNode old = ingest(snapshot("host-agent", "DELTA", now.minusSeconds(3600),
				List.of(item("h", "Server", Map.of("fqdn", "o-" + u + ".example"), attrs("os", "Debian 11"))), List.of()));
		assertThat(ciId(old, "h")).isEqualTo(id);
		assertThat(ci(id).get("attributes").get("os").asString()).isEqualTo("Debian 12");
		assertThat(count("MATCH (c:CI {id: $id}) RETURN c.lastSeen", Map.of("id", id))).isEqualTo(lastSeen);
	}

	@Test
	void anUnchangedReSendMovesTheCisLastSeenWithoutWritingTheCi() {
		String u = unique();
		Instant t0 = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		List<Map<String, Object>> items = List.of(item("h", "Server", Map.of("fqdn", "ls-" + u + ".example"),
				attrs("os", "Debian 12")));
		String id = ciId(ingest(snapshot("host-agent", "DELTA", t0, items, List.of())), "h");
		Instant t1 = t0.plusSeconds(1800);
		JsonNode again = ingest(snapshot("host-agent", "DELTA", t1, items, List.of()));
		assertThat(result(again, "item", 0).get("operation").asString()).isEqualTo("NO_CHANGE");
		assertThat(count("MATCH (c:CI {id: $id}) RETURN c.lastSeen", Map.of("id", id)))
			.as("the CI node is not written").isEqualTo(t0.toEpochMilli());
		JsonNode read = data("query($id: ID!, $name: String) { ci(id: $id) { lastSeen } "
				+ "cis(filter: {nameContains: $name}) { edges { node { id lastSeen } } } }", "id", id, "name", "ls-" + u);
		assertThat(Instant.parse(read.get("ci").get("lastSeen").asString())).isEqualTo(t1);
		JsonNode page = read.get("cis").get("edges");
		assertThat(page).hasSize(1);
		assertThat(Instant.parse(page.get(0).get("node").get("lastSeen").asString())).as("a page reads it too").isEqualTo(t1);
	}

	@Test
	void aCrossSourceEdgeWaitsForItsTargetAndIsCompletedWhenItAppears() {
		String u = unique();
		JsonNode s = ingest(snapshot("declared", "DELTA", Instant.now(), List.of(item("svc", "BusinessService",
				Map.of("name", "Billing " + u), attrs("criticality", 1))),
				List.of(rel("DEPENDS_ON", "svc", lookup("DatabaseInstance", Map.of("uid", "billing-db-" + u))))));
		JsonNode edge = result(s, "relationship", 0);
		assertThat(edge.get("operation").asString()).isEqualTo("PENDING");
		assertThat(edge.get("code").asString()).isEqualTo("LOOKUP_NOT_FOUND");
		String svc = ciId(s, "svc");
		assertThat(ci(svc).get("out")).isEmpty();
		JsonNode db = ingest(snapshot("terraform-prod", "DELTA", Instant.now(), List.of(item("db", "DatabaseInstance",
				Map.of("uid", "billing-db-" + u), attrs("engine", "postgres"))), List.of()));
		JsonNode out = ci(svc).get("out");
		assertThat(out).hasSize(1);
		assertThat(out.get(0).get("ci").get("id").asString()).isEqualTo(ciId(db, "db"));
		assertThat(out.get(0).get("type").asString()).isEqualTo("DEPENDS_ON");
	}

	@Test
	void aRecordProvingTwoCisAreOneMergesThemAndOldIdsStillResolve() {
		String u = unique();
		Instant now = Instant.now();
		JsonNode bySerial = ingest(snapshot("host-agent", "DELTA", now.minusSeconds(30), List.of(
				item("h", "Server", Map.of("serialNumber", "M-" + u), attrs("os", "Debian"))), List.of()));
		JsonNode byMac = ingest(snapshot("nmap-dc1", "DELTA", now.minusSeconds(20), List.of(
				item("h", "Server", Map.of("macAddresses", List.of("02:00:" + macTail(u))), attrs("openPorts", 2)),
				item("app", "Application", Map.of("name", "web-" + u), attrs())),
				List.of(rel("RUNS_ON", "app", "h"))));
		String survivor = ciId(bySerial, "h");
		String merged = ciId(byMac, "h");
		assertThat(merged).isNotEqualTo(survivor);
		JsonNode proof = ingest(snapshot("terraform-prod", "DELTA", now, List.of(item("h", "Server",
				Map.of("serialNumber", "M-" + u, "macAddresses", List.of("02-00-" + macTail(u).replace(':', '-'))), attrs())),
				List.of()));
		assertThat(result(proof, "item", 0).get("operation").asString()).isEqualTo("MERGED");
		assertThat(ciId(proof, "h")).isEqualTo(survivor);
		JsonNode viaOldId = ci(merged);
		assertThat(viaOldId.get("id").asString()).isEqualTo(survivor);
		assertThat(viaOldId.get("mergedIds").valueStream().map(JsonNode::asString).toList()).contains(merged);
		assertThat(texts(viaOldId.get("sources"), "source")).contains("host-agent", "nmap-dc1", "terraform-prod");
		assertThat(viaOldId.get("in").get(0).get("type").asString()).isEqualTo("RUNS_ON");
		JsonNode history = data("query($id: ID!) { history(ciId: $id) { kind } }", "id", merged).get("history");
		assertThat(texts(history, "kind")).contains("MERGED", "INSERT");
	}

	private static String macTail(String u) {
		return u.substring(0, 2) + ":" + u.substring(2, 4) + ":" + u.substring(4, 6) + ":" + u.substring(6, 8);
	}

	@Test
	void everyChangeIsInHistoryNewestFirst() {
		String u = unique();
		Instant now = Instant.now();
		JsonNode s = ingest(snapshot("host-agent", "DELTA", now.minusSeconds(10), List.of(
				item("h", "Server", Map.of("fqdn", "hist-" + u + ".example"), attrs("os", "Debian 11"))), List.of()));
		ingest(snapshot("host-agent", "DELTA", now, List.of(
				item("h", "Server", Map.of("fqdn", "hist-" + u + ".example", "ipAddresses", List.of("10.1.2.3")),
						attrs("os", "Debian 12"))), List.of()));
		JsonNode history = data("query($id: ID!) { history(ciId: $id) { kind field oldValue newValue source snapshotId at } }",
				"id", ciId(s, "h")).get("history");
		assertThat(texts(history, "kind")).containsSubsequence("ATTRIBUTE", "INSERT");
		JsonNode os = null;
		for (JsonNode h : history) {
			if ("os".equals(h.path("field").asString(null))) {
				os = h;
			}
		}
		assertThat(os).isNotNull();
		assertThat(os.get("oldValue").asString()).isEqualTo("Debian 11");
		assertThat(os.get("newValue").asString()).isEqualTo("Debian 12");
		assertThat(os.get("source").asString()).isEqualTo("host-agent");
		assertThat(texts(history, "kind")).contains("IDENTIFIER");
	}

	/**
	 * A CI's INSERT entry is made from the CI itself (createdBy, createdIn): the snapshot that created it, and the
	 * edges that snapshot reported from it, to a CI of a later chunk (settled at the finish) as to one of the same or
	 * an earlier chunk, are part of it; no RELATIONSHIP_ADDED entry.
	 */
	@Test
	void relationshipsToCisOfLaterChunksBelongToTheInsertOfTheCiTheSnapshotCreated() {
		String u = unique();
		String source = "terraform-fw" + u;
		String id = openChunked(source);
		postChunk(id, List.of(item("app", "Application", Map.of("uid", "fw-app-" + u), attrs())),
				List.of(rel("DEPENDS_ON", "app", "db")));
		postChunk(id, List.of(item("db", "Application", Map.of("uid", "fw-db-" + u), attrs()),
				item("web", "Application", Map.of("uid", "fw-web-" + u), attrs())),
				List.of(rel("DEPENDS_ON", "web", "app"), rel("DEPENDS_ON", "app", "web")));
		JsonNode s = completeChunked(id);
		assertThat(s.get("edgesCreated").asInt()).as(s.toString()).isEqualTo(3);
		JsonNode history = data("query($id: ID!) { history(ciId: $id) { kind source snapshotId newValue ciId } }",
				"id", ciId(s, "app")).get("history");
		assertThat(texts(history, "kind")).containsExactly("INSERT");
		assertThat(history.get(0).get("source").asString()).isEqualTo(source);
		assertThat(history.get(0).get("snapshotId").asString()).isEqualTo(id);
		assertThat(history.get(0).get("ciId").asString()).isEqualTo(ciId(s, "app"));
		assertThat(history.get(0).get("newValue").asString()).isEqualTo("Application");
		assertThat(ci(ciId(s, "app")).get("out").size()).isEqualTo(2);
		assertThat(count("MATCH (h:Change {ciId: $id}) RETURN count(h)", Map.of("id", ciId(s, "app"))))
			.as("no history node: the INSERT entry is the CI's").isZero();
	}

	/**
	 * An edge to a CI of a later chunk, settled at the finish, is reported by its snapshot (kept with the chunk that
	 * posted it): the next complete FULL snapshot, which settles it the same way, does not withdraw it, and one that no
	 * longer reports it does.
	 */
	@Test
	void anEdgeSettledAtTheFinishIsReportedByItsSnapshot() {
		String u = unique();
		String source = "terraform-fs" + u;
		JsonNode s = null;
		for (int round = 0; round < 3; round++) {
			String id = openChunked(source);
			postChunk(id, List.of(item("app", "Application", Map.of("uid", "fs-app-" + u), attrs())),
					round < 2 ? List.of(rel("DEPENDS_ON", "app", "db")) : List.of());
			postChunk(id, List.of(item("db", "Application", Map.of("uid", "fs-db-" + u), attrs())), List.of());
			s = completeChunked(id);
			assertThat(s.get("withdrawal").get("edgesRemoved").asInt()).as(s.toString()).isEqualTo(round < 2 ? 0 : 1);
			assertThat(ci(ciId(s, "app")).get("out").size()).isEqualTo(round < 2 ? 1 : 0);
		}
	}

	/**
	 * The same when memory no longer holds the snapshot's refs (its chunks applied by another instance, or before a
	 * restart): the finish resolves the waiting edge's ref from the unchanged records' stored pairs, read beside the
	 * settlement.
	 */
	@Test
	void anEdgeSettledAtTheFinishResolvesFromTheStoredPairsWhenMemoryLacksThem() {
		String u = unique();
		String source = "terraform-fg" + u;
		for (int round = 0; round < 2; round++) {
			String id = openChunked(source);
			postChunk(id, List.of(item("app", "Application", Map.of("uid", "fg-app-" + u), attrs())),
					List.of(rel("DEPENDS_ON", "app", "db")));
			postChunk(id, List.of(item("db", "Application", Map.of("uid", "fg-db-" + u), attrs())), List.of());
			awaitItemsDone(id, 2);
			snapshotRefs.forget(id);
			JsonNode s = completeChunked(id);
			assertThat(s.get("counts").has("REJECTED")).as(s.toString()).isFalse();
			assertThat(s.get("withdrawal").get("edgesRemoved").asInt()).as(s.toString()).isZero();
			assertThat(ci(ciId(s, "app")).get("out").size()).isEqualTo(1);
		}
	}

	private void awaitItemsDone(String id, int items) {
		long deadline = System.currentTimeMillis() + 60_000;
		while (Json.MAPPER.readTree(get("/api/v1/snapshots/" + id).body()).get("progress").get("itemsDone")
			.asInt() < items) {
			assertThat(System.currentTimeMillis()).as("chunks of %s applied", id).isLessThan(deadline);
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	@Test
	void relationshipsACiIsCreatedWithBelongToItsInsertAndLaterOnesAreRecorded() {
		String u = unique();
		Instant now = Instant.now();
		JsonNode s = ingest(snapshot("declared", "DELTA", now.minusSeconds(10), List.of(
				item("app", "ApplicationService", Map.of("name", "rel-app-" + u), attrs()),
				item("db", "ApplicationService", Map.of("name", "rel-db-" + u), attrs())),
				List.of(rel("DEPENDS_ON", "app", "db"))));
		JsonNode created = data("query($id: ID!) { history(ciId: $id) { kind } }", "id", ciId(s, "app")).get("history");
		assertThat(texts(created, "kind")).containsExactly("INSERT");
		JsonNode later = ingest(snapshot("declared", "DELTA", now, List.of(
				item("app", "ApplicationService", Map.of("name", "rel-app-" + u), attrs()),
				item("cache", "ApplicationService", Map.of("name", "rel-cache-" + u), attrs())),
				List.of(rel("DEPENDS_ON", "app", "cache"))));
		JsonNode history = data("query($id: ID!) { history(ciId: $id) { kind field newValue } }", "id",
				ciId(s, "app")).get("history");
		assertThat(texts(history, "kind")).containsExactly("RELATIONSHIP_ADDED", "INSERT");
		assertThat(history.get(0).get("newValue").asString()).isEqualTo(ciId(later, "cache"));
		assertThat(ci(ciId(s, "app")).get("out").size()).isEqualTo(2);
	}

	/**
	 * A chunk's new CIs of several classes are created in one statement, each with its class's labels, and its new
	 * edges of several types in another, each with its own type.
	 */
	@Test
	void newCisGetTheirClassesLabelsAndNewEdgesTheirTypes() {
		String u = unique();
		JsonNode s = ingest(snapshot("terraform-lb" + u, "DELTA", Instant.now(), List.of(
				item("vm", "VirtualMachine", Map.of("fqdn", "vm-" + u + ".example"), attrs("os", "Debian 12")),
				item("srv", "Server", Map.of("fqdn", "srv-" + u + ".example"), attrs("os", "Debian 12")),
				item("app", "Application", Map.of("uid", "lb-app-" + u), attrs()),
				item("db", "DatabaseInstance", Map.of("uid", "lb-db-" + u), attrs())),
				List.of(rel("RUNS_ON", "app", "vm"), rel("HOSTED_ON", "db", "srv"), rel("DEPENDS_ON", "app", "db"))));
		try (var session = driver.session()) {
			java.util.function.Function<String, List<String>> labels = ref -> session
				.run("MATCH (c:CI {id: $id}) RETURN labels(c) AS l", Map.of("id", ciId(s, ref))).single().get("l")
				.asList(org.neo4j.driver.Value::asString);
			assertThat(labels.apply("vm")).containsExactlyInAnyOrder("CI", "Host", "VirtualMachine");
			assertThat(labels.apply("srv")).containsExactlyInAnyOrder("CI", "Host", "Server");
			assertThat(labels.apply("db")).contains("CI", "DatabaseInstance").doesNotContain("Host");
			assertThat(session.run("MATCH (a:CI)-[r]->(b:CI) WHERE a.id IN $ids RETURN a.id + '>' + type(r) + '>' + b.id AS e",
					Map.of("ids", List.of(ciId(s, "app"), ciId(s, "db")))).list(r -> r.get("e").asString()))
				.containsExactlyInAnyOrder(ciId(s, "app") + ">RUNS_ON>" + ciId(s, "vm"),
						ciId(s, "db") + ">HOSTED_ON>" + ciId(s, "srv"), ciId(s, "app") + ">DEPENDS_ON>" + ciId(s, "db"));
		}
	}

	/**
	 * A status long poll ({@code ?wait=}) answers when the snapshot ends: one asked before the snapshot is sealed
	 * answers COMPLETED (an answer at once would be RECEIVING); one that runs out answers the status as it is; an
	 * unknown snapshot is 404 at once.
	 */
	@Test
	void aStatusLongPollAnswersWhenTheSnapshotEnds() throws Exception {
		String u = unique();
		String id = openChunked("terraform-lp" + u);
		postChunk(id, List.of(item("a", "Application", Map.of("uid", "lp-" + u), attrs())), List.of());
		JsonNode running = org.fedcmdb.graph.Json.MAPPER.readTree(get("/api/v1/snapshots/" + id + "?limit=0&wait=200ms").body());
		assertThat(running.get("status").asString()).as("not sealed: the wait runs out").isEqualTo("RECEIVING");
		java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> waiting = java.util.concurrent.CompletableFuture
			.supplyAsync(() -> get("/api/v1/snapshots/" + id + "?limit=0&wait=30s"));
		sleep(300);
		assertThat(waiting).as("still waiting while the snapshot is open").isNotDone();
		assertThat(post("/api/v1/snapshots/" + id + "/complete", "application/json", new byte[0]).statusCode())
			.isEqualTo(202);
		java.net.http.HttpResponse<String> answer = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(org.fedcmdb.graph.Json.MAPPER.readTree(answer.body()).get("status").asString()).isEqualTo("COMPLETED");
		assertThat(get("/api/v1/snapshots/" + java.util.UUID.randomUUID() + "?wait=30s").statusCode()).isEqualTo(404);
		assertCode(get("/api/v1/snapshots/" + id + "?wait=61s"), 400, "INVALID_WAIT");
		assertCode(get("/api/v1/snapshots/" + id + "?wait=soon"), 400, "INVALID_WAIT");
	}

	@Test
	void anUnchangedResendIsRecognisedAsNoChange() {
		String u = unique();
		Map<String, Object> snap = snapshot("host-agent", "DELTA", Instant.now().minusSeconds(5), List.of(
				item("h", "Server", Map.of("fqdn", "same-" + u + ".example"), attrs("os", "Debian"))), List.of());
		JsonNode first = ingest(snap);
		snap.put("collectedAt", Instant.now().toString());
		JsonNode second = ingest(snap);
		assertThat(result(second, "item", 0).get("operation").asString()).isEqualTo("NO_CHANGE");
		assertThat(ciId(second, "h")).isEqualTo(ciId(first, "h"));
	}

	@Test
	void twoRecordsOfOneCiInAnUnchangedResendAreBothAccepted() {
		String u = unique();
		Map<String, Object> snap = snapshot("host-agent", "DELTA", Instant.now().minusSeconds(5), List.of(
				item("a", "Server", Map.of("fqdn", "twice-" + u + ".example"), attrs("os", "Debian")),
				item("b", "Server", Map.of("fqdn", "TWICE-" + u + ".example."), attrs("os", "Debian"))), List.of());
		JsonNode first = ingest(snap);
		assertThat(ciId(first, "b")).isEqualTo(ciId(first, "a"));
		snap.put("collectedAt", Instant.now().toString());
		JsonNode again = ingest(snap);
		assertThat(result(again, "item", 0).get("operation").asString()).isNotEqualTo("REJECTED");
		assertThat(result(again, "item", 1).get("operation").asString()).isNotEqualTo("REJECTED");
		assertThat(ciId(again, "b")).isEqualTo(ciId(first, "a"));
	}

	@Test
	void ageingPastTheStalenessWindowMakesCisStaleThenRetired() {
		String u = unique();
		// kubernetes* goes stale after one day
		JsonNode s = ingest(snapshot("kubernetes-c1", "DELTA", Instant.now().minusSeconds(20 * 3600), List.of(
				item("p", "Pod", Map.of("uid", "pod-" + u), attrs())), List.of()));
		String id = ciId(s, "p");
		assertThat(ci(id).get("status").asString()).isEqualTo("ACTIVE");
		staleness.run();
		assertThat(ci(id).get("status").asString()).isEqualTo("ACTIVE");
		staleness.run(System.currentTimeMillis() + 5 * 3600_000L);
		assertThat(ci(id).get("status").asString()).isEqualTo("STALE");
		staleness.run(System.currentTimeMillis() + days(31).toMillis());
		assertThat(ci(id).get("status").asString()).isEqualTo("RETIRED");
	}

	@Test
	void manualMergeAndSplit() {
		String u = unique();
		JsonNode s = ingest(snapshot("host-agent", "DELTA", Instant.now(), List.of(
				item("a", "Server", Map.of("fqdn", "ma-" + u + ".example"), attrs("os", "A")),
				item("b", "Server", Map.of("fqdn", "mb-" + u + ".example"), attrs("os", "B"))), List.of()));
		JsonNode t = ingest(snapshot("nmap-dc9", "DELTA", Instant.now(), List.of(
				item("b", "Server", Map.of("fqdn", "mb-" + u + ".example"), attrs("ports", 3))), List.of()));
		String a = ciId(s, "a");
		String b = ciId(t, "b");
		JsonNode merged = data("mutation($s: ID!, $m: [ID!]!) { mergeCis(survivorId: $s, mergedIds: $m, reason: \"same box\") { id sources { source } } }",
				"s", a, "m", List.of(b));
		assertThat(merged.get("mergeCis").get("id").asString()).isEqualTo(a);
		assertThat(ci(b).get("id").asString()).isEqualTo(a);
		JsonNode split = data("mutation($id: ID!) { splitCi(ciId: $id, sources: [\"nmap-dc9\"], reason: \"wrong\") { id sources { source } } }",
				"id", a);
		String newId = split.get("splitCi").get("id").asString();
		assertThat(newId).isNotEqualTo(a);
		assertThat(texts(split.get("splitCi").get("sources"), "source")).containsExactly("nmap-dc9");
		JsonNode refused = graphql("mutation { splitCi(ciId: \"" + a + "\", sources: [\"nope\"]) { id } }", Map.of());
		assertThat(refused.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("SPLIT_REFUSED");
	}

}
