package org.fedcmdb.agents.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.agents.AgentException;
import org.fedcmdb.agents.Fixtures;
import org.fedcmdb.agents.Snapshot;
import org.junit.jupiter.api.Test;

class NmapParserTests {

	@Test
	void readsUpHostsWithMacVendorOsAndOpenServices() throws Exception {
		List<NmapParser.NmapHost> hosts = NmapParser.parse(Fixtures.open("nmap/libnmap_full_sudo6.xml"));
		assertThat(hosts).hasSize(4);
		assertThat(hosts.stream().filter(h -> h.mac() != null)).hasSize(3);
		assertThat(hosts).anySatisfy(h -> {
			assertThat(h.macVendor()).isNotNull();
			assertThat(h.os()).isNotNull();
			assertThat(h.services()).isNotEmpty();
		});
	}

	@Test
	void readsHostnamesAndServiceVersions() throws Exception {
		List<NmapParser.NmapHost> hosts = NmapParser.parse(Fixtures.open("nmap/ruby-nmap_scanme_scan.xml"));
		assertThat(hosts).hasSize(1);
		NmapParser.NmapHost h = hosts.get(0);
		assertThat(h.hostnames()).contains("scanme.nmap.org");
		assertThat(h.services()).anySatisfy(s -> {
			assertThat(s.port()).isEqualTo(80);
			assertThat(s.name()).isEqualTo("http");
			assertThat(s.product()).isNotNull();
		});
		assertThat(h.services()).allMatch(s -> s.state().equals("open"));
	}

	@Test
	void mapsHostsToHostCisAndServicesToApplicationsRunningOnThem() throws Exception {
		List<NmapParser.NmapHost> hosts = NmapParser.parse(Fixtures.open("nmap/libnmap_dionaea_scan.xml"));
		Snapshot s = NetworkAgent.map(hosts, "nmap-lab", "10.0.0.0/24", Instant.parse("2026-11-27T00:00:00Z"));
		var host = Fixtures.itemsOfClass(s, "Host").get(0);
		assertThat(Fixtures.ids(host)).containsKeys("macAddresses", "ipAddresses");
		int open = hosts.get(0).services().size();
		assertThat(open).isGreaterThanOrEqualTo(15);
		assertThat(Fixtures.itemsOfClass(s, "Application")).hasSize(open);
		assertThat(Fixtures.rels(s, "RUNS_ON")).isEqualTo(open);
		assertThat(s.envelope()).containsEntry("mode", "FULL").containsEntry("scope", "10.0.0.0/24");
	}

	@Test
	void refusesWhatIsNotNmapXml() throws Exception {
		assertThatThrownBy(() -> NmapParser.parse(new ByteArrayInputStream("<html/>".getBytes(StandardCharsets.UTF_8))))
			.isInstanceOf(AgentException.class).hasMessageContaining("not nmap XML");
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><nmaprun>&e;</nmaprun>";
		// real nmap output carries a DOCTYPE, so it is allowed; external entities are never resolved
		assertThat(NmapParser.parse(new ByteArrayInputStream(xxe.getBytes(StandardCharsets.UTF_8)))).isEmpty();
	}

	@Test
	void settingsWithoutTargetsOrFileAreRefused() {
		assertThatThrownBy(() -> new NetworkAgent().collect(new org.fedcmdb.agents.AgentSettings("nmap", Map.of())))
			.isInstanceOf(AgentException.class).hasMessageContaining("targets");
		assertThatThrownBy(() -> NetworkAgent.scan("10.0.0.1;rm -rf /", "-sT", 10)).isInstanceOf(AgentException.class)
			.hasMessageContaining("invalid target");
	}

}
