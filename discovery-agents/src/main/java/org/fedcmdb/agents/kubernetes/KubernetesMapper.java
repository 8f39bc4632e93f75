package org.fedcmdb.agents.kubernetes;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.fedcmdb.agents.Snapshot;

/**
 * Maps a cluster to CIs: the cluster, nodes (MEMBER_OF the cluster, HOSTED_ON the machine with their system UUID,
 * whichever source reports it), namespaces, workloads (Deployments, StatefulSets, DaemonSets), pods (RUNS_ON their
 * node, MEMBER_OF their workload, resolving ReplicaSets to their Deployment) and services (DEPENDS_ON the pods their
 * selector matches).
 */
public final class KubernetesMapper {

	private KubernetesMapper() {
	}

	public static Snapshot map(KubernetesInventory inv, String cluster, String source, Instant at) {
		Snapshot s = Snapshot.full(source, "cluster:" + cluster, at);
		s.item("cluster", "KubernetesCluster", Snapshot.map("uid", inv.clusterUid(), "name", cluster),
				Snapshot.map("name", cluster, "nodes", inv.nodes().size()));
		Map<String, String> nodeRefs = new HashMap<>();
		for (Node n : inv.nodes()) {
			String ref = "node/" + n.getMetadata().getName();
			nodeRefs.put(n.getMetadata().getName(), ref);
			var info = n.getStatus() == null ? null : n.getStatus().getNodeInfo();
			String ip = null;
			if (n.getStatus() != null && n.getStatus().getAddresses() != null) {
				ip = n.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
					.map(NodeAddress::getAddress).findFirst().orElse(null);
			}
			s.item(ref, "KubernetesNode", Snapshot.map("uid", n.getMetadata().getUid(), "cluster", cluster, "name",
					n.getMetadata().getName()), Snapshot.map("name", n.getMetadata().getName(), "internalIp", ip,
							"kubeletVersion", info == null ? null : info.getKubeletVersion(),
							"osImage", info == null ? null : info.getOsImage(),
							"containerRuntime", info == null ? null : info.getContainerRuntimeVersion(),
							"cpu", quantity(n, "cpu"), "memory", quantity(n, "memory"),
							"ready", ready(n)));
			s.rel("MEMBER_OF", ref, "cluster");
			if (info != null && info.getSystemUUID() != null && !info.getSystemUUID().isBlank()) {
				s.rel("HOSTED_ON", ref, Snapshot.lookup("Host", Map.of("biosUuid", info.getSystemUUID())));
			}
		}
		for (Namespace ns : inv.namespaces()) {
			String ref = "ns/" + ns.getMetadata().getName();
			s.item(ref, "KubernetesNamespace", Snapshot.map("uid", ns.getMetadata().getUid(), "cluster", cluster, "name",
					ns.getMetadata().getName()), Snapshot.map("name", ns.getMetadata().getName()));
			s.rel("MEMBER_OF", ref, "cluster");
		}
		Map<String, String> workloadByUid = new HashMap<>();
		Map<String, String> deploymentByName = new HashMap<>();
		for (Deployment d : inv.deployments()) {
			deploymentByName.put(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName(),
					"deployment/" + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName());
		}
		for (Deployment d : inv.deployments()) {
			workload(s, cluster, d, "Deployment", d.getSpec() == null ? null : d.getSpec().getReplicas(), workloadByUid);
		}
		for (StatefulSet d : inv.statefulSets()) {
			workload(s, cluster, d, "StatefulSet", d.getSpec() == null ? null : d.getSpec().getReplicas(), workloadByUid);
		}
		for (DaemonSet d : inv.daemonSets()) {
			workload(s, cluster, d, "DaemonSet", null, workloadByUid);
		}
		// a Deployment owns ReplicaSets, which own the pods
		Map<String, String> replicaSetOwner = new HashMap<>();
		for (ReplicaSet rs : inv.replicaSets()) {
			for (OwnerReference o : owners(rs)) {
				if (workloadByUid.containsKey(o.getUid())) {
					replicaSetOwner.put(rs.getMetadata().getUid(), workloadByUid.get(o.getUid()));
				}
			}
		}
		Map<String, List<Pod>> podsByNamespace = new HashMap<>();
		for (Pod p : inv.pods()) {
			String ref = "pod/" + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
			var st = p.getStatus();
			int restarts = st == null || st.getContainerStatuses() == null ? 0
					: st.getContainerStatuses().stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
			s.item(ref, "Pod", Snapshot.map("uid", p.getMetadata().getUid(), "cluster", cluster, "namespace",
					p.getMetadata().getNamespace(), "name", p.getMetadata().getName()),
					Snapshot.map("name", p.getMetadata().getName(), "namespace", p.getMetadata().getNamespace(),
							"phase", st == null ? null : st.getPhase(), "podIp", st == null ? null : st.getPodIP(),
							"hostIp", st == null ? null : st.getHostIP(), "restarts", restarts));
			String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
			if (node != null && nodeRefs.containsKey(node)) {
				s.rel("RUNS_ON", ref, nodeRefs.get(node));
			}
			for (OwnerReference o : owners(p)) {
				String w = workloadByUid.get(o.getUid());
				if (w == null) {
					w = replicaSetOwner.get(o.getUid());
				}
				if (w == null && "ReplicaSet".equals(o.getKind()) && p.getMetadata().getLabels() != null) {
					// ReplicaSets not listed: a Deployment's ReplicaSet is named <deployment>-<pod-template-hash>
					String hash = p.getMetadata().getLabels().get("pod-template-hash");
					if (hash != null && o.getName().endsWith("-" + hash)) {
						w = deploymentByName.get(p.getMetadata().getNamespace() + "/"
								+ o.getName().substring(0, o.getName().length() - hash.length() - 1));
					}
				}
				if (w != null) {
					s.rel("MEMBER_OF", ref, w);
				}
			}
			podsByNamespace.computeIfAbsent(p.getMetadata().getNamespace(), k -> new java.util.ArrayList<>()).add(p);
		}
		for (Service svc : inv.services()) {
			String ref = "svc/" + svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
			Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
			s.item(ref, "KubernetesService", Snapshot.map("uid", svc.getMetadata().getUid(), "cluster", cluster,
					"namespace", svc.getMetadata().getNamespace(), "name", svc.getMetadata().getName()),
					Snapshot.map("name", svc.getMetadata().getName(), "namespace", svc.getMetadata().getNamespace(),
							"type", svc.getSpec() == null ? null : svc.getSpec().getType(),
							"clusterIp", svc.getSpec() == null ? null : svc.getSpec().getClusterIP()));
			if (selector == null || selector.isEmpty()) {
				continue;
			}
			for (Pod p : podsByNamespace.getOrDefault(svc.getMetadata().getNamespace(), List.of())) {
				Map<String, String> labels = p.getMetadata().getLabels();
				if (labels != null && labels.entrySet().containsAll(selector.entrySet())) {
					s.rel("DEPENDS_ON", ref, "pod/" + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
				}
			}
		}
		return s;
	}

	private static void workload(Snapshot s, String cluster, HasMetadata w, String kind, Integer replicas,
			Map<String, String> byUid) {
		String ref = kind.toLowerCase() + "/" + w.getMetadata().getNamespace() + "/" + w.getMetadata().getName();
		byUid.put(w.getMetadata().getUid(), ref);
		s.item(ref, "KubernetesWorkload", Snapshot.map("uid", w.getMetadata().getUid(), "cluster", cluster, "namespace",
				w.getMetadata().getNamespace(), "kind", kind, "name", w.getMetadata().getName()),
				Snapshot.map("name", w.getMetadata().getName(), "kind", kind, "namespace", w.getMetadata().getNamespace(),
						"replicas", replicas));
		if (s.hasRef("ns/" + w.getMetadata().getNamespace())) {
			s.rel("MEMBER_OF", ref, "ns/" + w.getMetadata().getNamespace());
		}
	}

	private static List<OwnerReference> owners(HasMetadata m) {
		return m.getMetadata().getOwnerReferences() == null ? List.of() : m.getMetadata().getOwnerReferences();
	}

	private static String quantity(Node n, String key) {
		if (n.getStatus() == null || n.getStatus().getCapacity() == null || n.getStatus().getCapacity().get(key) == null) {
			return null;
		}
		return n.getStatus().getCapacity().get(key).toString();
	}

	private static Boolean ready(Node n) {
		if (n.getStatus() == null || n.getStatus().getConditions() == null) {
			return null;
		}
		return n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
			.map(c -> "True".equals(c.getStatus())).findFirst().orElse(null);
	}

}
