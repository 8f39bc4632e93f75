package org.fedcmdb.agents.host;

import java.time.Instant;
import java.util.Map;

import org.fedcmdb.agents.Agent;
import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Snapshot;

/** This machine, through OSHI: hardware ids, OS, CPUs, memory, disks, interfaces and listening TCP services. */
public final class HostAgent implements Agent {

	@Override
	public String type() {
		return "host";
	}

	@Override
	public String defaultSource() {
		return "host-agent";
	}

	@Override
	public Snapshot collect(AgentSettings settings) throws AgentException {
		HostFacts facts;
		try {
			facts = new OshiHostReader().read();
		}
		catch (RuntimeException | LinkageError ex) {
			throw new AgentException("cannot read this host's facts: " + ex, ex);
		}
		Map<String, Object> doc = HostSnapshotMapper.map(facts, Instant.now(), settings.source());
		return HostSnapshotMapper.toSnapshot(doc);
	}

}
