package org.fedcmdb.agents.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.fedcmdb.agents.AgentMainAccess;
import org.fedcmdb.agents.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan of 127.0.0.1 says why it posts nothing, instead of a silent "collected 1 items" the server then refuses. */
class NetworkAgentLoopbackTests {

	static final String LOOPBACK_SCAN = """
			<?xml version="1.0"?>
			<nmaprun scanner="nmap" args="nmap -oX - -sT 127.0.0.1" version="7.93">
			<host><status state="up" reason="conn-refused"/>
			<address addr="127.0.0.1" addrtype="ipv4"/>
			<hostnames><hostname name="localhost" type="PTR"/></hostnames>
			<ports><port protocol="tcp" portid="22"><state state="open"/><service name="ssh"/></port></ports>
			</host>
			<host><status state="up"/><address addr="10.0.0.5" addrtype="ipv4"/>
			<hostnames><hostname name="db1.example.com" type="PTR"/></hostnames></host>
			</nmaprun>
			""";

	@TempDir
	Path tmp;

	@Test
	void aLoopbackOnlyHostIsLeftOutWithAWarningAndTheOthersKept() throws Exception {
		List<NmapParser.NmapHost> hosts = NmapParser
			.parse(new java.io.ByteArrayInputStream(LOOPBACK_SCAN.getBytes(StandardCharsets.UTF_8)));
		Snapshot s = NetworkAgent.map(hosts, "nmap", "scan", Instant.now());
		assertThat(s.items()).extracting(i -> i.get("class")).containsExactly("Host");
		assertThat(s.warnings()).singleElement().asString().contains("127.0.0.1").contains("loopback")
			.contains("host agent");
	}

	@Test
	void theRunnerPrintsTheWarning() throws Exception {
		Path xml = tmp.resolve("scan.xml");
		Files.writeString(xml, LOOPBACK_SCAN);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int rc = AgentMainAccess.run(new String[] { "network", "--dry-run", "--set", "file=" + xml }, out, err);
		assertThat(rc).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("collected 1 items")
			.contains("network: warning: skipped 127.0.0.1").contains("\"source\" : \"nmap\"");
	}

	@Test
	void loopbackAddressesAreRecognised() {
		assertThat(NetworkAgent.isLoopback("127.0.0.1")).isTrue();
		assertThat(NetworkAgent.isLoopback("127.1.2.3")).isTrue();
		assertThat(NetworkAgent.isLoopback("::1")).isTrue();
		assertThat(NetworkAgent.isLoopback("10.0.0.1")).isFalse();
		assertThat(NetworkAgent.isLoopback("fe80::1")).isFalse();
	}

}
