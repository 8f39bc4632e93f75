package org.fedcmdb.agents.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.fedcmdb.agents.Agent;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Snapshot;

/**
 * A Kubernetes cluster through its API with the fabric8 client: a {@code kubeconfig} file (and {@code context}), or
 * in-cluster / {@code ~/.kube/config} when none is set. The cluster's identity is the kube-system namespace's uid,
 * which survives renames of contexts.
 */
public final class KubernetesAgent implements Agent {

	@Override
	public String type() {
		return "kubernetes";
	}

	@Override
	public Snapshot collect(AgentSettings settings) throws AgentException {
		Config config;
		try {
			String kubeconfig = settings.get("kubeconfig", null);
			config = kubeconfig == null ? Config.autoConfigure(settings.get("context", null))
					: Config.fromKubeconfig(settings.get("context", null), Files.readString(Path.of(kubeconfig)), kubeconfig);
		}
		catch (IOException | RuntimeException ex) {
			throw new AgentException("cannot load the Kubernetes configuration: " + ex.getMessage(), ex);
		}
		try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
			return collect(client, settings);
		}
	}

	/** Reads the cluster through {@code client} (tests pass fabric8's mock server client). */
	public Snapshot collect(KubernetesClient client, AgentSettings settings) throws AgentException {
		Instant at = Instant.now();
		try {
			var kubeSystem = client.namespaces().withName("kube-system").get();
			String cluster = settings.get("cluster", client.getMasterUrl() == null ? "kubernetes" : client.getMasterUrl().getHost());
			KubernetesInventory inv = new KubernetesInventory(kubeSystem == null ? null : kubeSystem.getMetadata().getUid(),
					client.nodes().list().getItems(), client.namespaces().list().getItems(),
					client.apps().deployments().inAnyNamespace().list().getItems(),
					client.apps().statefulSets().inAnyNamespace().list().getItems(),
					client.apps().daemonSets().inAnyNamespace().list().getItems(),
					client.apps().replicaSets().inAnyNamespace().list().getItems(),
					client.pods().inAnyNamespace().list().getItems(),
					client.services().inAnyNamespace().list().getItems());
			return KubernetesMapper.map(inv, cluster, settings.source(), at);
		}
		catch (KubernetesClientException ex) {
			throw new AgentException("Kubernetes API at " + client.getMasterUrl() + ": " + ex.getMessage(), ex);
		}
	}

}
