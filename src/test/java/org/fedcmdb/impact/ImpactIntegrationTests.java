package org.fedcmdb.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Impact analysis on a fixture estate: services → applications (a pool with minHealthy 2) → VMs → hypervisors, a
 * database, a Kubernetes node and pod, a dependency cycle and a retired CI. Exact sets, depths, paths and states.
 */
class ImpactIntegrationTests extends IntegrationTestSupport {

	static Map<String, String> ids;

	static String u;

	static final String BR = "query($ids: [ID!]!, $dir: ImpactDirection, $depth: Int, $limit: Int, $retired: Boolean) { "
			+ "blastRadius(ciIds: $ids, direction: $dir, maxDepth: $depth, limit: $limit, includeRetired: $retired) { truncated totalImpacted "
			+ "impacted { depth state ci { id name class } path { id } } impactedServices { depth state ci { id name criticality } } "
			+ "countsByClass { class count } } }";

	@BeforeEach
	void estate() {
		if (ids != null) {
			return;
		}
		u = unique();
		List<Object> items = new ArrayList<>();
		List<Object> rels = new ArrayList<>();
		items.add(item("bsPay", "BusinessService", Map.of("name", "Payments " + u), attrs("criticality", 1, "supportGroup", "payments-oncall")));
		items.add(item("bsRep", "BusinessService", Map.of("name", "Reporting " + u), attrs("criticality", 3)));
		items.add(item("asApi", "ApplicationService", Map.of("name", "api " + u), attrs("criticality", 1)));
		items.add(item("asRep", "ApplicationService", Map.of("name", "rep " + u), attrs("criticality", 3)));
		rels.add(rel("DEPENDS_ON", "bsPay", "asApi"));
		rels.add(rel("DEPENDS_ON", "bsRep", "asRep"));
		items.add(item("pool", "RedundancyGroup", Map.of("name", "pool " + u), attrs("minHealthy", 2)));
		rels.add(rel("DEPENDS_ON", "asApi", "pool"));
		items.add(item("hv1", "Hypervisor", Map.of("serialNumber", "HV1-" + u), attrs("name", "hv1")));
		items.add(item("hv2", "Hypervisor", Map.of("serialNumber", "HV2-" + u), attrs("name", "hv2")));
		for (int i = 1; i <= 3; i++) {
			items.add(item("vm" + i, "VirtualMachine", Map.of("fqdn", "vm" + i + "-" + u + ".example"), attrs("name", "vm" + i)));
			items.add(item("app" + i, "Application", Map.of("uid", "app" + i + "-" + u), attrs("name", "app" + i)));
			rels.add(rel("RUNS_ON", "app" + i, "vm" + i));
			rels.add(rel("MEMBER_OF", "app" + i, "pool"));
			rels.add(rel("DEPENDS_ON", "app" + i, "db"));
			rels.add(rel("HOSTED_ON", "vm" + i, i < 3 ? "hv1" : "hv2"));
		}
		items.add(item("vmDb", "VirtualMachine", Map.of("fqdn", "db-" + u + ".example"), attrs("name", "vmDb", "supportGroup", "dba-team")));
		rels.add(rel("HOSTED_ON", "vmDb", "hv2"));
		items.add(item("db", "DatabaseInstance", Map.of("uid", "db-" + u), attrs("name", "db")));
		rels.add(rel("HOSTED_ON", "db", "vmDb"));
		items.add(item("repApp", "Application", Map.of("uid", "rep-" + u), attrs("name", "repApp")));
		rels.add(rel("RUNS_ON", "repApp", "vm3"));
		rels.add(rel("DEPENDS_ON", "repApp", "db"));
		rels.add(rel("DEPENDS_ON", "asRep", "repApp"));
		items.add(item("cycA", "Application", Map.of("uid", "cycA-" + u), attrs("name", "cycA")));
		items.add(item("cycB", "Application", Map.of("uid", "cycB-" + u), attrs("name", "cycB")));
		rels.add(rel("DEPENDS_ON", "cycA", "cycB"));
		rels.add(rel("DEPENDS_ON", "cycB", "cycA"));
		rels.add(rel("RUNS_ON", "cycA", "vm1"));
		items.add(item("old", "Application", Map.of("uid", "old-" + u), attrs("name", "old")));
		rels.add(rel("RUNS_ON", "old", "vm2"));
		items.add(item("cluster", "KubernetesCluster", Map.of("uid", "k8s-" + u), attrs("name", "k8s")));
		items.add(item("kn1", "KubernetesNode", Map.of("uid", "kn1-" + u), attrs("name", "kn1")));
		items.add(item("pod1", "Pod", Map.of("uid", "pod1-" + u), attrs("name", "pod1")));
		rels.add(rel("HOSTED_ON", "kn1", "vm2"));
		rels.add(rel("MEMBER_OF", "kn1", "cluster"));
		rels.add(rel("RUNS_ON", "pod1", "kn1"));
		JsonNode s = ingest(snapshot("declared", "DELTA", Instant.now(), items, rels));
		Map<String, String> m = new HashMap<>();
		for (JsonNode r : s.get("results")) {
			if (r.get("kind").asString().equals("item")) {
				m.put(r.get("ref").asString(), r.get("ciId").asString());
			}
			else {
				throw new AssertionError("fixture relationship not applied: " + r);
			}
		}
		try (var session = driver.session()) {
			session.run("MATCH (c:CI {id: $id}) SET c.status = 'RETIRED'", Map.of("id", m.get("old"))).consume();
		}
		ids = m;
	}

