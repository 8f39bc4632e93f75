package org.fedcmdb.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The change gate end to end over REST and GraphQL: a standard deployment approved at once, shared infrastructure
 * pending then approved by CAB (and refused for its requester), rejections by collision, blackout and open incident
 * with their evidence, an emergency and its review, the lifecycle to SUCCESSFUL and FAILED with the success rate, a
 * change-caused incident linked both ways, and hostile requests that record nothing.
 */
class ChangeGateIntegrationTests extends IntegrationTestSupport {

	/** A tier-3 reporting service on app1; a tier-1 payments service on app2; both apps on VMs on one hypervisor. */
	Map<String, String> estate(String u) {
		List<Object> items = new ArrayList<>();
		List<Object> rels = new ArrayList<>();
		items.add(item("rep", "ApplicationService", Map.of("name", "reporting-" + u), attrs("criticality", 3)));
		items.add(item("pay", "BusinessService", Map.of("name", "Payments " + u), attrs("criticality", 1)));
		items.add(item("hv", "Hypervisor", Map.of("serialNumber", "CHV-" + u), attrs("name", "chv-" + u)));
		for (int i = 1; i <= 2; i++) {
			items.add(item("vm" + i, "VirtualMachine", Map.of("fqdn", "cvm" + i + "-" + u + ".example"), attrs("name", "cvm" + i + "-" + u)));
			items.add(item("app" + i, "Application", Map.of("uid", "capp" + i + "-" + u), attrs("name", "capp" + i + "-" + u)));
			rels.add(rel("HOSTED_ON", "vm" + i, "hv"));
			rels.add(rel("RUNS_ON", "app" + i, "vm" + i));
		}
		rels.add(rel("DEPENDS_ON", "rep", "app1"));
		rels.add(rel("DEPENDS_ON", "pay", "app2"));
		JsonNode s = ingest(snapshot("declared", "DELTA", Instant.now(), items, rels));
		Map<String, String> ids = new HashMap<>();
		for (JsonNode r : s.get("results")) {
			if (r.get("kind").asString().equals("item")) {
				ids.put(r.get("ref").asString(), r.get("ciId").asString());
			}
		}
		return ids;
	}

	static Map<String, Object> change(String title, String type, List<Object> targets, Instant start, Instant end) {
		Map<String, Object> c = new LinkedHashMap<>();
		c.put("title", title);
		c.put("type", type);
		c.put("targets", targets);
		c.put("plannedStart", start.toString());
		c.put("plannedEnd", end.toString());
		c.put("implementationPlan", "helm upgrade");
		c.put("backoutPlan", "helm rollback");
		c.put("pipeline", Map.of("provider", "github", "runId", "42", "attempt", 1, "sha", "abc123", "environment", "production"));
		return c;
	}

