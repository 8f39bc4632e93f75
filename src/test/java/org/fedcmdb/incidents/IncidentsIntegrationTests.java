package org.fedcmdb.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Alerts in, incidents out, over real HTTP against the embedded database: mapping, topology correlation (a hypervisor
 * storm is one incident with the hypervisor as cause), priority, idempotent re-sends, resolution and reopening,
 * unmapped alerts, responder actions, "what changed", and the receivers' hostile-input rows.
 */
class IncidentsIntegrationTests extends IntegrationTestSupport {

	static final String INCIDENT = "query($id: ID!) { incident(id: $id) { id status priority impact urgency title causeInferred "
			+ "probableCause { id name } assignmentGroup alertCount openAlertCount acknowledgedBy problemId "
			+ "impactedServices { name criticality ci { id } } cis { id } timeline { type detail } "
			+ "alerts { fingerprint status mappedBy cis { id } } "
			+ "recentChanges { history { kind ciId } registeredChanges { ticketId } } } }";

	/** A tier-1 service on an application pool on VMs on one hypervisor; returns refs to CI ids. */
	Map<String, String> estate(String u, int vms) {
		List<Object> items = new ArrayList<>();
		List<Object> rels = new ArrayList<>();
		items.add(item("bs", "BusinessService", Map.of("name", "Payments " + u), attrs("criticality", 1, "supportGroup", "payments-oncall")));
		items.add(item("as", "ApplicationService", Map.of("name", "api-" + u), attrs("criticality", 1)));
		rels.add(rel("DEPENDS_ON", "bs", "as"));
		items.add(item("hv", "Hypervisor", Map.of("serialNumber", "HV-" + u), attrs("name", "hv-" + u, "supportGroup", "virt-team")));
		for (int i = 1; i <= vms; i++) {
			items.add(item("vm" + i, "VirtualMachine", Map.of("fqdn", "vm" + i + "-" + u + ".example"), attrs("name", "vm" + i + "-" + u)));
			items.add(item("app" + i, "Application", Map.of("uid", "app" + i + "-" + u), attrs("name", "app" + i + "-" + u, "port", 8080)));
			rels.add(rel("HOSTED_ON", "vm" + i, "hv"));
			rels.add(rel("RUNS_ON", "app" + i, "vm" + i));
			rels.add(rel("DEPENDS_ON", "as", "app" + i));
		}
		items.add(item("lonely", "Server", Map.of("fqdn", "lonely-" + u + ".example"), attrs("name", "lonely-" + u)));
		JsonNode s = ingest(snapshot("declared", "DELTA", Instant.now(), items, rels));
		Map<String, String> ids = new HashMap<>();
		for (JsonNode r : s.get("results")) {
			if (r.get("kind").asString().equals("item")) {
				ids.put(r.get("ref").asString(), r.get("ciId").asString());
			}
		}
		return ids;
	}

	static Map<String, Object> alert(String status, String fingerprint, Instant startsAt, Object... labels) {
		Map<String, Object> a = new LinkedHashMap<>();
		a.put("status", status);
		Map<String, String> l = new LinkedHashMap<>();
		for (int i = 0; i < labels.length; i += 2) {
			l.put((String) labels[i], String.valueOf(labels[i + 1]));
		}
		a.put("labels", l);
		a.put("annotations", Map.of("summary", l.getOrDefault("alertname", "alert") + " firing"));
		a.put("startsAt", startsAt.toString());
		a.put("endsAt", status.equals("resolved") ? Instant.now().toString() : "0001-01-01T00:00:00Z");
		a.put("generatorURL", "http://prometheus.example/graph");
		a.put("fingerprint", fingerprint);
		return a;
	}

	static Map<String, Object> notification(List<Map<String, Object>> alerts) {
		Map<String, Object> n = new LinkedHashMap<>();
		n.put("version", "4");
		n.put("groupKey", "{}:{alertname=\"x\"}");
		n.put("truncatedAlerts", 0);
		n.put("status", alerts.stream().anyMatch(a -> a.get("status").equals("firing")) ? "firing" : "resolved");
		n.put("receiver", "fedcmdb");
		n.put("groupLabels", Map.of());
		n.put("commonLabels", Map.of());
		n.put("commonAnnotations", Map.of());
		n.put("externalURL", "http://alertmanager.example");
		n.put("notification_reason", "new_alerts");
		n.put("alerts", alerts);
		return n;
	}