	private Map<String, JsonNode> impacted(JsonNode br) {
		Map<String, JsonNode> out = new HashMap<>();
		for (JsonNode i : br.get("impacted")) {
			String name = i.get("ci").get("name").asString();
			out.put(name, i);
		}
		return out;
	}

	private JsonNode blast(Object... vars) {
		return data(BR, vars).get("blastRadius");
	}

	@org.springframework.beans.factory.annotation.Autowired
	org.fedcmdb.graph.CypherCatalog cypherCatalog;

	@org.springframework.beans.factory.annotation.Autowired
	org.fedcmdb.catalogue.ClassCatalogue classes;

	@org.springframework.beans.factory.annotation.Autowired
	ImpactProcedureInstaller installer;

	@Test
	void theInDatabaseTraversalAnswersExactlyAsTheCypherOne() {
		assertThat(traversal.embedded()).as("the embedded database searched in process").isNotNull();
		ImpactTraversal overBolt = new ImpactTraversal(driver, cypherCatalog, classes, installer, true, (org.neo4j.graphdb.GraphDatabaseService) null);
		assertThat(overBolt.inDatabase()).as("fedcmdb.expand installed in the embedded database").isTrue();
		ImpactTraversal cypherOnly = new ImpactTraversal(driver, cypherCatalog, classes, installer, false, (org.neo4j.graphdb.GraphDatabaseService) null);
		assertThat(cypherOnly.inDatabase()).isFalse();
		List<ImpactQuery> queries = new ArrayList<>();
		for (String start : List.of("hv1", "hv2", "vm1", "db", "pool", "cycA", "kn1", "app3")) {
			for (ImpactQuery.Direction d : ImpactQuery.Direction.values()) {
				queries.add(new ImpactQuery(List.of(ids.get(start)), d, null, null, false, 1000));
				queries.add(new ImpactQuery(List.of(ids.get(start)), d, 1, null, true, 1000));
				queries.add(new ImpactQuery(List.of(ids.get(start)), d, null, List.of("HOSTED_ON", "RUNS_ON"), false, 1000));
				queries.add(new ImpactQuery(List.of(ids.get(start)), d, null, null, false, 2));
			}
		}
		queries.add(new ImpactQuery(List.of(ids.get("vm1"), ids.get("vm2"), "no-such-ci"), ImpactQuery.Direction.UPSTREAM, null,
				null, false, 1000));
		for (ImpactQuery q : queries) {
			BlastRadius a = traversal.run(q, java.time.Duration.ofSeconds(10));
			BlastRadius b = cypherOnly.run(q, java.time.Duration.ofSeconds(10));
			BlastRadius viaBolt = overBolt.run(q, java.time.Duration.ofSeconds(10));
			assertThat(viaBolt.startIds()).as("over Bolt: %s", q).isEqualTo(a.startIds());
			assertThat(viaBolt.truncated()).as("over Bolt: %s", q).isEqualTo(a.truncated());
			assertThat(summary(viaBolt.impacted())).as("over Bolt: %s", q).isEqualTo(summary(a.impacted()));
			assertThat(summary(viaBolt.services())).as("over Bolt: %s", q).isEqualTo(summary(a.services()));
			assertThat(a.startIds()).as("%s", q).isEqualTo(b.startIds());
			assertThat(a.truncated()).as("%s", q).isEqualTo(b.truncated());
			assertThat(a.countsByClass()).as("%s", q).isEqualTo(b.countsByClass());
			assertThat(summary(a.impacted())).as("%s", q).containsExactlyInAnyOrderElementsOf(summary(b.impacted()));
			assertThat(summary(a.services())).as("%s", q).isEqualTo(summary(b.services()));
			// as of now, both ways answer as the current graph does (validity intervals, history, merged nodes read)
			ImpactQuery now = new ImpactQuery(q.ciIds(), q.direction(), q.maxDepth(), q.types(), q.includeRetired(),
					q.limit(), System.currentTimeMillis());
			for (BlastRadius c : List.of(traversal.run(now, java.time.Duration.ofSeconds(10)),
					overBolt.run(now, java.time.Duration.ofSeconds(10)), cypherOnly.run(now, java.time.Duration.ofSeconds(10)))) {
				assertThat(c.startIds()).as("as of now: %s", q).isEqualTo(a.startIds());
				assertThat(summary(c.impacted())).as("as of now: %s", q).containsExactlyInAnyOrderElementsOf(summary(a.impacted()));
				assertThat(summary(c.services())).as("as of now: %s", q).isEqualTo(summary(a.services()));
			}
		}
	}

