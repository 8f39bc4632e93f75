package org.fedcmdb.asof;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.cis.StalenessService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The graph as it was: a hypervisor migration answers the old blast radius before it and the new one after, a
 * retired CI is there as of before its retirement, a merged CI answers under its own id as of before its merge, and
 * graphDiff lists what moved in a window.
 */
class AsOfIntegrationTests extends IntegrationTestSupport {

	@Autowired
	StalenessService staleness;

	static final String BR = "query($ids: [ID!]!, $at: DateTime, $dir: ImpactDirection) { blastRadius(ciIds: $ids, asOf: $at, direction: $dir) { "
			+ "totalImpacted impacted { state ci { id name status } path { id } } origins { id } edges { from to type } } }";

	static final String CI = "query($id: ID!, $at: DateTime) { ci(id: $id, asOf: $at) { id name status attributes "
			+ "identifiers { key values } out: relationships(direction: OUTGOING) { type since until ci { id name } } "
			+ "in: relationships(direction: INCOMING) { type until ci { id name } } } }";

	private static Map<String, Object> vm(String ref, String u, int cpu) {
		return item(ref, "VirtualMachine", Map.of("fqdn", ref + "-" + u + ".example"), attrs("name", ref + "-" + u, "cpu", cpu));
	}

	private Map<String, Object> full(String source, List<Map<String, Object>> items, List<?> rels) {
		Map<String, Object> s = snapshot(source, "FULL", Instant.now(), items, rels);
		s.put("scope", "dc1");
		s.put("complete", true);
		return s;
	}

	/** An instant strictly between what was written before and what is written after. */
	private static Instant between() {
		sleep(20);
		Instant t = Instant.now();
		sleep(20);
		return t;
	}

	private List<String> impactedNames(String id, Instant at) {
		JsonNode br = data(BR, "ids", List.of(id), "at", at == null ? null : at.toString()).get("blastRadius");
		List<String> names = new ArrayList<>();
		br.get("impacted").forEach(i -> names.add(i.get("ci").get("name").asString()));
		return names;
	}