	/** Posts as the Alertmanager token without touching the shared {@code token} (the storm sends from 4 threads). */
	HttpResponse<String> send(Object body) {
		return send(Json.MAPPER.writeValueAsBytes(body));
	}

	JsonNode accepted(Object body) {
		HttpResponse<String> r = send(body);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return Json.MAPPER.readTree(r.body());
	}

	JsonNode incident(String id) {
		return data(INCIDENT, "id", id).get("incident");
	}

	@Test
	void hypervisorStormIsOneIncidentWithTheHypervisorAsCauseAndReSendsChangeNothing() {
		String u = unique();
		Map<String, String> ids = estate(u, 20);
		Instant t = Instant.now().minusSeconds(30);
		// the storm arrives as Alertmanager sends it: several notifications, VMs and apps first, the hypervisor last
		List<Map<String, Object>> first = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			first.add(alert("firing", "vm" + i + u, t, "alertname", "HostDown", "severity", "warning", "instance", "vm" + i + "-" + u + ".example"));
			first.add(alert("firing", "app" + i + u, t, "alertname", "AppDown", "severity", "warning", "cmdb_ci", ids.get("app" + i)));
		}
		JsonNode r1 = accepted(notification(first));
		assertThat(r1.get("incidentsOpened").asInt()).isEqualTo(1);
		String incidentId = r1.get("incidentIds").get(0).asString();
		List<Map<String, Object>> second = new ArrayList<>();
		for (int i = 11; i <= 20; i++) {
			second.add(alert("firing", "vm" + i + u, t, "alertname", "HostDown", "severity", "warning", "instance", "vm" + i + "-" + u + ".example:9100"));
		}
		second.add(alert("firing", "hv" + u, t, "alertname", "HypervisorDown", "severity", "critical", "cmdb_ci", ids.get("hv")));
		JsonNode r2 = accepted(notification(second));
		assertThat(r2.get("incidentsOpened").asInt()).isZero();
		assertThat(r2.get("incidentIds").get(0).asString()).isEqualTo(incidentId);

		JsonNode inc = incident(incidentId);
		assertThat(inc.get("alertCount").asInt()).isEqualTo(31);
		assertThat(inc.get("probableCause").get("id").asString()).isEqualTo(ids.get("hv"));
		assertThat(inc.get("causeInferred").asBoolean()).isFalse();
		assertThat(inc.get("assignmentGroup").asString()).isEqualTo("virt-team");
		// tier-1 services impacted, critical severity: P1; it was P2 (warning) before the hypervisor alert
		assertThat(inc.get("priority").asString()).isEqualTo("P1");
		assertThat(inc.get("impact").asInt()).isEqualTo(1);
		assertThat(inc.get("urgency").asInt()).isEqualTo(1);
		assertThat(inc.get("impactedServices").findValuesAsString("name")).contains("Payments " + u, "api-" + u);
		assertThat(inc.get("timeline").findValuesAsString("type")).contains("OPENED", "ALERTS_JOINED", "PRIORITY_CHANGED");
		assertThat(inc.get("timeline").findValuesAsString("detail")).anyMatch(d -> d.startsWith("P2 -> P1"));
		// the instance label mapped through the host (with a port: the VM, no application on 9100 declares it)
		assertThat(inc.get("alerts").findValuesAsString("mappedBy")).contains("instance", "cmdb-ci");
		// the graph as of the moment it opened, and what was new on its radius in the hour before
		JsonNode then = data("query($id: ID!) { incident(id: $id) { blastRadiusAtStart(maxDepth: 4) { origins { id } "
				+ "impactedServices { ci { name } } } changesBeforeStart(hours: 1) { scopeSize added { id } } } }",
				"id", incidentId).get("incident");
		assertThat(then.get("blastRadiusAtStart").get("impactedServices").findValuesAsString("name")).contains("Payments " + u);
		assertThat(then.get("blastRadiusAtStart").get("origins").findValuesAsString("id")).contains(ids.get("hv"), ids.get("app1"));
		assertThat(then.get("changesBeforeStart").get("added").findValuesAsString("id")).contains(ids.get("app1"), ids.get("bs"));

