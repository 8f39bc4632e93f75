package org.fedcmdb.agents;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.fedcmdb.agents.declared.DeclaredTopologyAgent;
import org.fedcmdb.agents.host.HostAgent;
import org.fedcmdb.agents.kubernetes.KubernetesAgent;
import org.fedcmdb.agents.network.NetworkAgent;
import org.fedcmdb.agents.servicenow.ServiceNowAgent;
import org.fedcmdb.agents.terraform.TerraformAgent;

/** The built-in agents by type. */
public final class Agents {

	private static final Map<String, Agent> BY_TYPE = new TreeMap<>();

	static {
		for (Agent a : List.of(new HostAgent(), new NetworkAgent(), new KubernetesAgent(), new TerraformAgent(),
				new DeclaredTopologyAgent(), new ServiceNowAgent())) {
			BY_TYPE.put(a.type(), a);
		}
	}

	private Agents() {
	}

	public static Agent byType(String type) {
		return BY_TYPE.get(type);
	}

	public static java.util.Set<String> types() {
		return BY_TYPE.keySet();
	}

}
