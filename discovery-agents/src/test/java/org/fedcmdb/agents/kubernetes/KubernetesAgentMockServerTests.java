package org.fedcmdb.agents.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Fixtures;
import org.fedcmdb.agents.Snapshot;
import org.junit.jupiter.api.Test;

/** The agent against fabric8's mock Kubernetes API server, through the real client. */
@EnableKubernetesMockClient(crud = true)
class KubernetesAgentMockServerTests {

	KubernetesClient client;

	KubernetesMockServer server;

	@Test
	void readsTheClusterThroughTheApi() throws Exception {
		client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("kube-system").withUid("ks-uid").endMetadata().build()).create();
		client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").withUid("ns-uid").endMetadata().build()).create();
		client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").withUid("n1-uid").endMetadata()
			.withNewStatus().withNewNodeInfo().withSystemUUID("4211aaaa-0000-0000-0000-00000000abcd").withKubeletVersion("v1.31")
			.endNodeInfo().endStatus().build()).create();
		var dep = client.apps().deployments().inNamespace("shop").resource(new DeploymentBuilder().withNewMetadata()
			.withName("web").withNamespace("shop").withUid("dep-uid").endMetadata().withNewSpec().withReplicas(2).endSpec().build()).create();
		for (int i = 0; i < 2; i++) {
			client.pods().inNamespace("shop").resource(new PodBuilder().withNewMetadata().withName("web-abc-" + i)
				.withNamespace("shop").withUid("pod-" + i).withLabels(Map.of("app", "web", "pod-template-hash", "abc"))
				.addNewOwnerReference().withKind("ReplicaSet").withName("web-abc").withUid("rs-uid").endOwnerReference()
				.endMetadata().withNewSpec().withNodeName("n1").endSpec().build()).create();
		}
		client.services().inNamespace("shop").resource(new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop")
			.withUid("svc-uid").endMetadata().withNewSpec().withSelector(Map.of("app", "web")).endSpec().build()).create();

		Snapshot s = new KubernetesAgent().collect(client, new AgentSettings("kubernetes-test", Map.of("cluster", "mock")));
		String kubeSystemUid = client.namespaces().withName("kube-system").get().getMetadata().getUid();
		assertThat(Fixtures.ids(Fixtures.itemsOfClass(s, "KubernetesCluster").get(0))).containsEntry("uid", kubeSystemUid);
		assertThat(Fixtures.itemsOfClass(s, "Pod")).hasSize(2);
		assertThat(Fixtures.itemsOfClass(s, "KubernetesNamespace")).hasSize(2);
		assertThat(Fixtures.rels(s, "RUNS_ON")).isEqualTo(2);
		assertThat(s.relationships().stream().filter(r -> r.get("type").equals("MEMBER_OF")
				&& r.get("to").equals("deployment/shop/web"))).hasSize(2);
		assertThat(Fixtures.rels(s, "DEPENDS_ON")).isEqualTo(2);
		assertThat(dep.getMetadata().getName()).isEqualTo("web");
		assertThat(s.envelope()).containsEntry("scope", "cluster:mock").containsEntry("complete", true);
	}

	@Test
	void anUnreachableApiFailsTheRunWithTheReason() {
		server.shutdown();
		assertThatThrownBy(() -> new KubernetesAgent().collect(client, new AgentSettings("kubernetes-test", Map.of())))
			.isInstanceOf(AgentException.class).hasMessageContaining("Kubernetes API");
	}

}
