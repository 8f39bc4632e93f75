package org.fedcmdb.agents.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.fedcmdb.agents.Fixtures;
import org.fedcmdb.agents.Snapshot;
import org.junit.jupiter.api.Test;

/** The mapping on a real k3s cluster's API lists (one consistent support bundle). */
class KubernetesMapperTests {

	static Snapshot k3s() {
		var nodes = Serialization.unmarshal(Fixtures.open("kubernetes/k3s_nodes.json"), NodeList.class).getItems();
		var pods = Serialization.unmarshal(Fixtures.open("kubernetes/k3s_pods_default.json"), PodList.class).getItems();
		var system = Serialization.unmarshal(Fixtures.open("kubernetes/k3s_pods_kube-system.json"), PodList.class).getItems();
		var deployments = Serialization.unmarshal(Fixtures.open("kubernetes/k3s_deployments_default.json"), DeploymentList.class).getItems();
		var services = Serialization.unmarshal(Fixtures.open("kubernetes/k3s_services_default.json"), ServiceList.class).getItems();
		List<io.fabric8.kubernetes.api.model.Pod> all = new java.util.ArrayList<>(pods);
		all.addAll(system);
		return KubernetesMapper.map(new KubernetesInventory("kube-system-uid", nodes, List.of(), deployments, List.of(),
				List.of(), List.of(), all, services), "k3s", "kubernetes-k3s", Instant.parse("2026-11-27T00:00:00Z"));
	}

	@Test
	void mapsNodesPodsWorkloadsAndServices() {
		Snapshot s = k3s();
		assertThat(Fixtures.itemsOfClass(s, "KubernetesCluster")).hasSize(1);
		assertThat(Fixtures.itemsOfClass(s, "KubernetesNode")).hasSize(1);
		assertThat(Fixtures.itemsOfClass(s, "KubernetesWorkload")).hasSize(3);
		assertThat(Fixtures.itemsOfClass(s, "Pod")).hasSize(13);
		assertThat(Fixtures.itemsOfClass(s, "KubernetesService")).hasSize(4);
		// pods with a node RUN_ON it; pending pods have none
		long scheduled = Fixtures.itemsOfClass(s, "Pod").size() - 2;
		assertThat(s.relationships().stream().filter(r -> r.get("type").equals("RUNS_ON") && r.get("to").equals("node/c9b7eea91")))
			.hasSize((int) scheduled);
	}

	@Test
	void podsAreMembersOfTheirDeploymentEvenWithoutReplicaSetsListed() {
		Snapshot s = k3s();
		assertThat(s.relationships()).anySatisfy(r -> {
			assertThat(r.get("type")).isEqualTo("MEMBER_OF");
			assertThat(r.get("from")).isEqualTo("pod/default/backend-api-75fb46b7bd-xtkrh");
			assertThat(r.get("to")).isEqualTo("deployment/default/backend-api");
		});
		long cpuHog = s.relationships().stream().filter(r -> r.get("type").equals("MEMBER_OF")
				&& r.get("to").equals("deployment/default/cpu-intensive-app")).count();
		assertThat(cpuHog).isEqualTo(3);
	}

	@Test
	void servicesDependOnThePodsTheySelect() {
		Snapshot s = k3s();
		long memory = s.relationships().stream().filter(r -> r.get("type").equals("DEPENDS_ON")
				&& r.get("from").equals("svc/default/memory-test-service")).count();
		assertThat(memory).isEqualTo(2);
		assertThat(s.relationships().stream().filter(r -> "svc/default/kubernetes".equals(r.get("from")))).isEmpty();
	}

	@Test
	void nodesAreHostedOnTheMachineWithTheirSystemUuid() {
		Snapshot s = k3s();
		assertThat(s.relationships()).anySatisfy(r -> {
			assertThat(r.get("type")).isEqualTo("HOSTED_ON");
			assertThat(r.get("to")).isEqualTo(Map.of("class", "Host", "identifiers",
					Map.of("biosUuid", "fb153421928f49aa9891f07b5993ea1f")));
		});
	}

}