	HttpResponse<String> send(String as, String path, Object body, String... headers) {
		try {
			HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + as)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body instanceof byte[] raw ? raw : Json.MAPPER.writeValueAsBytes(body)));
			for (int i = 0; i < headers.length; i += 2) {
				b.header(headers[i], headers[i + 1]);
			}
			return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	JsonNode request(Map<String, Object> change) {
		HttpResponse<String> r = send(PIPELINE_TOKEN, "/api/v1/changes", change);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		return Json.MAPPER.readTree(r.body());
	}

	static List<String> rules(JsonNode change) {
		return change.get("reasons").findValuesAsString("rule");
	}

	final Instant soon = Instant.now().plus(Duration.ofHours(1));

	@Test
	void aStandardDeploymentIsApprovedAtOnceAndOneReachingATierOneServiceWaitsForCab() {
		String u = unique();
		Map<String, String> ids = estate(u);
		JsonNode ok = request(change("deploy reporting", "STANDARD", List.of(ids.get("app1")), soon, soon.plusSeconds(1800)));
		assertThat(ok.get("status").asString()).isEqualTo("APPROVED");
		assertThat(ok.get("type").asString()).isEqualTo("STANDARD");
		assertThat(ok.get("model").asString()).isEqualTo("application-deployment");
		assertThat(ok.get("requestedBy").asString()).isEqualTo("test-pipeline");
		JsonNode pay = request(change("deploy payments", "STANDARD", List.of(Map.of("class", "Application",
				"identifiers", Map.of("uid", "capp2-" + u))), soon, soon.plusSeconds(1800)));
		assertThat(pay.get("status").asString()).isEqualTo("PENDING");
		assertThat(pay.get("type").asString()).isEqualTo("NORMAL");
		assertThat(pay.get("reasons").findValuesAsString("message")).anyMatch(m -> m.contains("tier-1 service")).anyMatch(m -> m.startsWith("model application-deployment: "));
		assertThat(pay.get("links").get("wait").asString()).endsWith("?wait=60s");
		// what moved on the approved change's blast radius since its approval; nothing for one still pending
		sleep(20);
		ingest(snapshot("declared", "DELTA", Instant.now(), List.of(item("rep", "ApplicationService", Map.of("name", "reporting-" + u),
				attrs("criticality", 2))), List.of()));
		String q = "query($id: ID!) { change(id: $id) { changesSinceApproval { scopeSize changed { ciId field oldValue newValue } } } }";
		JsonNode since = data(q, "id", ok.get("id").asString()).get("change").get("changesSinceApproval");
		assertThat(since.get("scopeSize").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(since.get("changed")).anySatisfy(c -> {
			assertThat(c.get("ciId").asString()).isEqualTo(ids.get("rep"));
			assertThat(c.get("field").asString()).isEqualTo("criticality");
			assertThat(c.get("newValue").asInt()).isEqualTo(2);
		});
		assertThat(data(q, "id", pay.get("id").asString()).get("change").get("changesSinceApproval").isNull()).isTrue();
	}

	@Test
	void aHypervisorPatchWaitsForCabAndItsRequesterCannotApproveIt() throws Exception {
		String u = unique();
		Map<String, String> ids = estate(u);
		JsonNode c = request(change("patch ESXi", "STANDARD", List.of(ids.get("hv")), soon, soon.plusSeconds(3600)));
		String id = c.get("id").asString();
		assertThat(c.get("status").asString()).isEqualTo("PENDING");
		assertThat(c.get("reasons").findValuesAsString("message")).anyMatch(m -> m.contains("shared infrastructure (Hypervisor)"));
		// the pipeline waits on the decision
		token = PIPELINE_TOKEN;
		CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> get("/api/v1/changes/" + id + "?wait=30s"));
		token = PIPELINE_TOKEN;
		JsonNode self = graphql("mutation($id: ID!) { approveChange(id: $id) { status } }", Map.of("id", id));
		assertThat(self.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("SEPARATION_OF_DUTIES");
		token = READ_TOKEN;
		JsonNode noRole = graphql("mutation($id: ID!) { approveChange(id: $id) { status } }", Map.of("id", id));
		assertThat(noRole.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("FORBIDDEN");
		token = CAB_TOKEN;
		JsonNode approved = data("mutation($id: ID!) { approveChange(id: $id, comment: \"maintenance agreed\") { status decidedBy "
				+ "reasons { rule message } } }", "id", id).get("approveChange");
		assertThat(approved.get("status").asString()).isEqualTo("APPROVED");
		assertThat(approved.get("decidedBy").asString()).isEqualTo("test-cab");
		HttpResponse<String> waited = waiting.get();
		assertThat(Json.MAPPER.readTree(waited.body()).get("status").asString()).isEqualTo("APPROVED");
		JsonNode again = graphql("mutation($id: ID!) { rejectChange(id: $id) { status } }", Map.of("id", id));
		assertThat(again.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("CHANGE_NOT_PENDING");
		token = ADMIN_TOKEN;
	}

	@Test
	void cabCannotApproveIntoACollisionThatAppearedWhileTheChangeWaited() {
		String u = unique();
		Map<String, String> ids = estate(u);
		JsonNode waiting = request(change("rework reporting", "NORMAL", List.of(ids.get("app1")), soon, soon.plusSeconds(3600)));
		assertThat(waiting.get("status").asString()).isEqualTo("PENDING");
		// meanwhile a standard change on the same application is approved for an overlapping window
		JsonNode meanwhile = request(change("hotfix reporting", "STANDARD", List.of(ids.get("app1")), soon.plusSeconds(600),
				soon.plusSeconds(900)));
		assertThat(meanwhile.get("status").asString()).isEqualTo("APPROVED");
		token = CAB_TOKEN;
		JsonNode refused = graphql("mutation($id: ID!) { approveChange(id: $id) { status } }",
				Map.of("id", waiting.get("id").asString()));
		assertThat(refused.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("CHANGE_BLOCKED");
		assertThat(refused.get("errors").get(0).get("message").asString()).contains(meanwhile.get("id").asString());
		// still pending: CAB can reject it
		assertThat(data("mutation($id: ID!) { rejectChange(id: $id, comment: \"collides\") { status } }", "id",
				waiting.get("id").asString()).get("rejectChange").get("status").asString()).isEqualTo("REJECTED");
		token = ADMIN_TOKEN;
	}

	@Test
	void aCollisionAndABlackoutAreRejectedWithTheirEvidence() {
		String u = unique();
		Map<String, String> ids = estate(u);
		JsonNode first = request(change("deploy reporting", "STANDARD", List.of(ids.get("app1")), soon, soon.plusSeconds(3600)));
		assertThat(first.get("status").asString()).isEqualTo("APPROVED");
		JsonNode second = request(change("resize vm1", "STANDARD", List.of(ids.get("vm1")), soon.plusSeconds(600), soon.plusSeconds(1200)));
		assertThat(second.get("status").asString()).isEqualTo("REJECTED");
		JsonNode collision = null;
		for (JsonNode r : second.get("reasons")) {
			if (r.get("rule").asString().equals("collision")) {
				collision = r;
			}
		}
		assertThat(collision).as(second.toString()).isNotNull();
		assertThat(collision.get("evidence").get("changeId").asString()).isEqualTo(first.get("id").asString());
		assertThat(collision.get("evidence").get("ciIds").toString()).contains(ids.get("app1"));
		Instant freeze = Instant.parse("2030-12-24T10:00:00Z");
		JsonNode frozen = request(change("deploy in the freeze", "STANDARD", List.of(ids.get("app1")), freeze, freeze.plusSeconds(600)));
		assertThat(frozen.get("status").asString()).isEqualTo("REJECTED");
		assertThat(rules(frozen)).contains("blackout");
		assertThat(frozen.toString()).contains("year-end freeze");
	}

	@Test
	void anOpenP1IncidentOnTheBlastRadiusRejectsAndAnEmergencyGoesAtOnceForReview() {
		String u = unique();
		Map<String, String> ids = estate(u);
		String alert = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"HostDown\","
				+ "\"severity\":\"critical\",\"cmdb_ci\":\"" + ids.get("vm2") + "\"},\"startsAt\":\"" + Instant.now() + "\",\"fingerprint\":\"p1" + u + "\"}]}";
		HttpResponse<String> a = send(ALERTS_TOKEN, "/api/v1/alerts/alertmanager", alert.getBytes());
		assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
		String incident = Json.MAPPER.readTree(a.body()).get("incidentIds").get(0).asString();
		JsonNode blocked = request(change("deploy payments", "STANDARD", List.of(ids.get("app2")), soon, soon.plusSeconds(600)));
		assertThat(blocked.get("status").asString()).isEqualTo("REJECTED");
		JsonNode evidence = null;
		for (JsonNode r : blocked.get("reasons")) {
			if (r.get("rule").asString().equals("open-incident")) {
				evidence = r.get("evidence");
			}
		}
		assertThat(evidence).as(blocked.toString()).isNotNull();
		assertThat(evidence.get("incidentId").asString()).isEqualTo(incident);
		assertThat(evidence.get("priority").asString()).isEqualTo("P1");
		// the fix cannot wait: an emergency goes at once, the blocker kept as overridden evidence, flagged for review
		JsonNode emergency = request(change("hotfix payments", "EMERGENCY", List.of(ids.get("app2")), Instant.now(), soon));
		assertThat(emergency.get("status").asString()).isEqualTo("APPROVED");
		assertThat(emergency.get("type").asString()).isEqualTo("EMERGENCY");
		assertThat(emergency.get("awaitingReview").asBoolean()).isTrue();
		assertThat(rules(emergency)).contains("overridden-open-incident", "emergency");
		String id = emergency.get("id").asString();
		assertThat(data("{ changesAwaitingReview(first: 500) { id } }").get("changesAwaitingReview").findValuesAsString("id")).contains(id);
		token = CAB_TOKEN;
		data("mutation($id: ID!) { reviewChange(id: $id, comment: \"justified\") { reviewedBy } }", "id", id);
		token = ADMIN_TOKEN;
		assertThat(data("{ changesAwaitingReview(first: 500) { id } }").get("changesAwaitingReview").findValuesAsString("id")).doesNotContain(id);
	}

	@Test
	void theLifecycleToSuccessfulAndFailedGivesTheSuccessRateAndLinksAChangeCausedIncident() {
		String u = unique();
		Map<String, String> ids = estate(u);
		Map<String, Object> body = change("deploy reporting 1", "STANDARD", List.of(ids.get("app1")), Instant.now(), soon);
		body.put("requester", "release-bot-" + u);
		String ok = request(body).get("id").asString();
		assertThat(post(ok, "start", Map.of()).get("status").asString()).isEqualTo("IMPLEMENTING");
		assertThat(post(ok, "start", Map.of()).get("status").asString()).isEqualTo("IMPLEMENTING"); // a retry
		JsonNode done = post(ok, "complete", Map.of("outcome", "SUCCESSFUL"));
		assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.get("outcome").asString()).isEqualTo("SUCCESSFUL");
		body.put("title", "deploy reporting 2");
		body.put("plannedStart", soon.plusSeconds(7200).toString());
		body.put("plannedEnd", soon.plusSeconds(9000).toString());
		String bad = request(body).get("id").asString();
		post(bad, "start", Map.of());
		post(bad, "complete", Map.of("outcome", "FAILED", "comment", "pods crash-looped"));
		HttpResponse<String> twice = send(PIPELINE_TOKEN, "/api/v1/changes/" + bad + "/start", Map.of());
		assertThat(Json.MAPPER.readTree(twice.body()).get("code").asString()).isEqualTo("CHANGE_NOT_APPROVED");
		JsonNode rate = data("{ changeSuccessRate(by: REQUESTER) { key completed successful failed rate } }").get("changeSuccessRate");
		JsonNode mine = null;
		for (JsonNode r : rate) {
			if (r.get("key").asString().equals("release-bot-" + u)) {
				mine = r;
			}
		}
		assertThat(mine).as(rate.toString()).isNotNull();
		assertThat(mine.get("completed").asInt()).isEqualTo(2);
		assertThat(mine.get("rate").asDouble()).isEqualTo(0.5);
		// an incident on the changed application within 24 h: possibly caused by the change, shown on both
		String alert = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"Http5xx\","
				+ "\"cmdb_ci\":\"" + ids.get("app1") + "\"},\"startsAt\":\"" + Instant.now() + "\",\"fingerprint\":\"cc" + u + "\"}]}";
		String incident = Json.MAPPER.readTree(send(ALERTS_TOKEN, "/api/v1/alerts/alertmanager", alert.getBytes()).body())
			.get("incidentIds").get(0).asString();
		assertThat(data("query($id: ID!) { incident(id: $id) { possibleChanges { id outcome } } }", "id", incident)
			.get("incident").get("possibleChanges").findValuesAsString("id")).contains(ok, bad);
		assertThat(data("query($id: ID!) { change(id: $id) { possiblyCausedIncidents { id priority } } }", "id", bad)
			.get("change").get("possiblyCausedIncidents").findValuesAsString("id")).containsExactly(incident);
	}

	@Test
	void cancellationExpiryAndOutOfOrderStepsAreCoded() {
		String u = unique();
		Map<String, String> ids = estate(u);
		// a pending change completed before it was approved; then cancelled, and nothing more after that
		String pending = request(change("patch hv", "NORMAL", List.of(ids.get("hv")), soon, soon.plusSeconds(600))).get("id").asString();
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes/" + pending + "/complete", Map.of("outcome", "SUCCESSFUL")), 409,
				"CHANGE_NOT_STARTED");
		assertThat(post(pending, "cancel", Map.of("comment", "superseded")).get("status").asString()).isEqualTo("CANCELLED");
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes/" + pending + "/cancel", Map.of()), 409, "CHANGE_CLOSED");
		// an approval whose window passed before the pipeline started: EXPIRED, and the start says so
		String approved = request(change("deploy reporting", "STANDARD", List.of(ids.get("app1")), soon, soon.plusSeconds(600)))
			.get("id").asString();
		try (var s = driver.session()) {
			s.run("MATCH (c:ChangeRequest {id: $id}) SET c.plannedStart = $start, c.plannedEnd = $end",
					Map.of("id", approved, "start", System.currentTimeMillis() - 7_200_000L, "end",
							System.currentTimeMillis() - 3_600_000L)).consume();
		}
		assertThat(post(approved, "start", Map.of()).get("status").asString()).isEqualTo("EXPIRED");
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes/" + approved + "/start", Map.of()), 409, "CHANGE_NOT_APPROVED");
		// an emergency cannot be reviewed by the token that requested it
		String emergency = request(change("hotfix", "EMERGENCY", List.of(ids.get("app1")), Instant.now(), soon)).get("id").asString();
		token = PIPELINE_TOKEN;
		JsonNode self = graphql("mutation($id: ID!) { reviewChange(id: $id) { id } }", Map.of("id", emergency));
		token = ADMIN_TOKEN;
		assertThat(self.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("SEPARATION_OF_DUTIES");
	}

	@Test
	void hostileRequestsAreCodedErrorsAndRecordNothing() {
		String u = unique();
		Map<String, String> ids = estate(u);
		long before = count();
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes", change("x", "STANDARD", List.of(ids.get("app1"), "no-such-ci",
				Map.of("service", "no-such-service-" + u)), soon, soon.plusSeconds(60))), 422, "UNKNOWN_TARGET");
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes", change("x", "STANDARD", new ArrayList<>(Collections.nCopies(100_000,
				ids.get("app1"))), soon, soon.plusSeconds(60))), 413, "TOO_MANY_TARGETS");
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes", change("x", "STANDARD", List.of(ids.get("app1")), soon,
				soon.minusSeconds(60))), 400, "INVALID_WINDOW");
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes", change("x", "STANDARD", List.of(ids.get("app1")),
				Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600))), 400, "WINDOW_IN_PAST");
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes", "{\"title\":".getBytes()), 400, "MALFORMED_JSON");
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes", change("x", "ROUTINE", List.of(ids.get("app1")), soon,
				soon.plusSeconds(60))), 400, "INVALID_CHANGE");
		assertCode(send(READ_TOKEN, "/api/v1/changes", change("x", "STANDARD", List.of(ids.get("app1")), soon,
				soon.plusSeconds(60))), 403, "FORBIDDEN");
		assertThat(count()).isEqualTo(before);
		// a replay with the same key: the same change; with another body: 422
		Map<String, Object> body = change("idempotent " + u, "STANDARD", List.of(ids.get("app1")), soon, soon.plusSeconds(60));
		HttpResponse<String> one = send(PIPELINE_TOKEN, "/api/v1/changes", body, "Idempotency-Key", "k-" + u);
		HttpResponse<String> two = send(PIPELINE_TOKEN, "/api/v1/changes", body, "Idempotency-Key", "k-" + u);
		assertThat(Json.MAPPER.readTree(two.body()).get("id").asString()).isEqualTo(Json.MAPPER.readTree(one.body()).get("id").asString());
		assertThat(two.headers().firstValue("Idempotent-Replayed")).contains("true");
		body.put("title", "something else");
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes", body, "Idempotency-Key", "k-" + u), 422, "IDEMPOTENCY_KEY_REUSED");
		assertThat(count()).isEqualTo(before + 1);
		assertCode(send(PIPELINE_TOKEN, "/api/v1/changes/chg_nope/complete", Map.of("outcome", "MAYBE")), 400, "INVALID_OUTCOME");
		token = PIPELINE_TOKEN;
		assertCode(get("/api/v1/changes/chg_nope"), 404, "CHANGE_NOT_FOUND");
		assertCode(get("/api/v1/changes/" + Json.MAPPER.readTree(one.body()).get("id").asString() + "?wait=1h"), 400, "INVALID_WAIT");
		token = ADMIN_TOKEN;
	}

	JsonNode post(String id, String step, Map<String, Object> body) {
		HttpResponse<String> r = send(PIPELINE_TOKEN, "/api/v1/changes/" + id + "/" + step, body);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return Json.MAPPER.readTree(r.body());
	}

	long count() {
		try (var s = driver.session()) {
			return s.run("MATCH (c:ChangeRequest) RETURN count(c) AS n").single().get("n").asLong();
		}
	}

}
