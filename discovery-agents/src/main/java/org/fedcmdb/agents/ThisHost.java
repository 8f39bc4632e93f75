package org.fedcmdb.agents;

import java.time.Instant;
import java.util.Map;

import org.fedcmdb.agents.host.HostFacts;
import org.fedcmdb.agents.host.HostSnapshotMapper;
import org.fedcmdb.agents.host.OshiHostReader;

/**
 * The machine this code runs on, read by the host agent and mapped to its snapshot: what the server posts about
 * itself on a first start. The one door from the server into the agents' internals.
 */
public final class ThisHost {

	private ThisHost() {
	}

	/** What was found, and the snapshot to post for it. */
	public record Discovered(String hostName, String osFamily, Map<String, Object> snapshot) {
	}

	public static Discovered discover(Instant collectedAt) {
		HostFacts facts = new OshiHostReader().read();
		return new Discovered(facts.hostName(), facts.osFamily(),
				HostSnapshotMapper.map(facts, collectedAt, HostSnapshotMapper.SOURCE));
	}

}
