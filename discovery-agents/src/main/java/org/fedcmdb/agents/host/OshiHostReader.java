package org.fedcmdb.agents.host;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import oshi.SystemInfo;
import oshi.hardware.ComputerSystem;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.InternetProtocolStats;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** Reads this machine's facts through OSHI (no root needed; fields the OS does not expose come back empty). */
public final class OshiHostReader {

	public HostFacts read() {
		SystemInfo si = new SystemInfo();
		HardwareAbstractionLayer hal = si.getHardware();
		OperatingSystem os = si.getOperatingSystem();
		ComputerSystem cs = hal.getComputerSystem();
		String hostName = os.getNetworkParams().getHostName();
		String domain = os.getNetworkParams().getDomainName();
		String fqdn = fqdn(hostName, domain);
		List<HostFacts.Interface> interfaces = new ArrayList<>();
		for (NetworkIF nif : hal.getNetworkIFs()) {
			if (nif.getName().equals("lo")) {
				continue;
			}
			interfaces.add(new HostFacts.Interface(nif.getName(), nif.getMacaddr(), Arrays.asList(nif.getIPv4addr()),
					Arrays.asList(nif.getIPv6addr())));
		}
		List<HostFacts.Disk> disks = new ArrayList<>();
		for (HWDiskStore d : hal.getDiskStores()) {
			disks.add(new HostFacts.Disk(d.getName(), d.getModel(), d.getSerial(), d.getSize()));
		}
		return new HostFacts(hostName, fqdn, cs.getSerialNumber(), cs.getHardwareUUID(), cs.getManufacturer(),
				cs.getModel(), os.getFamily(), os.getVersionInfo().getVersion(), os.getVersionInfo().getBuildNumber(),
				hal.getProcessor().getProcessorIdentifier().getName(), hal.getProcessor().getLogicalProcessorCount(),
				hal.getProcessor().getPhysicalProcessorCount(), hal.getMemory().getTotal(), interfaces, disks,
				listeners(os));
	}

	private static List<HostFacts.Listener> listeners(OperatingSystem os) {
		Map<Integer, String> byPort = new TreeMap<>();
		try {
			for (InternetProtocolStats.IPConnection c : os.getInternetProtocolStats().getConnections()) {
				if (c.getType().startsWith("tcp") && c.getState() == InternetProtocolStats.TcpState.LISTEN) {
					String process = null;
					if (c.getowningProcessId() > 0) {
						OSProcess p = os.getProcess(c.getowningProcessId());
						process = p == null ? null : p.getName();
					}
					byPort.merge(c.getLocalPort(), process == null ? "" : process, (a, b) -> a.isEmpty() ? b : a);
				}
			}
		}
		catch (RuntimeException ex) {
			// Some platforms do not expose sockets: the host is still reported without its services.
		}
		List<HostFacts.Listener> out = new ArrayList<>();
		byPort.forEach((port, process) -> out.add(new HostFacts.Listener(port, process.isEmpty() ? null : process)));
		return out;
	}

	private static String fqdn(String hostName, String domain) {
		if (hostName != null && hostName.contains(".")) {
			return hostName;
		}
		if (domain != null && !domain.isBlank() && !domain.equals("(none)")) {
			return hostName + "." + domain;
		}
		try {
			String canonical = InetAddress.getLocalHost().getCanonicalHostName();
			return canonical.contains(".") ? canonical : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

}