	@Test
	void aHypervisorMigrationAnswersTheOldRadiusBeforeItAndTheNewAfter() {
		String u = unique();
		String source = "host-agent-" + u;
		List<Map<String, Object>> items = new ArrayList<>(List.of(
				item("hv1", "Hypervisor", Map.of("serialNumber", "HV1-" + u), attrs("name", "hv1-" + u)),
				item("hv2", "Hypervisor", Map.of("serialNumber", "HV2-" + u), attrs("name", "hv2-" + u)),
				vm("vm1", u, 4), vm("vm2", u, 4),
				item("app", "Application", Map.of("uid", "app-" + u), attrs("name", "app-" + u))));
		JsonNode first = ingest(full(source, items, List.of(rel("HOSTED_ON", "vm1", "hv1"), rel("HOSTED_ON", "vm2", "hv1"),
				rel("RUNS_ON", "app", "vm1"))));
		String hv1 = ciId(first, "hv1");
		String hv2 = ciId(first, "hv2");
		String vm1 = ciId(first, "vm1");
		Instant before = between();

		items.set(2, vm("vm1", u, 8));
		JsonNode moved = ingest(full(source, items, List.of(rel("HOSTED_ON", "vm1", "hv2"), rel("HOSTED_ON", "vm2", "hv1"),
				rel("RUNS_ON", "app", "vm1"))));
		assertThat(moved.get("withdrawal").get("edgesRemoved").asInt()).isEqualTo(1);
		Instant after = between();

		assertThat(impactedNames(hv1, before)).containsExactlyInAnyOrder("vm1-" + u, "vm2-" + u, "app-" + u);
		assertThat(impactedNames(hv2, before)).isEmpty();
		assertThat(impactedNames(hv1, after)).containsExactly("vm2-" + u);
		assertThat(impactedNames(hv2, after)).containsExactlyInAnyOrder("vm1-" + u, "app-" + u);
		assertThat(impactedNames(hv1, null)).as("now, without asOf").containsExactly("vm2-" + u);

		JsonNode then = data(CI, "id", vm1, "at", before.toString()).get("ci");
		assertThat(then.get("attributes").get("cpu").asInt()).isEqualTo(4);
		assertThat(then.get("out")).hasSize(1);
		assertThat(then.get("out").get(0).get("ci").get("id").asString()).isEqualTo(hv1);
		assertThat(then.get("out").get(0).get("until").isNull()).as("closed after the instant").isFalse();
		JsonNode now = data(CI, "id", vm1, "at", after.toString()).get("ci");
		assertThat(now.get("attributes").get("cpu").asInt()).isEqualTo(8);
		assertThat(now.get("out").get(0).get("ci").get("id").asString()).isEqualTo(hv2);
		// the edges drawn for a past radius are the edges then
		JsonNode br = data(BR, "ids", List.of(hv1), "at", before.toString()).get("blastRadius");
		assertThat(br.get("edges").toString()).contains(vm1).contains("HOSTED_ON");

		JsonNode diff = data("query($f: DateTime!, $t: DateTime, $ids: [ID!]) { graphDiff(from: $f, to: $t, scope: {ciIds: $ids}) { "
				+ "scopeSize added { id } changed { ciId kind field oldValue newValue source } "
				+ "relationshipsAdded { type from to } relationshipsRemoved { type from to since until } truncated } }",
				"f", before.toString(), "t", after.toString(), "ids", List.of(hv1, hv2)).get("graphDiff");
		assertThat(diff.get("added")).isEmpty();
		assertThat(diff.get("relationshipsRemoved")).hasSize(1);
		assertThat(diff.get("relationshipsRemoved").get(0).get("from").asString()).isEqualTo(vm1);
		assertThat(diff.get("relationshipsRemoved").get(0).get("to").asString()).isEqualTo(hv1);
		assertThat(diff.get("relationshipsAdded")).hasSize(1);
		assertThat(diff.get("relationshipsAdded").get(0).get("to").asString()).isEqualTo(hv2);
		assertThat(diff.get("changed")).anySatisfy(c -> {
			assertThat(c.get("ciId").asString()).isEqualTo(vm1);
			assertThat(c.get("field").asString()).isEqualTo("cpu");
			assertThat(c.get("oldValue").asInt()).isEqualTo(4);
			assertThat(c.get("newValue").asInt()).isEqualTo(8);
			assertThat(c.get("source").asString()).isEqualTo(source);
		});
		assertThat(diff.get("truncated").asBoolean()).isFalse();
		// a window before the migration saw none of it
		JsonNode quiet = data("query($f: DateTime!, $t: DateTime, $ids: [ID!]) { graphDiff(from: $f, to: $t, scope: {ciIds: $ids}) { "
				+ "changed { ciId } relationshipsAdded { type } relationshipsRemoved { type } } }",
				"f", before.minusMillis(10).toString(), "t", before.toString(), "ids", List.of(hv1)).get("graphDiff");
		assertThat(quiet.get("relationshipsRemoved")).isEmpty();
		assertThat(quiet.get("changed")).isEmpty();
	}

	/**
	 * lastSeen of an as-of answer: the CI's last sighting when it was by the instant, including an unchanged complete
	 * re-send's (which moves its scope's time, not the CI), and null when the CI was seen since (the store keeps the
	 * latest sighting only: what it was by then is not known).
	 */
	@Test
	void lastSeenAsOfAnInstantIsTheSightingByThenOrNullWhenSeenSince() {
		String u = unique();
		String source = "nmap-" + u;
		List<Map<String, Object>> items = List.of(vm("web", u, 2));
		String web = ciId(ingest(full(source, items, List.of())), "web");
		Instant afterFirst = between();
		Map<String, Object> again = full(source, items, List.of());
		Instant seenAgain = Instant.parse((String) again.get("collectedAt")).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		assertThat(ingest(again).get("counts").toString()).contains("NO_CHANGE");
		Instant afterSecond = between();
		String q = "query($id: ID!, $at: DateTime) { ci(id: $id, asOf: $at) { lastSeen } }";
		assertThat(data(q, "id", web, "at", afterFirst.toString()).get("ci").get("lastSeen").isNull())
			.as("seen since the instant").isTrue();
		assertThat(Instant.parse(data(q, "id", web, "at", afterSecond.toString()).get("ci").get("lastSeen").asString()))
			.isEqualTo(seenAgain);
		assertThat(Instant.parse(data(q, "id", web, "at", null).get("ci").get("lastSeen").asString())).isEqualTo(seenAgain);
		JsonNode page = data("query($at: DateTime, $c: String) { cis(filter: {source: $c}, asOf: $at) { edges { node { id lastSeen } } } }",
				"at", afterSecond.toString(), "c", source).get("cis").get("edges");
		assertThat(Instant.parse(page.get(0).get("node").get("lastSeen").asString())).isEqualTo(seenAgain);
	}