		// Alertmanager retries: the same notifications again change nothing
		JsonNode again = accepted(notification(first));
		assertThat(again.get("duplicates").asInt()).isEqualTo(20);
		assertThat(again.get("applied").asInt()).isZero();
		assertThat(incident(incidentId).get("alertCount").asInt()).isEqualTo(31);
		assertThat(incident(incidentId).get("timeline").size()).isEqualTo(inc.get("timeline").size());

		// everything resolves: the incident resolves; the hypervisor fires again within the reopen window: reopened
		List<Map<String, Object>> resolved = new ArrayList<>();
		first.forEach(a -> resolved.add(withStatus(a, "resolved")));
		second.forEach(a -> resolved.add(withStatus(a, "resolved")));
		JsonNode rr = accepted(notification(resolved));
		assertThat(rr.get("resolved").asInt()).isEqualTo(31);
		assertThat(incident(incidentId).get("status").asString()).isEqualTo("RESOLVED");
		assertThat(incident(incidentId).get("openAlertCount").asInt()).isZero();
		accepted(notification(List.of(alert("firing", "hv" + u, Instant.now(), "alertname", "HypervisorDown",
				"severity", "critical", "cmdb_ci", ids.get("hv")))));
		JsonNode reopened = incident(incidentId);
		assertThat(reopened.get("status").asString()).isEqualTo("OPEN");
		assertThat(reopened.get("timeline").findValuesAsString("type")).contains("RESOLVED", "REOPENED");
	}

	@Test
	void aStormOf500AlertsFromFourSendersIsOneIncidentWithOneOpenedEventAndBoundedUpdates() throws Exception {
		String u = unique();
		Map<String, String> ids = estate(u, 250);
		String cursor = Json.MAPPER.readTree(get("/api/v1/events?after=latest&limit=1").body()).get("last").asString();
		Instant t = Instant.now();
		List<Map<String, Object>> alerts = new ArrayList<>();
		alerts.add(alert("firing", "hv" + u, t, "alertname", "HypervisorDown", "severity", "critical", "cmdb_ci", ids.get("hv")));
		for (int i = 1; i <= 250; i++) {
			alerts.add(alert("firing", "app" + i + u, t, "alertname", "AppDown", "cmdb_ci", ids.get("app" + i)));
			if (i < 250) {
				alerts.add(alert("firing", "vm" + i + u, t, "alertname", "HostDown", "instance", "vm" + i + "-" + u + ".example:9100"));
			}
		}
		java.util.Collections.shuffle(alerts, new java.util.Random(7));
		assertThat(alerts).hasSize(500);
		java.util.Set<String> incidents = java.util.concurrent.ConcurrentHashMap.newKeySet();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
		List<java.util.concurrent.Future<JsonNode>> sent = new ArrayList<>();
		for (int from = 0; from < 500; from += 10) {
			List<Map<String, Object>> group = alerts.subList(from, from + 10);
			sent.add(pool.submit(() -> accepted(notification(group))));
		}
		for (var f : sent) {
			f.get().get("incidentIds").forEach(i -> incidents.add(i.asString()));
		}
		pool.shutdown();
		// one incident, caused by the hypervisor (wherever its alert fell in the storm)
		assertThat(incidents).hasSize(1);
		String id = incidents.iterator().next();
		JsonNode inc = incident(id);
		assertThat(inc.get("alertCount").asInt()).isEqualTo(500);
		assertThat(inc.get("probableCause").get("id").asString()).isEqualTo(ids.get("hv"));
		assertThat(inc.get("priority").asString()).isEqualTo("P1");
		// outbound: one incident.opened and a number of updates logarithmic in the storm, not 500
		List<String> types = new ArrayList<>();
		JsonNode page;
		do {
			page = Json.MAPPER.readTree(get("/api/v1/events?after=" + cursor
					+ "&limit=500&types=incident.opened,incident.updated,incident.resolved").body());
			assertThat(page.has("events")).as(page.toString()).isTrue();
			for (JsonNode e : page.get("events")) {
				if (e.get("data").get("incidentId").asString().equals(id)) {
					types.add(e.get("type").asString());
				}
			}
			cursor = page.get("next").asString();
		}
		while (page.get("hasMore").asBoolean());
		assertThat(types.stream().filter(x -> x.equals("incident.opened"))).hasSize(1);
		assertThat(types.stream().filter(x -> x.equals("incident.updated")).count()).isBetween(1L, 14L);
	}

	static Map<String, Object> withStatus(Map<String, Object> a, String status) {
		Map<String, Object> b = new LinkedHashMap<>(a);
		b.put("status", status);
		b.put("endsAt", Instant.now().toString());
		return b;
	}

	@Test
	void twoSilentSiblingsPointAtTheirHypervisorAndUnrelatedAlertsOpenTheirOwnIncident() {
		String u = unique();
		Map<String, String> ids = estate(u, 3);
		Instant t = Instant.now();
		JsonNode r = accepted(notification(List.of(
				alert("firing", "a" + u, t, "alertname", "HighLatency", "cmdb_ci", ids.get("vm1")),
				alert("firing", "b" + u, t, "alertname", "HighLatency", "cmdb_ci", ids.get("vm2")),
				alert("firing", "c" + u, t, "alertname", "DiskFull", "severity", "info", "instance", "lonely-" + u + ".example:9100"))));
		assertThat(r.get("incidentsOpened").asInt()).isEqualTo(2);
		JsonNode vms = null;
		JsonNode lonely = null;
		for (JsonNode id : r.get("incidentIds")) {
			JsonNode i = incident(id.asString());
			if (i.get("alertCount").asInt() == 2) {
				vms = i;
			}
			else {
				lonely = i;
			}
		}
		assertThat(vms.get("probableCause").get("id").asString()).isEqualTo(ids.get("hv"));
		assertThat(vms.get("causeInferred").asBoolean()).isTrue();
		assertThat(lonely.get("probableCause").get("id").asString()).isEqualTo(ids.get("lonely"));
		// no service behind it, info severity: the lowest cell of the matrix
		assertThat(lonely.get("priority").asString()).isEqualTo("P4");
		assertThat(lonely.get("impactedServices")).isEmpty();
	}

	@Test
	void anAlertOnAHostPortMapsToTheApplicationListeningThere() {
		String u = unique();
		Map<String, String> ids = estate(u, 1);
		JsonNode r = accepted(notification(List.of(alert("firing", "p" + u, Instant.now(), "alertname", "Http5xx",
				"instance", "vm1-" + u + ".example:8080"))));
		JsonNode inc = incident(r.get("incidentIds").get(0).asString());
		assertThat(inc.get("cis").findValuesAsString("id")).containsExactly(ids.get("app1"));
		assertThat(inc.get("probableCause").get("id").asString()).isEqualTo(ids.get("app1"));
	}

	@Test
	void anUnmappedAlertIsKeptAndCountedNeverDropped() {
		String u = unique();
		int before = data("{ alertCounts { unmappedFiring } }").get("alertCounts").get("unmappedFiring").asInt();
		JsonNode r = accepted(notification(List.of(alert("firing", "u" + u, Instant.now(), "alertname", "Mystery",
				"instance", "nowhere-" + u + ":9100", "team", "x"))));
		assertThat(r.get("unmapped").asInt()).isEqualTo(1);
		assertThat(r.get("incidentIds")).isEmpty();
		assertThat(data("{ alertCounts { unmappedFiring } }").get("alertCounts").get("unmappedFiring").asInt()).isEqualTo(before + 1);
		JsonNode unmapped = data("{ unmappedAlerts(first: 500) { fingerprint labels mapped } }").get("unmappedAlerts");
		JsonNode mine = null;
		for (JsonNode a : unmapped) {
			if (a.get("fingerprint").asString().equals("u" + u)) {
				mine = a;
			}
		}
		assertThat(mine).isNotNull();
		assertThat(mine.get("labels").get("instance").asString()).isEqualTo("nowhere-" + u + ":9100");
		assertThat(mine.get("mapped").asBoolean()).isFalse();
	}

	@Test
	void genericMonitorsPostTheDocumentedShapeWithTheSameSemantics() {
		String u = unique();
		Map<String, String> ids = estate(u, 1);
		Map<String, Object> body = Map.of("source", "zabbix", "alerts", List.of(Map.of("status", "firing",
				"labels", Map.of("alertname", "CpuHigh", "severity", "disaster", "cmdb_ci", ids.get("vm1")))));
		String saved = token;
		token = ALERTS_TOKEN;
		HttpResponse<String> r1 = post("/api/v1/alerts", "application/json", Json.MAPPER.writeValueAsBytes(body));
		HttpResponse<String> r2 = post("/api/v1/alerts", "application/json", Json.MAPPER.writeValueAsBytes(body));
		token = saved;
		assertThat(r1.statusCode()).as(r1.body()).isEqualTo(200);
		JsonNode first = Json.MAPPER.readTree(r1.body());
		JsonNode second = Json.MAPPER.readTree(r2.body());
		// no fingerprint, no start: derived from the labels, and the re-send is the same alert
		assertThat(second.get("duplicates").asInt()).isEqualTo(1);
		JsonNode inc = incident(first.get("incidentIds").get(0).asString());
		assertThat(inc.get("urgency").asInt()).isEqualTo(1);
		assertThat(inc.get("alertCount").asInt()).isEqualTo(1);
	}

	@Test
	void respondersAcknowledgeResolveAndLinkAndSeeWhatChanged() {
		String u = unique();
		Map<String, String> ids = estate(u, 2);
		// a change on the hypervisor before the incident: an attribute update in its history
		ingest(snapshot("declared", "DELTA", Instant.now(), List.of(item("hv", "Hypervisor", Map.of("serialNumber", "HV-" + u),
				attrs("name", "hv-" + u, "supportGroup", "virt-team", "firmware", "2.1"))), List.of()));
		JsonNode r = accepted(notification(List.of(alert("firing", "h" + u, Instant.now(), "alertname", "HypervisorDown",
				"cmdb_ci", ids.get("hv")))));
		String id = r.get("incidentIds").get(0).asString();
		JsonNode history = incident(id).get("recentChanges").get("history");
		assertThat(history.findValuesAsString("ciId")).contains(ids.get("hv"));
		// the hypervisor was created moments ago: its INSERT entry (made from the CI itself) is in the window too
		List<String> hvKinds = new java.util.ArrayList<>();
		history.forEach(h -> {
			if (h.get("ciId").asString().equals(ids.get("hv"))) {
				hvKinds.add(h.get("kind").asString());
			}
		});
		assertThat(hvKinds).contains("INSERT", "ATTRIBUTE");
		token = READ_TOKEN;
		JsonNode refused = graphql("mutation($id: ID!) { acknowledgeIncident(id: $id) { id } }", Map.of("id", id));
		assertThat(refused.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
		token = RESPONDER_TOKEN;
		JsonNode ack = data("mutation($id: ID!) { acknowledgeIncident(id: $id, comment: \"on it\") { acknowledgedBy } }", "id", id);
		assertThat(ack.get("acknowledgeIncident").get("acknowledgedBy").asString()).isEqualTo("test-responder");
		JsonNode unknownProblem = graphql("mutation($id: ID!) { linkIncident(id: $id, problemId: \"PRB-none\") { id } }", Map.of("id", id));
		assertThat(unknownProblem.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("PROBLEM_NOT_FOUND");
		JsonNode badKnownError = graphql("mutation($in: ProblemInput!) { createProblem(input: $in) { id } }",
				Map.of("in", Map.of("title", "no workaround", "knownError", true)));
		assertThat(badKnownError.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("INVALID_PROBLEM");
		String problemId = data("mutation($in: ProblemInput!) { createProblem(input: $in) { id state } }", "in",
				Map.of("title", "Hypervisor " + u + " loses its storage path", "ciIds", List.of(ids.get("hv")),
						"rootCause", "multipath misconfigured", "workaround", "fail over the HBA", "knownError", true))
			.get("createProblem").get("id").asString();
		data("mutation($id: ID!, $p: ID!) { linkIncident(id: $id, problemId: $p) { problemId } }", "id", id, "p", problemId);
		data("mutation($id: ID!) { resolveIncident(id: $id, comment: \"rebooted\") { status } }", "id", id);
		JsonNode again = graphql("mutation($id: ID!) { resolveIncident(id: $id) { status } }", Map.of("id", id));
		assertThat(again.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("INCIDENT_NOT_OPEN");
		JsonNode missing = graphql("mutation { acknowledgeIncident(id: \"inc_nope\") { id } }", Map.of());
		assertThat(missing.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("INCIDENT_NOT_FOUND");
		token = ADMIN_TOKEN;
		JsonNode done = incident(id);
		assertThat(done.get("status").asString()).isEqualTo("RESOLVED");
		assertThat(done.get("problemId").asString()).isEqualTo(problemId);
		// a known error on the cause: the next incident on it shows the workaround; the problem lists its incident
		JsonNode next = accepted(notification(List.of(alert("firing", "h2" + u, Instant.now(), "alertname", "HypervisorDown",
				"cmdb_ci", ids.get("hv")))));
		String nextId = next.get("incidentIds").get(0).asString();
		// resolved by hand: another alert on the same CI opens a new incident (only its own alerts reopen it)
		assertThat(nextId).isNotEqualTo(id);
		assertThat(incident(id).get("status").asString()).isEqualTo("RESOLVED");
		JsonNode known = data("query($id: ID!) { incident(id: $id) { knownErrors { id workaround } } }", "id", nextId)
			.get("incident").get("knownErrors");
		assertThat(known.findValuesAsString("workaround")).containsExactly("fail over the HBA");
		JsonNode problem = data("query($id: ID!) { problem(id: $id) { state knownError incidents { id } cis { id } } }",
				"id", problemId).get("problem");
		assertThat(problem.get("incidents").findValuesAsString("id")).containsExactly(id);
		assertThat(problem.get("cis").findValuesAsString("id")).containsExactly(ids.get("hv"));
		JsonNode hot = data("{ hotspots(first: 500) { ci { id } incidents problemCandidate } }").get("hotspots");
		JsonNode mine = null;
		for (JsonNode h : hot) {
			if (!h.get("ci").isNull() && h.get("ci").get("id").asString().equals(ids.get("hv"))) {
				mine = h;
			}
		}
		assertThat(mine).as(hot.toString()).isNotNull();
		assertThat(mine.get("incidents").asInt()).isEqualTo(2);
		assertThat(mine.get("problemCandidate").asBoolean()).isFalse();
		assertThat(done.get("timeline").findValuesAsString("type")).contains("ACKNOWLEDGED", "LINKED", "RESOLVED");
		JsonNode list = data("query($s: ID) { incidents(status: RESOLVED, service: $s, first: 5) { nodes { id } } }",
				"s", ids.get("bs")).get("incidents").get("nodes");
		assertThat(list.findValuesAsString("id")).contains(id);
	}

	@Test
	void hostileNotificationsAreCodedErrorsAndApplyNothing() {
		String u = unique();
		Map<String, String> ids = estate(u, 1);
		Instant t = Instant.now();
		Map<String, Object> good = alert("firing", "g" + u, t, "alertname", "X", "cmdb_ci", ids.get("vm1"));
		assertCode(send("{not json".getBytes()), 400, "MALFORMED_JSON");
		Map<String, Object> v3 = notification(List.of(good));
		v3.put("version", "3");
		assertCode(send(v3), 422, "UNSUPPORTED_VERSION");
		Map<String, Object> bad = new LinkedHashMap<>(good);
		bad.put("status", "exploded");
		assertCode(send(notification(List.of(good, bad))), 400, "INVALID_ALERT");
		Map<String, Object> badTime = new LinkedHashMap<>(good);
		badTime.put("startsAt", "yesterday");
		assertCode(send(notification(List.of(good, badTime))), 400, "INVALID_ALERT");
		Map<String, Object> huge = new LinkedHashMap<>(good);
		Map<String, String> many = new LinkedHashMap<>();
		for (int i = 0; i < 101; i++) {
			many.put("l" + i, "v");
		}
		huge.put("labels", many);
		assertCode(send(notification(List.of(good, huge))), 413, "TOO_MANY_LABELS");
		List<Map<String, Object>> storm = new ArrayList<>();
		for (int i = 0; i < 10_001; i++) {
			storm.add(alert("firing", "s" + i + u, t, "alertname", "X", "cmdb_ci", ids.get("vm1")));
		}
		assertCode(send(notification(storm)), 413, "TOO_MANY_ALERTS");
		// a token without ALERTS
		token = READ_TOKEN;
		HttpResponse<String> forbidden = post("/api/v1/alerts/alertmanager", "application/json",
				Json.MAPPER.writeValueAsBytes(notification(List.of(good))));
		token = ADMIN_TOKEN;
		assertCode(forbidden, 403, "FORBIDDEN");
		// nothing of the refused notifications was applied: the good alert is new when sent alone
		JsonNode ok = accepted(notification(List.of(good)));
		assertThat(ok.get("applied").asInt()).isEqualTo(1);
		assertThat(ok.get("incidentsOpened").asInt()).isEqualTo(1);
	}

	HttpResponse<String> send(byte[] raw) {
		try {
			return http.send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/alerts/alertmanager"))
				.header("Content-Type", "application/json").header("Authorization", "Bearer " + ALERTS_TOKEN)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