	/** Id, depth, state and path length (a shortest path may differ among equals, its length may not). */
	private static List<String> summary(List<BlastRadius.Impacted> impacted) {
		return impacted.stream().map(i -> i.ciId() + "@" + i.depth() + ":" + i.state() + "/" + i.path().size()).toList();
	}

	@Test
	void upstreamFromAHypervisorFindsEverythingWithDepthsPathsAndStates() {
		JsonNode br = blast("ids", List.of(ids.get("hv1")));
		Map<String, JsonNode> i = impacted(br);
		assertThat(i.keySet()).containsExactlyInAnyOrder("vm1", "vm2", "app1", "app2", "cycA", "kn1", "pool " + u,
				"cycB", "pod1", "k8s", "api " + u, "Payments " + u);
		assertThat(i.get("vm1").get("depth").asInt()).isEqualTo(1);
		assertThat(i.get("app2").get("depth").asInt()).isEqualTo(2);
		assertThat(i.get("pool " + u).get("depth").asInt()).isEqualTo(3);
		assertThat(i.get("Payments " + u).get("depth").asInt()).isEqualTo(5);
		// two of three pool members down, minHealthy 2: the pool and everything above it is DOWN
		assertThat(i.get("pool " + u).get("state").asString()).isEqualTo("DOWN");
		assertThat(i.get("Payments " + u).get("state").asString()).isEqualTo("DOWN");
		// path runs from the impacted CI back to the given one
		JsonNode path = i.get("Payments " + u).get("path");
		assertThat(path.size()).isEqualTo(6);
		assertThat(path.get(0).get("id").asString()).isEqualTo(ids.get("bsPay"));
		assertThat(path.get(5).get("id").asString()).isEqualTo(ids.get("hv1"));
		assertThat(br.get("truncated").asBoolean()).isFalse();
		assertThat(br.get("totalImpacted").asInt()).isEqualTo(12);
		assertThat(texts(br.get("countsByClass"), "class")).contains("VirtualMachine", "Application", "Pod");
	}