	@Test
	void aRetiredCiIsThereAsOfBeforeItsRetirementAndACreatedOneIsNotBeforeItsCreation() {
		String u = unique();
		String source = "host-agent-" + u;
		Instant beforeAll = between();
		JsonNode s = ingest(snapshot(source, "DELTA", Instant.now(), List.of(
				item("db", "DatabaseInstance", Map.of("uid", "db-" + u), attrs("name", "db-" + u)),
				item("app", "Application", Map.of("uid", "app-" + u), attrs("name", "app-" + u))),
				List.of(rel("DEPENDS_ON", "app", "db"))));
		String db = ciId(s, "db");
		String app = ciId(s, "app");
		Instant active = between();
		Map<String, Object> delete = snapshot(source, "DELTA", Instant.now(), List.of(), List.of());
		delete.put("deletions", List.of(Map.of("ref", "app")));
		ingest(delete);
		assertThat(ci(app).get("status").asString()).isEqualTo("STALE");
		// the retirement period passed: moved back in the store, so that the retirement is stamped with the real now
		try (var session = driver.session()) {
			session.run("MATCH (c:CI {id: $id}) SET c.staleSince = 0", Map.of("id", app)).consume();
		}
		staleness.run(System.currentTimeMillis());
		assertThat(ci(app).get("status").asString()).isEqualTo("RETIRED");
		Instant retired = between();

		assertThat(impactedNames(db, active)).containsExactly("app-" + u);
		assertThat(impactedNames(db, retired)).as("out of impact once retired").isEmpty();
		assertThat(data(CI, "id", app, "at", active.toString()).get("ci").get("status").asString()).isEqualTo("ACTIVE");
		assertThat(data(CI, "id", app, "at", retired.toString()).get("ci").get("status").asString()).isEqualTo("RETIRED");
		assertThat(data(CI, "id", app, "at", beforeAll.toString()).get("ci").isNull()).as("not yet created").isTrue();
		JsonNode empty = data(BR, "ids", List.of(db), "at", beforeAll.toString()).get("blastRadius");
		assertThat(empty.get("origins")).isEmpty();
		assertThat(empty.get("impacted")).isEmpty();
		JsonNode page = data("query($at: DateTime, $c: String) { cis(filter: {class: \"Application\", nameContains: $c}, asOf: $at) { totalCount edges { node { id status } } } }",
				"at", active.toString(), "c", "app-" + u).get("cis");
		assertThat(page.get("totalCount").asInt()).isEqualTo(1);
		assertThat(page.get("edges").get(0).get("node").get("status").asString()).isEqualTo("ACTIVE");
		JsonNode retiredPage = data("query($at: DateTime, $c: String) { cis(filter: {status: RETIRED, nameContains: $c}, asOf: $at) { totalCount } }",
				"at", active.toString(), "c", "app-" + u).get("cis");
		assertThat(retiredPage.get("totalCount").asInt()).as("not retired then").isZero();
		JsonNode diff = data("query($f: DateTime!, $c: String) { graphDiff(from: $f, scope: {class: \"Application\", source: $c}) { added { id } retired { id } } }",
				"f", beforeAll.toString(), "c", source).get("graphDiff");
		assertThat(texts(diff.get("added"), "id")).containsExactly(app);
		assertThat(texts(diff.get("retired"), "id")).containsExactly(app);
	}

	@Test
	void aMergedCiAnswersUnderItsOwnIdAsOfBeforeTheMerge() {
		String u = unique();
		JsonNode s = ingest(snapshot("host-agent-" + u, "DELTA", Instant.now(), List.of(
				item("hv", "Hypervisor", Map.of("serialNumber", "HV-" + u), attrs("name", "hv-" + u)),
				vm("a", u, 2), vm("b", u, 16),
				item("app", "Application", Map.of("uid", "app-" + u), attrs("name", "app-" + u))),
				List.of(rel("HOSTED_ON", "a", "hv"), rel("RUNS_ON", "app", "b"))));
		String hv = ciId(s, "hv");
		String a = ciId(s, "a");
		String b = ciId(s, "b");
		Instant before = between();
		data("mutation($s: ID!, $m: [ID!]!) { mergeCis(survivorId: $s, mergedIds: $m, reason: \"one VM\") { id } }",
				"s", a, "m", List.of(b));
		Instant after = between();

		assertThat(ci(b).get("id").asString()).as("now the merged id resolves to the survivor").isEqualTo(a);
		JsonNode then = data(CI, "id", b, "at", before.toString()).get("ci");
		assertThat(then.get("id").asString()).isEqualTo(b);
		assertThat(then.get("attributes").get("cpu").asInt()).isEqualTo(16);
		assertThat(then.get("in").get(0).get("ci").get("name").asString()).isEqualTo("app-" + u);
		assertThat(data(CI, "id", b, "at", after.toString()).get("ci").get("id").asString()).isEqualTo(a);
		assertThat(impactedNames(hv, before)).containsExactly("a-" + u);
		assertThat(impactedNames(hv, after)).containsExactlyInAnyOrder("a-" + u, "app-" + u);
		assertThat(impactedNames(b, before)).containsExactly("app-" + u);
		// the survivor's own history and the merged CI's are reachable through both ids
		List<String> kinds = texts(data("query($id: ID!) { history(ciId: $id, first: 100) { kind } }", "id", b)
			.get("history"), "kind");
		assertThat(kinds).contains("MERGED", "INSERT");
		assertThat(kinds.stream().filter("INSERT"::equals)).hasSize(2);
	}

