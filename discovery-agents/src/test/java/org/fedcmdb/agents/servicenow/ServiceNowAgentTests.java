package org.fedcmdb.agents.servicenow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Fixtures;
import org.fedcmdb.agents.Snapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The Table API is faked by WireMock with responses in the API's documented shapes (from real responses). */
class ServiceNowAgentTests {

	WireMockServer sn;

	@BeforeEach
	void start() {
		sn = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		sn.start();
	}

	@AfterEach
	void stop() {
		sn.stop();
	}

	static String page(List<Map<String, Object>> rows) {
		return JsonMapper.builder().build().writeValueAsString(Map.of("result", rows));
	}

	static Map<String, Object> ci(String sysId, String cls, String name, Object... more) {
		Map<String, Object> m = new java.util.LinkedHashMap<>();
		m.put("sys_id", Map.of("value", sysId, "display_value", sysId));
		m.put("sys_class_name", Map.of("value", cls, "display_value", cls));
		m.put("name", Map.of("value", name, "display_value", name));
		for (int i = 0; i < more.length; i += 2) {
			m.put((String) more[i], Map.of("value", more[i + 1], "display_value", more[i + 1]));
		}
		return m;
	}

	@Test
	void pagesThroughCisAndRelationshipsAndMapsClassesAndTypes() throws Exception {
		List<Map<String, Object>> first = new ArrayList<>();
		first.add(ci("aaa", "cmdb_ci_linux_server", "db1", "serial_number", "VMW-42", "ip_address", "10.0.0.5", "fqdn", "db1.corp.example"));
		first.add(ci("bbb", "cmdb_ci_db_instance", "main"));
		List<Map<String, Object>> second = List.of(ci("ccc", "cmdb_ci_service", "Payments", "business_criticality", "1 - most critical"),
				ci("ddd", "cmdb_ci_printer", "printer"));
		sn.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_ci")).withQueryParam("sysparm_offset", equalTo("0"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(first))));
		sn.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_ci")).withQueryParam("sysparm_offset", equalTo("2"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(second))));
		sn.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_ci")).withQueryParam("sysparm_offset", equalTo("4"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(List.of()))));
		List<Map<String, Object>> rels = List.of(
				Map.of("sys_id", "r1", "parent", Map.of("value", "bbb", "display_value", "main"), "child", Map.of("value", "aaa", "display_value", "db1"),
						"type", Map.of("value", "t1", "display_value", "Runs on::Runs")),
				Map.of("sys_id", "r2", "parent", Map.of("value", "ccc"), "child", Map.of("value", "bbb"),
						"type", Map.of("value", "t2", "display_value", "Depends on::Used by")),
				Map.of("sys_id", "r3", "parent", Map.of("value", "ccc"), "child", Map.of("value", "zzz"),
						"type", Map.of("value", "t3", "display_value", "Cools::Cooled by")));
		sn.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_rel_ci")).withQueryParam("sysparm_offset", equalTo("0"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(rels))));
		sn.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_rel_ci")).withQueryParam("sysparm_offset", equalTo("2"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(List.of()))));
		Snapshot s = new ServiceNowAgent().collect(new AgentSettings("servicenow-prod", Map.of("instance",
				"http://127.0.0.1:" + sn.port(), "pageSize", "2", "username", "svc", "password", "pw",
				"classMap.cmdb_ci_linux_server", "Server")));
		assertThat(s.items()).hasSize(3);
		assertThat(Fixtures.itemsOfClass(s, "Server")).hasSize(1);
		var server = Fixtures.itemsOfClass(s, "Server").get(0);
		assertThat(Fixtures.ids(server)).containsEntry("sysId", "aaa").containsEntry("serialNumber", "VMW-42");
		assertThat(Fixtures.attrs(Fixtures.itemsOfClass(s, "BusinessService").get(0))).containsEntry("criticality", 1L);
		assertThat(s.relationships()).containsExactlyInAnyOrder(Map.of("type", "RUNS_ON", "from", "bbb", "to", "aaa"),
				Map.of("type", "DEPENDS_ON", "from", "ccc", "to", "bbb"));
		sn.verify(getRequestedFor(urlPathEqualTo("/api/now/table/cmdb_ci")).withHeader("Authorization", equalTo("Basic c3ZjOnB3")));
	}

	@Test
	void realResponseShapesFromAServiceNowInstance() throws Exception {
		var mapper = JsonMapper.builder().build();
		var rows = new ArrayList<tools.jackson.databind.JsonNode>();
		mapper.readTree(Fixtures.text("servicenow/stackstate_cmdb_ci_display_value_all.json")).get("result").forEach(rows::add);
		var rels = new ArrayList<tools.jackson.databind.JsonNode>();
		mapper.readTree(Fixtures.text("servicenow/stackstate_cmdb_rel_ci.json")).get("result").forEach(rels::add);
		Snapshot s = ServiceNowAgent.map(rows, rels, ServiceNowAgent.CLASSES, "servicenow-x", "instance:x", java.time.Instant.now());
		assertThat(Fixtures.itemsOfClass(s, "Host")).hasSize(5);
		assertThat(Fixtures.ids(s.items().get(0))).containsEntry("sysId", "00a96c0d3790200044e0bfc8bcbe5db4");
		var plain = new ArrayList<tools.jackson.databind.JsonNode>();
		mapper.readTree(Fixtures.text("servicenow/stackstate_cmdb_ci_result.json")).get("result").forEach(plain::add);
		assertThat(ServiceNowAgent.value(plain.get(0), "sys_id")).isNotBlank();
	}

	@Test
	void anUnreachableOrRefusingInstanceFailsTheRun() {
		sn.stubFor(get(urlPathEqualTo("/api/now/table/cmdb_ci")).willReturn(aResponse().withStatus(401)));
		assertThatThrownBy(() -> new ServiceNowAgent().collect(new AgentSettings("servicenow", Map.of("instance",
				"http://127.0.0.1:" + sn.port())))).isInstanceOf(AgentException.class).hasMessageContaining("401");
		assertThatThrownBy(() -> new ServiceNowAgent().collect(new AgentSettings("servicenow", Map.of())))
			.isInstanceOf(AgentException.class).hasMessageContaining("instance");
	}

}
