package org.fedcmdb.agents.host;

import java.util.List;

/** What the host agent read about one machine, before it is mapped to a snapshot (so the mapping is testable). */
public record HostFacts(String hostName, String fqdn, String serialNumber, String hardwareUuid, String manufacturer,
		String model, String osFamily, String osVersion, String kernel, String cpuModel, int logicalCpus,
		int physicalCpus, long memoryBytes, List<Interface> interfaces, List<Disk> disks, List<Listener> listeners) {

	public record Interface(String name, String mac, List<String> ipv4, List<String> ipv6) {
	}

	public record Disk(String name, String model, String serial, long sizeBytes) {
	}

	/** A listening TCP socket and the process that owns it (process may be null when not readable). */
	public record Listener(int port, String process) {
	}

}
