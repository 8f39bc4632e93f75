package org.fedcmdb.incidents;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.events.EventProperties;
import org.fedcmdb.events.Subscriptions;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The ITSM connectors against WireMock stand-ins of ServiceNow's Table API and PagerDuty's Events API v2, with their
 * error answers: an incident is created once (a throttled create is retried, a retry looks up by correlation_id
 * first), updated when its priority changes and resolved; PagerDuty gets trigger, trigger, resolve under one
 * dedup_key after a 500 it retried.
 */
class IncidentConnectorsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	Subscriptions subscriptions;

	WireMockServer servicenow;

	WireMockServer pagerduty;

	@AfterEach
	void stop() {
		token = ADMIN_TOKEN;
		for (String id : List.of("cfg_snow", "cfg_pd")) {
			graphql("mutation($id: ID!) { deleteSubscription(id: $id) }", Map.of("id", id));
		}
		if (servicenow != null) {
			servicenow.stop();
		}
		if (pagerduty != null) {
			pagerduty.stop();
		}
	}

	@Test
	void incidentsReachServiceNowAndPagerDutyOnceEachThroughTheirErrors() {
		servicenow = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
		servicenow.start();
		pagerduty = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
		pagerduty.start();
		String table = ServiceNowSink.TABLE;
		servicenow.stubFor(WireMock.get(urlPathEqualTo(table)).inScenario("snow").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"result\":[]}")));
		servicenow.stubFor(WireMock.post(urlPathEqualTo(table)).inScenario("snow").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("throttled"));
		servicenow.stubFor(WireMock.get(urlPathEqualTo(table)).inScenario("snow").whenScenarioStateIs("throttled")
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"result\":[]}")));
		servicenow.stubFor(WireMock.post(urlPathEqualTo(table)).inScenario("snow").whenScenarioStateIs("throttled")
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody("{\"result\":{\"sys_id\":\"a1b2c3\"}}")).willSetStateTo("created"));
		servicenow.stubFor(WireMock.get(urlPathEqualTo(table)).inScenario("snow").whenScenarioStateIs("created")
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
				.withBody("{\"result\":[{\"sys_id\":\"a1b2c3\",\"state\":\"1\"}]}")));
		servicenow.stubFor(patch(urlPathEqualTo(table + "/a1b2c3")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json").withBody("{\"result\":{\"sys_id\":\"a1b2c3\"}}")));
		pagerduty.stubFor(WireMock.post(urlPathEqualTo("/v2/enqueue")).inScenario("pd").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
		pagerduty.stubFor(WireMock.post(urlPathEqualTo("/v2/enqueue")).inScenario("pd").whenScenarioStateIs("up")
			.willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json")
				.withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}")));
		// only incidents caused by a StorageVolume: no other test's incidents reach these stand-ins
		subscriptions.upsertConfigured(new EventProperties.Configured("snow", servicenow.baseUrl(), List.of(),
				List.of("StorageVolume"), 1, null, "ServiceNow stand-in", "servicenow",
				Map.of("username", "fedcmdb", "password", "s3cret", "close-code", "Solved (Work Around)")));
		String routingKey = "0123456789abcdef0123456789abcdef";
		subscriptions.upsertConfigured(new EventProperties.Configured("pd", pagerduty.baseUrl(), List.of(),
				List.of("StorageVolume"), 1, null, "PagerDuty stand-in", "pagerduty", Map.of("routing-key", routingKey)));

		String u = unique();
		JsonNode s = ingest(snapshot("declared", "DELTA", Instant.now(), List.of(
				item("vol", "StorageVolume", Map.of("name", "vol-" + u, "sysId", "9d385017c611228701d22104cc95c371"),
						attrs("supportGroup", "storage-team")),
				item("vm", "VirtualMachine", Map.of("fqdn", "vmvol-" + u + ".example"), attrs("name", "vmvol-" + u)),
				item("svc", "BusinessService", Map.of("name", "Ledger " + u), attrs("criticality", 1))),
				List.of(rel("HOSTED_ON", "vm", "vol"), rel("DEPENDS_ON", "svc", "vm"))));
		String vol = null;
		String vm = null;
		for (JsonNode r : s.get("results")) {
			if (r.get("kind").asString().equals("item")) {
				if (r.get("ref").asString().equals("vol")) {
					vol = r.get("ciId").asString();
				}
				else if (r.get("ref").asString().equals("vm")) {
					vm = r.get("ciId").asString();
				}
			}
		}
		Instant t = Instant.now();
		Map<String, Object> a1 = IncidentsIntegrationTests.alert("firing", "v" + u, t, "alertname", "VolumeDegraded", "severity", "warning", "cmdb_ci", vol);
		Map<String, Object> a2 = IncidentsIntegrationTests.alert("firing", "w" + u, t, "alertname", "IoWait", "severity", "critical", "cmdb_ci", vm);
		String incidentId = send(a1).get("incidentIds").get(0).asString();
		await("the ServiceNow create", () -> requests(servicenow, "POST").size() == 2, Duration.ofSeconds(30));
		assertThat(send(a2).get("incidentIds").get(0).asString()).isEqualTo(incidentId);
		await("the ServiceNow update", () -> requests(servicenow, "PATCH").size() == 1, Duration.ofSeconds(30));
		send(IncidentsIntegrationTests.withStatus(a1, "resolved"), IncidentsIntegrationTests.withStatus(a2, "resolved"));
		await("the ServiceNow resolution", () -> requests(servicenow, "PATCH").size() == 2, Duration.ofSeconds(30));

		List<LoggedRequest> posts = requests(servicenow, "POST");
		assertThat(posts).hasSize(2); // one throttled, one created: no duplicate ticket
		JsonNode created = Json.MAPPER.readTree(posts.get(1).getBodyAsString());
		assertThat(created.get("correlation_id").asString()).isEqualTo(incidentId);
		assertThat(created.get("cmdb_ci").asString()).isEqualTo("9d385017c611228701d22104cc95c371");
		assertThat(created.get("assignment_group").asString()).isEqualTo("storage-team");
		assertThat(created.get("urgency").asString()).isEqualTo("2");
		assertThat(created.get("impact").asString()).isEqualTo("1");
		assertThat(created.get("short_description").asString()).startsWith("[P2] ").contains("vol-" + u);
		assertThat(posts.get(1).getHeader("Authorization")).isEqualTo("Basic " + java.util.Base64.getEncoder()
			.encodeToString("fedcmdb:s3cret".getBytes()));
		assertThat(posts.get(1).queryParameter("sysparm_input_display_value").firstValue()).isEqualTo("true");
		List<LoggedRequest> patches = requests(servicenow, "PATCH");
		JsonNode escalated = Json.MAPPER.readTree(patches.get(0).getBodyAsString());
		assertThat(escalated.get("urgency").asString()).isEqualTo("1");
		assertThat(escalated.get("short_description").asString()).startsWith("[P1] ");
		JsonNode closed = Json.MAPPER.readTree(patches.get(1).getBodyAsString());
		assertThat(closed.get("state").asString()).isEqualTo("6");
		assertThat(closed.get("close_code").asString()).isEqualTo("Solved (Work Around)");
		servicenow.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathMatching(".*")))
			.forEach(g -> assertThat(g.queryParameter("sysparm_query").firstValue()).isEqualTo("correlation_id=" + incidentId));

		await("PagerDuty trigger, trigger, resolve", () -> accepted(pagerduty).size() == 3, Duration.ofSeconds(30));
		List<JsonNode> pd = accepted(pagerduty);
		assertThat(pd).allSatisfy(b -> {
			assertThat(b.get("dedup_key").asString()).isEqualTo(incidentId);
			assertThat(b.get("routing_key").asString()).isEqualTo(routingKey);
		});
		assertThat(pd.stream().map(b -> b.get("event_action").asString()).toList()).containsExactly("trigger", "trigger", "resolve");
		assertThat(pd.get(0).get("payload").get("severity").asString()).isEqualTo("error");
		assertThat(pd.get(1).get("payload").get("severity").asString()).isEqualTo("critical");
		assertThat(pd.get(0).get("payload").get("component").asString()).isEqualTo("vol-" + u);
		assertThat(pd.get(0).get("payload").get("custom_details").get("impacted_services").toString()).contains("Ledger " + u);
		// the 500 was retried: four requests in all, three accepted
		assertThat(pagerduty.getAllServeEvents()).hasSize(4);
	}

	@Test
	void aRefusedCredentialIsRetriedOnTheScheduleThenDeadLettered() {
		pagerduty = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
		pagerduty.start();
		pagerduty.stubFor(WireMock.post(urlPathEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json").withBody("{\"status\":\"invalid request\",\"message\":\"Invalid routing key\"}")));
		subscriptions.upsertConfigured(new EventProperties.Configured("pd", pagerduty.baseUrl(), List.of(),
				List.of("LoadBalancer"), 1, null, null, "pagerduty", Map.of("routing-key", "ffffffffffffffffffffffffffffffff")));
		String u = unique();
		JsonNode s = ingest(snapshot("declared", "DELTA", Instant.now(), List.of(
				item("lb", "LoadBalancer", Map.of("name", "lb-" + u), attrs())), List.of()));
		String lb = s.get("results").get(0).get("ciId").asString();
		send(IncidentsIntegrationTests.alert("firing", "lb" + u, Instant.now(), "alertname", "LbDown", "cmdb_ci", lb));
		// the test schedule is 0s, 300ms, 1s, 2s, 3s: five attempts, then the event is dead-lettered
		await("the dead letter", () -> data("{ deliveries(subscriptionId: \"cfg_pd\") { outcome } }").get("deliveries")
			.findValuesAsString("outcome").contains("DEAD_LETTERED"), Duration.ofSeconds(30));
		JsonNode log = data("{ deliveries(subscriptionId: \"cfg_pd\", first: 20) { outcome status error } }").get("deliveries");
		assertThat(log.findValuesAsString("error")).allMatch(e -> e.contains("HTTP 401") && e.contains("Invalid routing key"));
		assertThat(pagerduty.getAllServeEvents()).hasSizeGreaterThanOrEqualTo(5);
	}

	@Test
	void aConnectorConfigurationMistakeIsCoded() {
		var ex = org.assertj.core.api.Assertions.catchThrowableOfType(org.fedcmdb.events.EventException.class,
				() -> subscriptions.upsertConfigured(new EventProperties.Configured("bad", "http://127.0.0.1:1/", List.of(),
						List.of(), 1, null, null, "pagerduty", Map.of("routing-key", "short"))));
		assertThat(ex.code()).isEqualTo("INVALID_SUBSCRIPTION_CONFIG");
		assertThat(ex.getMessage()).contains("routing-key");
		var unknown = org.assertj.core.api.Assertions.catchThrowableOfType(org.fedcmdb.events.EventException.class,
				() -> subscriptions.upsertConfigured(new EventProperties.Configured("bad", "http://127.0.0.1:1/", List.of(),
						List.of(), 1, null, null, "jira", Map.of())));
		assertThat(unknown.getMessage()).contains("unknown format 'jira'").contains("servicenow").contains("pagerduty");
		var types = org.assertj.core.api.Assertions.catchThrowableOfType(org.fedcmdb.events.EventException.class,
				() -> subscriptions.upsertConfigured(new EventProperties.Configured("bad", "http://127.0.0.1:1/",
						List.of("ci.created"), List.of(), 1, null, null, "servicenow", Map.of("token", "t"))));
		assertThat(types.getMessage()).contains("delivers only");
	}

	@SafeVarargs
	private JsonNode send(Map<String, Object>... alerts) {
		String saved = token;
		token = ALERTS_TOKEN;
		try {
			var r = post("/api/v1/alerts/alertmanager", "application/json",
					Json.MAPPER.writeValueAsBytes(IncidentsIntegrationTests.notification(List.of(alerts))));
			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
			return Json.MAPPER.readTree(r.body());
		}
		finally {
			token = saved;
		}
	}

	private static List<LoggedRequest> requests(WireMockServer server, String method) {
		return server.getAllServeEvents().stream().map(e -> e.getRequest())
			.filter(r -> r.getMethod().getName().equals(method))
			.sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
	}

	private static List<JsonNode> accepted(WireMockServer server) {
		return server.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 202)
			.sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
			.map(e -> Json.MAPPER.readTree(e.getRequest().getBodyAsString())).toList();
	}

	private static void await(String what, BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
			sleep(50);
		}
	}

}