	@Test
	void aSummarySelectionAnswersFromTheTraversalWithTheSameValuesAsTheFullCi() {
		String light = "query($ids: [ID!]!) { blastRadius(ciIds: $ids) { impacted { ci { id name class status criticality } } } }";
		String full = "query($ids: [ID!]!) { blastRadius(ciIds: $ids) { impacted { ci { id name class status criticality "
				+ "owner labels } } } }";
		JsonNode a = data(light, "ids", List.of(ids.get("hv1"))).get("blastRadius").get("impacted");
		JsonNode b = data(full, "ids", List.of(ids.get("hv1"))).get("blastRadius").get("impacted");
		assertThat(a.size()).isEqualTo(b.size()).isEqualTo(12);
		for (int k = 0; k < a.size(); k++) {
			JsonNode x = a.get(k).get("ci");
			JsonNode y = b.get(k).get("ci");
			for (String f : List.of("id", "name", "class", "status", "criticality")) {
				assertThat(x.get(f)).as("%s of %s", f, y).isEqualTo(y.get(f));
			}
			assertThat(y.get("labels").size()).isPositive();
		}
	}

	@Test
	void aSummaryAndAFullSelectionInOneRequestAreEachAnsweredForWhatTheyAsk() {
		String both = "query($ids: [ID!]!) { light: blastRadius(ciIds: $ids) { impacted { ci { id name } } } "
				+ "full: blastRadius(ciIds: $ids) { impacted { ci { id name labels } } } }";
		JsonNode d = data(both, "ids", List.of(ids.get("hv1")));
		JsonNode light = d.get("light").get("impacted");
		JsonNode full = d.get("full").get("impacted");
		assertThat(light.size()).isEqualTo(full.size()).isEqualTo(12);
		for (int k = 0; k < light.size(); k++) {
			assertThat(light.get(k).get("ci").has("labels")).isFalse();
			assertThat(full.get(k).get("ci").get("labels").size()).isPositive();
			assertThat(light.get(k).get("ci").get("name")).isEqualTo(full.get(k).get("ci").get("name"));
		}
	}

	/** One radius decides once whether its CIs need loading: a full selection anywhere in it loads them. */
	@Test
	void aRadiusDecidesOnItsWholeSelectionWhetherItsCisAreLoaded() {
		String services = "query($ids: [ID!]!) { blastRadius(ciIds: $ids) { impacted { ci { id } } "
				+ "impactedServices { ci { id labels } } } }";
		JsonNode d = data(services, "ids", List.of(ids.get("hv1"))).get("blastRadius");
		assertThat(d.get("impactedServices").size()).isPositive();
		d.get("impactedServices").forEach(s -> assertThat(s.get("ci").get("labels").size()).as("%s", s).isPositive());
		String aliased = "query($ids: [ID!]!) { blastRadius(ciIds: $ids) { impacted { a: ci { id } b: ci { labels } } } }";
		JsonNode e = data(aliased, "ids", List.of(ids.get("hv1"))).get("blastRadius").get("impacted");
		assertThat(e.size()).isEqualTo(12);
		e.forEach(i -> assertThat(i.get("b").get("labels").size()).as("%s", i).isPositive());
		String optional = "query($ids: [ID!]!, $full: Boolean!) { blastRadius(ciIds: $ids) { impacted { ci { id "
				+ "labels @include(if: $full) } } } }";
		JsonNode light = data(optional, "ids", List.of(ids.get("hv1")), "full", false).get("blastRadius").get("impacted");
		JsonNode full = data(optional, "ids", List.of(ids.get("hv1")), "full", true).get("blastRadius").get("impacted");
		light.forEach(i -> assertThat(i.get("ci").has("labels")).isFalse());
		full.forEach(i -> assertThat(i.get("ci").get("labels").size()).as("%s", i).isPositive());
	}

