package org.fedcmdb.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Snapshot;
import org.fedcmdb.agents.SnapshotPoster;
import org.fedcmdb.agents.declared.DeclaredTopologyAgent;
import org.fedcmdb.agents.host.HostAgent;
import org.fedcmdb.agents.host.HostFacts;
import org.fedcmdb.agents.host.HostSnapshotMapper;
import org.fedcmdb.agents.kubernetes.KubernetesInventory;
import org.fedcmdb.agents.kubernetes.KubernetesMapper;
import org.fedcmdb.agents.network.NetworkAgent;
import org.fedcmdb.agents.network.NmapParser;
import org.fedcmdb.agents.terraform.TerraformAgent;
import org.fedcmdb.graph.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each agent's snapshot posted into the running server over HTTP (through the agents' own poster), the resulting
 * CIs and edges checked; the identification rules merging two agents' views of one host; and agents on Quartz.
 */
class AgentsIntegrationTests extends IntegrationTestSupport {

	JsonNode post(Snapshot s) throws Exception {
		SnapshotPoster poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + port), ADMIN_TOKEN, line -> {
		});
		String id = poster.post(s);
		return awaitSnapshot(id);
	}

	/**
	 * An agent that makes its snapshot as it goes posts it chunk by chunk (SnapshotPoster.open): a relationship in
	 * the second chunk to an item of the first resolves, and the snapshot completes with both chunks applied.
	 */
	@Test
	void aSnapshotMadeAsItGoesIsPostedChunkByChunk() throws Exception {
		String u = unique();
		SnapshotPoster poster = new SnapshotPoster(URI.create("http://127.0.0.1:" + port), ADMIN_TOKEN, line -> {
		});
		Snapshot first = Snapshot.full("terraform-up" + u, "s", Instant.now())
			.item("vm", "Server", Map.of("fqdn", "up-vm-" + u + ".example"), Map.of("name", "up-vm-" + u));
		Snapshot second = Snapshot.full("terraform-up" + u, "s", Instant.now())
			.item("app", "Application", Map.of("uid", "up-app-" + u), Map.of("name", "up-app-" + u))
			.rel("RUNS_ON", "app", "vm");
		SnapshotPoster.Upload upload = poster.open(first.envelope());
		upload.chunk(Map.of("items", first.items(), "relationships", first.relationships()));
		upload.chunk(Map.of("items", second.items(), "relationships", second.relationships()));
		upload.complete();
		JsonNode status = awaitSnapshot(upload.id());
		assertThat(status.get("progress").get("chunks").asInt()).as(status.toString()).isEqualTo(2);
		assertThat(status.get("counts").path("INSERT").asInt()).as(status.toString()).isEqualTo(2);
		assertThat(status.get("edgesCreated").asInt()).as(status.toString()).isEqualTo(1);
	}

	JsonNode cis(Map<String, Object> filter) {
		return data("query($f: CIFilter) { cis(filter: $f, first: 100) { totalCount edges { node { id name class status "
				+ "sources { source } out: relationships { type ci { id name class } } } } } }", "f", filter).get("cis");
	}

	@Test
	void theHostAgentFindsThisMachineInTheGraph() throws Exception {
		Snapshot s = new HostAgent().collect(new AgentSettings("host-agent", Map.of()));
		JsonNode status = post(s);
		assertThat(status.get("counts").has("REJECTED")).as(status.toString()).isFalse();
		String name = (String) ((Map<?, ?>) s.item("host").get("attributes")).get("name");
		JsonNode found = cis(Map.of("class", "Host", "name", name));
		assertThat(found.get("totalCount").asInt()).isEqualTo(1);
		JsonNode host = found.get("edges").get(0).get("node");
		assertThat(texts(host.get("sources"), "source")).contains("host-agent");
		// its disks are StorageVolumes it DEPENDS_ON
		assertThat(host.get("out").valueStream().map(r -> r.get("ci").get("class").asString())).contains("StorageVolume");
	}

	@Test
	void theHostAgentAndNmapReportingOneMachineEndAsOneCi() throws Exception {
		List<NmapParser.NmapHost> scanned = NmapParser.parse(getClass().getResourceAsStream("/fixtures/nmap/libnmap_dionaea_scan.xml"));
		NmapParser.NmapHost h = scanned.get(0);
		// the host agent on that machine reports its hardware and the same NIC (MAC in OSHI's notation)
		HostFacts facts = new HostFacts("dionaea", null, "PF-" + unique(), null, "Dell Inc.", "PowerEdge", "Linux", "5.10",
				"5.10.0", "Xeon", 4, 2, 8L << 30, List.of(new HostFacts.Interface("eth0", h.mac().toLowerCase(), h.ipv4(), List.of())),
				List.of(), List.of());
		JsonNode agent = post(HostSnapshotMapper.toSnapshot(HostSnapshotMapper.map(facts, Instant.now(), "host-agent")));
		JsonNode nmap = post(NetworkAgent.map(scanned, "nmap-dmz", "dmz", Instant.now()));
		assertThat(ciId(nmap, "host0")).isEqualTo(ciId(agent, "host"));
		JsonNode ci = ci(ciId(agent, "host"));
		assertThat(texts(ci.get("sources"), "source")).containsExactlyInAnyOrder("host-agent", "nmap-dmz");
		assertThat(ci.get("class").asString()).isEqualTo("Server");
		assertThat(ci.get("in").size()).isEqualTo(h.services().size());
	}

	@Test
	void kubernetesClusterFromItsApiLists() throws Exception {
		var nodes = Serialization.unmarshal(getClass().getResourceAsStream("/fixtures/kubernetes/k3s_nodes.json"), NodeList.class).getItems();
		var pods = Serialization.unmarshal(getClass().getResourceAsStream("/fixtures/kubernetes/k3s_pods_default.json"), PodList.class).getItems();
		var deps = Serialization.unmarshal(getClass().getResourceAsStream("/fixtures/kubernetes/k3s_deployments_default.json"), DeploymentList.class).getItems();
		var svcs = Serialization.unmarshal(getClass().getResourceAsStream("/fixtures/kubernetes/k3s_services_default.json"), ServiceList.class).getItems();
		String cluster = "k3s-" + unique();
		JsonNode s = post(KubernetesMapper.map(new KubernetesInventory("uid-" + cluster, nodes, List.of(), deps, List.of(),
				List.of(), List.of(), pods, svcs), cluster, "kubernetes-" + cluster, Instant.now()));
		assertThat(s.get("counts").get("INSERT").asInt()).isEqualTo(1 + 1 + 3 + 6 + 4);
		// the node waits for the machine with its system UUID (no source reported it yet)
		assertThat(s.get("results").valueStream().filter(r -> "LOOKUP_NOT_FOUND".equals(r.path("code").asString(null)))).hasSize(1);
		JsonNode pod = ci(ciId(s, "pod/default/backend-api-75fb46b7bd-xtkrh"));
		assertThat(pod.get("out").valueStream().map(r -> r.get("type").asString() + ">" + r.get("ci").get("name").asString()))
			.contains("RUNS_ON>c9b7eea91", "MEMBER_OF>backend-api");
		// a failed node takes its pods and the deployments whose pods all ran there down
		JsonNode br = data("query($id: ID!) { blastRadius(ciIds: [$id]) { impacted { state ci { name class } } } }",
				"id", ciId(s, "node/c9b7eea91")).get("blastRadius");
		assertThat(br.get("impacted").valueStream().filter(i -> i.get("ci").get("class").asString().equals("Pod"))).hasSize(4);
	}

	@Test
	void terraformStateAndDeclaredTopologyMeetAcrossSources() throws Exception {
		Files.writeString(STATE_FILE, new String(getClass().getResourceAsStream("/fixtures/terraform/driftctl_aws_db_instance.tfstate").readAllBytes()));
		JsonNode declared = post(new DeclaredTopologyAgent().collect(new AgentSettings("declared",
				Map.of("file", resourcePath("declared/topology.yml")))));
		String api = ciId(declared, "d1");
		assertThat(ci(api).get("out")).isEmpty();
		JsonNode tf = post(new TerraformAgent().collect(new AgentSettings("terraform-prod", Map.of("file", STATE_FILE.toString()))));
		String db = ciId(tf, "db/aws_db_instance.default");
		// the declared dependency on the RDS instance was pending and is now an edge
		assertThat(ci(api).get("out").valueStream().map(r -> r.get("ci").get("id").asString())).contains(db);
	}

	@Test
	void serviceNowEnrichesWhatOtherSourcesCreate() throws Exception {
		var mapper = tools.jackson.databind.json.JsonMapper.builder().build();
		var rows = new java.util.ArrayList<JsonNode>();
		mapper.readTree(getClass().getResourceAsStream("/fixtures/servicenow/stackstate_cmdb_ci_display_value_all.json"))
			.get("result").forEach(rows::add);
		Snapshot sn = org.fedcmdb.agents.servicenow.ServiceNowAgent.map(rows, List.of(),
				org.fedcmdb.agents.servicenow.ServiceNowAgentAccess.classes(), "servicenow-prod", "instance:x", Instant.now());
		JsonNode s = post(sn);
		// ServiceNow may enrich but not create: every computer waits
		assertThat(s.get("counts").get("PENDING").asInt()).isEqualTo(5);
		String sysId = (String) ((Map<?, ?>) sn.items().get(0).get("identifiers")).get("sysId");
		Snapshot declared = new Snapshot("manual-assets", "assets", "DELTA", false, Instant.now());
		declared.item("m", "Host", Map.of("sysId", sysId), Map.of("owner", "IT"));
		JsonNode created = post(declared);
		JsonNode ci = ci(ciId(created, "m"));
		assertThat(texts(ci.get("sources"), "source")).contains("servicenow-prod", "manual-assets");
		assertThat(ci.get("attributes").get("serviceNowClass").asString()).isEqualTo("cmdb_ci_computer");
	}

	JsonNode agentRuns(String name) {
		for (JsonNode a : data("{ agents { name type source cron nextFireTime running runs(first: 20) { status error items snapshotId } } }")
			.get("agents")) {
			if (a.get("name").asString().equals(name)) {
				return a;
			}
		}
		throw new AssertionError("no agent " + name);
	}

	@Test
	void aQuartzScheduleFiresTheAgentAndItsRunsShowInGraphQl() {
		long deadline = System.currentTimeMillis() + 30_000;
		JsonNode agent;
		do {
			sleep(500);
			agent = agentRuns("lab-scan");
		}
		while (agent.get("runs").valueStream().noneMatch(r -> r.get("status").asString().equals("SUCCEEDED"))
				&& System.currentTimeMillis() < deadline);
		assertThat(agent.get("runs").valueStream().map(r -> r.get("status").asString())).contains("SUCCEEDED");
		assertThat(agent.get("nextFireTime").isNull()).isFalse();
		assertThat(agent.get("cron").asString()).isEqualTo("0/4 * * * * ?");
		JsonNode hosts = cis(Map.of("source", "nmap-lab"));
		assertThat(hosts.get("totalCount").asInt()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aFailingAgentRecordsWhyAndWithdrawsNothing() throws Exception {
		Files.writeString(STATE_FILE, new String(getClass().getResourceAsStream("/fixtures/terraform/inframap_azurerm_vms.tfstate").readAllBytes()));
		data("mutation { runAgent(name: \"team-state\") { name } }");
		JsonNode first = awaitRun("team-state", 1);
		assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("SUCCEEDED");
		assertThat(cis(Map.of("source", "terraform-team", "status", "ACTIVE")).get("totalCount").asInt()).isEqualTo(2);
		Files.writeString(STATE_FILE, "{ this is not a state");
		data("mutation { runAgent(name: \"team-state\") { name } }");
		JsonNode second = awaitRun("team-state", 2);
		assertThat(second.get("status").asString()).isEqualTo("FAILED");
		assertThat(second.get("error").asString()).contains("not a JSON Terraform state");
		assertThat(cis(Map.of("source", "terraform-team", "status", "ACTIVE")).get("totalCount").asInt()).isEqualTo(2);
		JsonNode unknown = graphql("mutation { runAgent(name: \"nope\") { name } }", Map.of());
		assertThat(unknown.get("errors").get(0).get("extensions").get("code").asString()).isEqualTo("AGENT_NOT_FOUND");
	}

	JsonNode awaitRun(String name, int count) {
		long deadline = System.currentTimeMillis() + 60_000;
		while (System.currentTimeMillis() < deadline) {
			JsonNode runs = agentRuns(name).get("runs");
			if (runs.size() >= count && !runs.get(0).get("status").asString().equals("RUNNING")) {
				return runs.get(0);
			}
			sleep(200);
		}
		throw new AssertionError("agent " + name + " did not finish run " + count);
	}

	@Test
	void theStandaloneCommandLineRunsAnAgentAgainstTheServer() throws Exception {
		var out = new java.io.ByteArrayOutputStream();
		var err = new java.io.ByteArrayOutputStream();
		int rc = org.fedcmdb.agents.AgentMainAccess.run(new String[] { "declared", "--server", "http://127.0.0.1:" + port,
				"--token", ADMIN_TOKEN, "--source", "declared", "--set", "file=" + resourcePath("declared/topology.csv") }, out, err);
		assertThat(rc).as(err.toString()).isZero();
		assertThat(out.toString()).contains("COMPLETED");
		assertThat(org.fedcmdb.agents.AgentMainAccess.run(new String[] { "declared", "--server", "http://127.0.0.1:1",
				"--set", "file=" + resourcePath("declared/topology.csv") }, out, err)).isEqualTo(1);
		assertThat(org.fedcmdb.agents.AgentMainAccess.run(new String[] { "bogus" }, out, err)).isEqualTo(2);
		assertThat(Json.MAPPER).isNotNull();
		assertThat(Duration.ZERO).isNotNull();
	}

}