	@Autowired
	HistoryRetention retention;

	@Test
	void retentionCompactsEachFieldToTheEndsOfItsIntervalsAndPurgesClosedRelationships() {
		String u = unique();
		String source = "host-agent-" + u;
		List<Map<String, Object>> items = new ArrayList<>(List.of(
				item("hv", "Hypervisor", Map.of("serialNumber", "HV-" + u), attrs("name", "hv-" + u)), vm("vm", u, 1)));
		JsonNode first = ingest(full(source, items, List.of(rel("HOSTED_ON", "vm", "hv"))));
		String vm = ciId(first, "vm");
		for (int cpu = 2; cpu <= 3; cpu++) {
			items.set(1, vm("vm", u, cpu));
			ingest(full(source, items, cpu == 2 ? List.of() : List.of(rel("HOSTED_ON", "vm", "hv"))));
		}
		Instant horizon = between();
		assertThat(count("MATCH (:CI {id: $id})-[w:WAS]->() RETURN count(w)", Map.of("id", vm))).isEqualTo(1);
		HistoryRetention.Result r = retention.compact(horizon.toEpochMilli(), List.of(vm));
		assertThat(r.compacted()).isEqualTo(1);
		assertThat(count("MATCH (:CI {id: $id})-[w:WAS]->() RETURN count(w)", Map.of("id", vm))).isZero();
		JsonNode history = data("query($id: ID!) { history(ciId: $id, first: 100) { kind field oldValue newValue detail } }",
				"id", vm).get("history");
		List<JsonNode> cpu = new ArrayList<>();
		history.forEach(h -> {
			if ("cpu".equals(h.path("field").asString(null))) {
				cpu.add(h);
			}
		});
		assertThat(cpu).hasSize(1);
		assertThat(cpu.get(0).get("oldValue").asInt()).isEqualTo(1);
		assertThat(cpu.get(0).get("newValue").asInt()).isEqualTo(3);
		assertThat(cpu.get(0).get("detail").asString()).startsWith("compacted: 2 changes");
		assertThat(texts(history, "kind")).doesNotContain("RELATIONSHIP_REMOVED", "RELATIONSHIP_ADDED").contains("INSERT");
		// as of after the horizon the answer is as exact as before compaction
		assertThat(data(CI, "id", vm, "at", horizon.toString()).get("ci").get("attributes").get("cpu").asInt()).isEqualTo(3);
		JsonNode old = graphql("{ ci(id: \"" + vm + "\", asOf: \"2020-01-01T00:00:00Z\") { id } }", Map.of());
		assertThat(old.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("AS_OF_BEYOND_RETENTION");
	}

	@Test
	void anInstantInTheFutureIsACodedError() {
		String future = Instant.now().plusSeconds(3600).toString();
		for (String q : List.of("query($at: DateTime) { ci(id: \"x\", asOf: $at) { id } }",
				"query($at: DateTime) { blastRadius(ciIds: [\"x\"], asOf: $at) { totalImpacted } }",
				"query($at: DateTime) { cis(asOf: $at) { edges { cursor } } }",
				"query($at: DateTime) { changeAssessment(input: {ciIds: [\"x\"]}, asOf: $at) { risk } }",
				"query($at: DateTime) { incidentAssessment(input: {ciIds: [\"x\"]}, asOf: $at) { priority } }",
				"query($at: DateTime) { graphDiff(from: \"2026-01-01T00:00:00Z\", to: $at, scope: {class: \"Server\"}) { scopeSize } }")) {
			JsonNode r = graphql(q, Map.of("at", future));
			assertThat(r.get("errors").get(0).get("extensions").get("code").asString()).as(q).isEqualTo("AS_OF_IN_FUTURE");
		}
	}

}