	@Test
	void oneFailedPoolMemberOnlyDegradesWhatIsAboveThePool() {
		Map<String, JsonNode> i = impacted(blast("ids", List.of(ids.get("vm1"))));
		assertThat(i.get("app1").get("state").asString()).isEqualTo("DOWN");
		assertThat(i.get("pool " + u).get("state").asString()).isEqualTo("DEGRADED");
		assertThat(i.get("api " + u).get("state").asString()).isEqualTo("DEGRADED");
		assertThat(i.get("Payments " + u).get("state").asString()).isEqualTo("DEGRADED");
		assertThat(i.get("cycB").get("state").asString()).isEqualTo("DOWN");
	}

	@Test
	void servicesAreRankedMostCriticalFirst() {
		JsonNode br = blast("ids", List.of(ids.get("db")));
		List<String> services = new ArrayList<>();
		br.get("impactedServices").forEach(s -> services.add(s.get("ci").get("name").asString()));
		assertThat(services).containsExactly("Payments " + u, "api " + u, "Reporting " + u, "rep " + u);
		assertThat(impacted(br).get("pool " + u).get("state").asString()).isEqualTo("DOWN");
	}

	@Test
	void cyclesTerminateAndRetiredCisAreLeftOutUnlessAsked() {
		Map<String, JsonNode> cyc = impacted(blast("ids", List.of(ids.get("cycB"))));
		assertThat(cyc.keySet()).containsExactly("cycA");
		assertThat(impacted(blast("ids", List.of(ids.get("vm2")))).keySet()).doesNotContain("old");
		assertThat(impacted(blast("ids", List.of(ids.get("vm2")), "retired", true)).keySet()).contains("old");
	}

	@org.springframework.beans.factory.annotation.Autowired
	private ImpactTraversal traversal;

	@Test
	void aTraversalOutOfTimeStopsAndSaysSo() {
		ImpactQuery q = new ImpactQuery(List.of(ids.get("hv1")), ImpactQuery.Direction.UPSTREAM, null, null, false, 1000);
		BlastRadius stopped = traversal.run(q, java.time.Duration.ofNanos(1));
		assertThat(stopped.truncated()).isTrue();
		assertThat(stopped.truncatedBy()).isEqualTo("TIME");
		assertThat(stopped.impacted().size()).isLessThan(12);
		BlastRadius full = traversal.run(q, java.time.Duration.ofSeconds(10));
		assertThat(full.truncated()).isFalse();
		assertThat(full.impacted()).hasSize(12);
	}

	@Test
	void depthAndLimitBoundTheAnswer() {
		Map<String, JsonNode> shallow = impacted(blast("ids", List.of(ids.get("hv1")), "depth", 1));
		assertThat(shallow.keySet()).containsExactlyInAnyOrder("vm1", "vm2");
		JsonNode limited = blast("ids", List.of(ids.get("hv1")), "limit", 3);
		assertThat(limited.get("truncated").asBoolean()).isTrue();
		assertThat(limited.get("impacted").size()).isEqualTo(3);
	}

	@Test
	void downstreamFindsWhatACiNeeds() {
		Map<String, JsonNode> i = impacted(blast("ids", List.of(ids.get("bsPay")), "dir", "DOWNSTREAM"));
		assertThat(i.keySet()).contains("api " + u, "pool " + u, "app1", "app2", "app3", "db", "vm1", "vmDb", "hv1", "hv2");
		assertThat(i.keySet()).doesNotContain("Reporting " + u, "cycB");
	}

	@Test
	void mergedIdsResolveAsStartCis() {
		JsonNode br = blast("ids", List.of("no-such-ci", ids.get("vm3")));
		assertThat(impacted(br).keySet()).contains("app3", "repApp");
	}

