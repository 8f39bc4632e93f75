package org.fedcmdb.agents.host;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one machine's facts to a v1 snapshot: a Server (or VirtualMachine when the hardware says so), its disks as
 * StorageVolumes it DEPENDS_ON, and its listening TCP services as Applications that RUN_ON it. The snapshot is FULL
 * and scoped to the host, so a service that stopped listening is withdrawn on the next run without touching any other
 * host's data.
 */
public final class HostSnapshotMapper {

	public static final String SOURCE = "host-agent";

	private static final List<String> VM_HINTS = List.of("vmware", "virtualbox", "kvm", "qemu", "xen", "hyper-v",
			"virtual machine", "openstack", "amazon ec2", "google compute engine", "bochs", "parallels", "cloud-hypervisor");

	private HostSnapshotMapper() {
	}

	public static Map<String, Object> map(HostFacts f, Instant collectedAt, String source) {
		Map<String, Object> identifiers = new LinkedHashMap<>();
		put(identifiers, "serialNumber", f.serialNumber());
		put(identifiers, "biosUuid", f.hardwareUuid());
		put(identifiers, "fqdn", f.fqdn());
		put(identifiers, "name", f.hostName());
		List<String> macs = new ArrayList<>();
		List<String> ips = new ArrayList<>();
		List<Map<String, Object>> nics = new ArrayList<>();
		for (HostFacts.Interface i : f.interfaces()) {
			if (i.mac() != null && !i.mac().isBlank() && !i.mac().equals("00:00:00:00:00:00")) {
				macs.add(i.mac());
			}
			ips.addAll(i.ipv4());
			ips.addAll(i.ipv6().stream().filter(ip -> !ip.toLowerCase(Locale.ROOT).startsWith("fe80")).toList());
			nics.add(Map.of("name", i.name(), "mac", i.mac() == null ? "" : i.mac(), "ipv4", i.ipv4(), "ipv6", i.ipv6()));
		}
		if (!macs.isEmpty()) {
			identifiers.put("macAddresses", macs);
		}
		if (!ips.isEmpty()) {
			identifiers.put("ipAddresses", ips);
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("name", f.hostName());
		put(attributes, "os", f.osFamily() + (f.osVersion() == null ? "" : " " + f.osVersion()));
		put(attributes, "kernel", f.kernel());
		put(attributes, "cpuModel", f.cpuModel());
		attributes.put("cpuCores", f.physicalCpus());
		attributes.put("logicalCpus", f.logicalCpus());
		attributes.put("memoryMb", f.memoryBytes() / (1024 * 1024));
		put(attributes, "manufacturer", f.manufacturer());
		put(attributes, "model", f.model());
		attributes.put("networkInterfaces", nics.stream().map(n -> n.get("name") + " " + n.get("mac") + " "
				+ String.join(",", concat(n))).toList());

		List<Map<String, Object>> items = new ArrayList<>();
		List<Map<String, Object>> relationships = new ArrayList<>();
		items.add(Map.of("ref", "host", "class", isVirtual(f) ? "VirtualMachine" : "Server", "identifiers",
				identifiers, "attributes", attributes));
		String hostKey = f.hardwareUuid() != null && !f.hardwareUuid().isBlank() ? f.hardwareUuid() : f.hostName();
		for (HostFacts.Disk d : f.disks()) {
			String ref = "disk:" + d.name();
			Map<String, Object> ids = new LinkedHashMap<>();
			ids.put("uid", hostKey + ":" + d.name());
			put(ids, "serialNumber", d.serial());
			Map<String, Object> attrs = new LinkedHashMap<>();
			attrs.put("name", f.hostName() + ":" + d.name());
			put(attrs, "model", d.model());
			attrs.put("sizeGb", Math.round(d.sizeBytes() / 1e9 * 10) / 10.0);
			items.add(Map.of("ref", ref, "class", "StorageVolume", "identifiers", ids, "attributes", attrs));
			relationships.add(Map.of("type", "DEPENDS_ON", "from", "host", "to", ref));
		}
		for (HostFacts.Listener l : f.listeners()) {
			String ref = "svc:" + l.port();
			String name = (l.process() == null ? "tcp" : l.process()) + ":" + l.port();
			Map<String, Object> attrs = new LinkedHashMap<>();
			attrs.put("port", l.port());
			put(attrs, "process", l.process());
			attrs.put("protocol", "tcp");
			items.add(Map.of("ref", ref, "class", "Application", "identifiers", Map.of("name", name), "attributes", attrs));
			relationships.add(Map.of("type", "RUNS_ON", "from", ref, "to", "host"));
		}
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("source", source);
		snapshot.put("scope", "host:" + (f.fqdn() != null ? f.fqdn() : f.hostName()).toLowerCase(Locale.ROOT));
		snapshot.put("mode", "FULL");
		snapshot.put("complete", true);
		snapshot.put("collectedAt", collectedAt.toString());
		snapshot.put("items", items);
		snapshot.put("relationships", relationships);
		return snapshot;
	}

	/** The same document as a {@link org.fedcmdb.agents.Snapshot}. */
	@SuppressWarnings("unchecked")
	public static org.fedcmdb.agents.Snapshot toSnapshot(Map<String, Object> doc) {
		org.fedcmdb.agents.Snapshot s = new org.fedcmdb.agents.Snapshot((String) doc.get("source"), (String) doc.get("scope"),
				(String) doc.get("mode"), (Boolean) doc.get("complete"), Instant.parse((String) doc.get("collectedAt")));
		for (Map<String, Object> i : (List<Map<String, Object>>) doc.get("items")) {
			s.item((String) i.get("ref"), (String) i.get("class"), (Map<String, Object>) i.get("identifiers"),
					(Map<String, Object>) i.get("attributes"));
		}
		for (Map<String, Object> r : (List<Map<String, Object>>) doc.get("relationships")) {
			s.rel((String) r.get("type"), r.get("from"), r.get("to"));
		}
		return s;
	}

	private static List<String> concat(Map<String, Object> nic) {
		List<String> all = new ArrayList<>();
		all.addAll(cast(nic.get("ipv4")));
		all.addAll(cast(nic.get("ipv6")));
		return all;
	}

	@SuppressWarnings("unchecked")
	private static List<String> cast(Object o) {
		return (List<String>) o;
	}

	static boolean isVirtual(HostFacts f) {
		String hw = ((f.manufacturer() == null ? "" : f.manufacturer()) + " " + (f.model() == null ? "" : f.model()))
			.toLowerCase(Locale.ROOT);
		return VM_HINTS.stream().anyMatch(hw::contains);
	}

	private static void put(Map<String, Object> m, String key, String value) {
		if (value != null && !value.isBlank() && !value.equalsIgnoreCase("unknown")) {
			m.put(key, value.strip());
		}
	}

}
