package org.fedcmdb.agents.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.agents.AgentSettings;
import org.fedcmdb.agents.Fixtures;
import org.fedcmdb.agents.Snapshot;
import org.junit.jupiter.api.Test;

class HostSnapshotMapperTests {

	static HostFacts facts() {
		return new HostFacts("db1", "db1.corp.example", "VMW-42", "4211aaaa-0000-0000-0000-00000000abcd", "VMware, Inc.",
				"VMware Virtual Platform", "Debian GNU/Linux", "12", "6.1.0", "Xeon", 8, 4, 32L << 30,
				List.of(new HostFacts.Interface("eth0", "00:50:56:aa:bb:cc", List.of("10.0.0.5"), List.of("fe80::1", "2001:db8::5"))),
				List.of(new HostFacts.Disk("/dev/sda", "Virtual disk", "6000c29", 100_000_000_000L)),
				List.of(new HostFacts.Listener(22, "sshd"), new HostFacts.Listener(5432, "postgres")));
	}

	@Test
	void mapsTheMachineDisksAndListeningServices() {
		Snapshot s = HostSnapshotMapper.toSnapshot(HostSnapshotMapper.map(facts(), Instant.parse("2026-11-27T00:00:00Z"), "host-agent"));
		var host = s.item("host");
		assertThat(host.get("class")).isEqualTo("VirtualMachine");
		assertThat(Fixtures.ids(host)).containsEntry("serialNumber", "VMW-42").containsEntry("fqdn", "db1.corp.example")
			.containsEntry("macAddresses", List.of("00:50:56:aa:bb:cc")).containsEntry("ipAddresses", List.of("10.0.0.5", "2001:db8::5"));
		assertThat(Fixtures.attrs(host)).containsEntry("memoryMb", 32768L).containsEntry("cpuCores", 4);
		assertThat(Fixtures.itemsOfClass(s, "Application")).extracting(i -> Fixtures.ids(i).get("name"))
			.containsExactly("sshd:22", "postgres:5432");
		assertThat(s.relationships()).contains(Map.of("type", "RUNS_ON", "from", "svc:22", "to", "host"),
				Map.of("type", "DEPENDS_ON", "from", "host", "to", "disk:/dev/sda"));
		assertThat(s.envelope()).containsEntry("scope", "host:db1.corp.example").containsEntry("mode", "FULL");
	}

	@Test
	void thisMachineIsReadThroughOshi() throws Exception {
		Snapshot s = new HostAgent().collect(new AgentSettings("host-agent", Map.of()));
		var host = s.item("host");
		assertThat(host).isNotNull();
		assertThat(Fixtures.attrs(host)).containsKeys("os", "memoryMb", "cpuCores");
		assertThat((long) Fixtures.attrs(host).get("memoryMb")).isPositive();
	}

}