	static final String CA = "query($in: ChangeInput!) { changeAssessment(input: $in) { risk recommendedChangeType reasons "
			+ "conflicts { ticketId } blackouts { name } blastRadius { totalImpacted } } }";

	@Test
	void changeAssessmentRanksRiskAndExplainsIt() {
		JsonNode big = data(CA, "in", Map.of("ciIds", List.of(ids.get("hv1")))).get("changeAssessment");
		assertThat(big.get("risk").asString()).isEqualTo("HIGH");
		assertThat(big.get("recommendedChangeType").asString()).isEqualTo("NORMAL");
		assertThat(texts2(big.get("reasons"))).anyMatch(r -> r.contains("tier-1 service Payments " + u));
		JsonNode small = data(CA, "in", Map.of("ciIds", List.of(ids.get("cycB")))).get("changeAssessment");
		assertThat(small.get("risk").asString()).isEqualTo("LOW");
		assertThat(small.get("recommendedChangeType").asString()).isEqualTo("STANDARD");
		JsonNode frozen = data(CA, "in", Map.of("ciIds", List.of(ids.get("cycB")), "plannedStart", "2030-12-24T10:00:00Z",
				"plannedEnd", "2030-12-24T12:00:00Z")).get("changeAssessment");
		assertThat(frozen.get("risk").asString()).isEqualTo("CRITICAL");
		assertThat(frozen.get("blackouts").get(0).get("name").asString()).isEqualTo("year-end freeze");
	}

