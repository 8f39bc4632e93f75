package org.fedcmdb.agents.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Real nmap against a port this test opens on 127.0.0.1; skipped with a message where nmap is not installed. */
class NmapLiveTests {

	static boolean nmapInstalled() {
		try {
			Process p = new ProcessBuilder("nmap", "--version").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			return p.waitFor() == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Test
	void scansALocalPortWithRealNmap() throws Exception {
		assumeTrue(nmapInstalled(), "nmap is not installed: install it (apt-get install nmap) to run the live scan test");
		try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
			int port = socket.getLocalPort();
			byte[] xml = NetworkAgent.scan("127.0.0.1", "-sT -Pn -p " + port, 120);
			List<NmapParser.NmapHost> hosts = NmapParser.parse(new ByteArrayInputStream(xml));
			assertThat(hosts).hasSize(1);
			assertThat(hosts.get(0).ipv4()).containsExactly("127.0.0.1");
			assertThat(hosts.get(0).services()).anySatisfy(s -> assertThat(s.port()).isEqualTo(port));
			// a loopback-only host identifies nothing: left out, and the operator is told why
			org.fedcmdb.agents.Snapshot snapshot = NetworkAgent.map(hosts, "nmap", "127.0.0.1", java.time.Instant.now());
			assertThat(snapshot.items()).isEmpty();
			assertThat(snapshot.warnings()).singleElement().asString().contains("127.0.0.1").contains("loopback");
		}
	}

}
