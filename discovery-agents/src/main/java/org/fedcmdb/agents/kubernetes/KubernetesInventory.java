package org.fedcmdb.agents.kubernetes;

import java.util.List;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** What the agent read from one cluster's API, before mapping (so the mapping is tested on plain lists). */
public record KubernetesInventory(String clusterUid, List<Node> nodes, List<Namespace> namespaces,
		List<Deployment> deployments, List<StatefulSet> statefulSets, List<DaemonSet> daemonSets,
		List<ReplicaSet> replicaSets, List<Pod> pods, List<Service> services) {
}