	@Test
	void overlappingRegisteredChangesAreListedAsConflicts() {
		String ticket = "CHG-" + u;
		JsonNode reg = data("mutation($in: RegisterChangeInput!) { registerChange(input: $in) { id ticketId ciIds } }", "in",
				Map.of("ticketId", ticket, "ciIds", List.of(ids.get("vm1")), "plannedStart", "2031-03-01T10:00:00Z",
						"plannedEnd", "2031-03-01T12:00:00Z", "summary", "patch vm1"));
		assertThat(reg.get("registerChange").get("ticketId").asString()).isEqualTo(ticket);
		JsonNode overlapping = data(CA, "in", Map.of("ciIds", List.of(ids.get("vm2")), "plannedStart", "2031-03-01T11:00:00Z",
				"plannedEnd", "2031-03-01T13:00:00Z")).get("changeAssessment");
		assertThat(texts(overlapping.get("conflicts"), "ticketId")).contains(ticket);
		assertThat(texts2(overlapping.get("reasons"))).anyMatch(r -> r.contains(ticket));
		JsonNode later = data(CA, "in", Map.of("ciIds", List.of(ids.get("vm2")), "plannedStart", "2031-03-02T11:00:00Z",
				"plannedEnd", "2031-03-02T13:00:00Z")).get("changeAssessment");
		assertThat(texts(later.get("conflicts"), "ticketId")).doesNotContain(ticket);
		JsonNode unrelated = data(CA, "in", Map.of("ciIds", List.of(ids.get("repApp")), "plannedStart", "2031-03-01T11:00:00Z",
				"plannedEnd", "2031-03-01T13:00:00Z")).get("changeAssessment");
		assertThat(texts(unrelated.get("conflicts"), "ticketId")).doesNotContain(ticket);
		JsonNode bad = graphql("mutation { registerChange(input: {ticketId: \"X\", ciIds: [\"" + ids.get("vm1")
				+ "\"], plannedStart: \"2031-01-02T00:00:00Z\", plannedEnd: \"2031-01-01T00:00:00Z\"}) { id } }", Map.of());
		assertThat(bad.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("INVALID_ARGUMENT");
	}

	private static List<String> texts2(JsonNode array) {
		List<String> out = new ArrayList<>();
		array.forEach(n -> out.add(n.asString()));
		return out;
	}

	static final String IA = "query($ids: [ID!]!) { incidentAssessment(input: {ciIds: $ids}) { priority impact urgency "
			+ "assignmentGroup reasons probableCauses { id name } groups { cause { name } symptoms { name } } "
			+ "impactedServices { state ci { name } } } }";

	@Test
	void anAlertStormBecomesOneIncidentWithItsProbableCause() {
		JsonNode a = data(IA, "ids", List.of(ids.get("app1"), ids.get("vm1"), ids.get("cycA"))).get("incidentAssessment");
		assertThat(texts(a.get("probableCauses"), "name")).containsExactly("vm1");
		assertThat(a.get("groups").get(0).get("cause").get("name").asString()).isEqualTo("vm1");
		assertThat(texts(a.get("groups").get(0).get("symptoms"), "name")).containsExactlyInAnyOrder("app1", "cycA");
		// one pool member down: Payments degraded → impact 1, urgency 2
		assertThat(a.get("priority").asString()).isEqualTo("P2");
	}

	@Test
	void priorityFollowsTheMatrixAndAssignmentTheNearestSupportGroup() {
		JsonNode db = data(IA, "ids", List.of(ids.get("db"))).get("incidentAssessment");
		assertThat(db.get("priority").asString()).isEqualTo("P1");
		assertThat(db.get("assignmentGroup").asString()).isEqualTo("dba-team");
		JsonNode rep = data(IA, "ids", List.of(ids.get("repApp"))).get("incidentAssessment");
		assertThat(rep.get("priority").asString()).isEqualTo("P3");
		JsonNode none = data(IA, "ids", List.of(ids.get("cycB"))).get("incidentAssessment");
		assertThat(none.get("priority").asString()).isEqualTo("P4");
		JsonNode svc = data(IA, "ids", List.of(ids.get("bsPay"))).get("incidentAssessment");
		assertThat(svc.get("assignmentGroup").asString()).isEqualTo("payments-oncall");
	}

	@Test
	void limitsRefuseAbusiveQueriesWithCodes() {
		assertThat(code(graphql("{ blastRadius(ciIds: [\"x\"], limit: 1000000) { truncated } }", Map.of())))
			.isEqualTo("IMPACT_LIMIT_EXCEEDED");
		String deep = "{ cis(first: 1) { edges { node { " + "relationships { ci { ".repeat(7) + "id" + " } }".repeat(7)
				+ " } } } }";
		assertThat(code(graphql(deep, Map.of()))).isEqualTo("MAX_DEPTH_EXCEEDED");
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 40; i++) {
			aliases.append(" a").append(i).append(": classes { name }");
		}
		assertThat(code(graphql(aliases.append(" }").toString(), Map.of()))).isEqualTo("MAX_ALIASES_EXCEEDED");
		StringBuilder wide = new StringBuilder("{ cis(first: 1) { edges { node { ");
		for (int i = 0; i < 6000; i++) {
			wide.append("id ");
		}
		assertThat(code(graphql(wide.append("} } } }").toString(), Map.of()))).isEqualTo("MAX_COMPLEXITY_EXCEEDED");
		String huge = "{ classes { name } }" + " ".repeat(200_000);
		assertThat(code(graphql(huge, Map.of()))).isEqualTo("DOCUMENT_TOO_LARGE");
		assertThat(code(graphql("{ classes { name ", Map.of()))).isEqualTo("INVALID_SYNTAX");
		assertThat(code(graphql("{ noSuchField }", Map.of()))).isEqualTo("VALIDATION_ERROR");
		String cyclic = "query { cis { edges { node { ...A } } } } fragment A on CI { relationships { ci { ...B } } } "
				+ "fragment B on CI { relationships { ci { ...A } } }";
		assertThat(code(graphql(cyclic, Map.of()))).isEqualTo("VALIDATION_ERROR");
	}

	private static String code(JsonNode response) {
		assertThat(response.get("errors")).as(response.toString()).isNotNull();
		assertThat(response.toString()).doesNotContain("\tat ").doesNotContain("Exception:");
		JsonNode code = response.get("errors").get(0).path("extensions").get("code");
		assertThat(code).as(response.toString()).isNotNull();
		return code.asString();
	}

}
