package org.fedcmdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server as a separate JVM, as an operator runs it: the first start discovers this machine, data survives a
 * restart, a second instance on the same data dir exits non-zero with one clear line, shutdown leaves no lock.
 */
class ServerLifecycleIntegrationTests {

	static final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path tmp;

	@Test
	void startDiscoverRestartAndRefuseASecondInstance() throws Exception {
		Path data = tmp.resolve("data");
		int port = freePort();
		Process first = start(port, data, tmp.resolve("first.log"));
		try {
			waitForHealth(port, first, tmp.resolve("first.log"));
			Path tokenFile = data.resolve("admin-token");
			assertThat(tokenFile).exists();
			assertThat(Files.getPosixFilePermissions(tokenFile)).containsExactlyInAnyOrder(
					java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
			token = Files.readString(tokenFile).strip();
			assertThat(Files.readString(tmp.resolve("first.log"))).contains(tokenFile.toString()).doesNotContain(token);
			assertThat(cisStatus(port, null)).isEqualTo(401);
			String hostCi = waitForHostCi(port);
			assertThat(hostCi).contains("\"class\":\"");

			int port2 = freePort();
			Process second = start(port2, data, tmp.resolve("second.log"));
			assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("second instance exits").isTrue();
			assertThat(second.exitValue()).isNotZero();
			String log = Files.readString(tmp.resolve("second.log"));
			assertThat(log).contains("DATA_DIR_LOCKED").contains(data.toAbsolutePath().normalize().toString());
			assertThat(log).doesNotContain("\tat org.neo4j");
		}
		finally {
			first.destroy();
			assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("clean shutdown").isTrue();
		}
		// restart on the same data dir: the host CI is still there before any new discovery runs
		int port3 = freePort();
		Process third = start(port3, data, tmp.resolve("third.log"), "--fedcmdb.discovery.host-on-start=false");
		try {
			waitForHealth(port3, third, tmp.resolve("third.log"));
			String body = cis(port3);
			assertThat(body).contains("\"totalCount\":");
			assertThat(body).doesNotContain("\"totalCount\":0");
		}
		finally {
			third.destroy();
			third.waitFor(60, TimeUnit.SECONDS);
		}
	}

	@Test
	void anUnwritableDataDirIsOneClearLine() throws Exception {
		Path file = tmp.resolve("a-file");
		Files.writeString(file, "x");
		Process p = start(freePort(), file.resolve("data"), tmp.resolve("bad.log"));
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).isNotZero();
		assertThat(Files.readString(tmp.resolve("bad.log"))).contains("DATA_DIR_NOT_WRITABLE");
	}

	@Test
	void anExternalNeo4jIsUsedThroughItsUriAndNoEmbeddedDatabaseStarts() throws Exception {
		int bolt = freePort();
		var external = new org.neo4j.dbms.api.DatabaseManagementServiceBuilder(tmp.resolve("external"))
			.setConfig(org.neo4j.configuration.connectors.BoltConnector.enabled, true)
			.setConfig(org.neo4j.configuration.connectors.BoltConnector.listen_address,
					new org.neo4j.configuration.helpers.SocketAddress("127.0.0.1", bolt))
			.setConfig(org.neo4j.configuration.connectors.BoltConnector.encryption_level,
					org.neo4j.configuration.connectors.BoltConnector.EncryptionLevel.DISABLED)
			.setConfig(org.neo4j.configuration.connectors.BoltConnectorInternalSettings.enable_local_connector, false)
			.build();
		Path data = tmp.resolve("unused-data");
		int port = freePort();
		Process p = start(port, data, tmp.resolve("external.log"), "--spring.neo4j.uri=neo4j://127.0.0.1:" + bolt,
				"--fedcmdb.discovery.host-on-start=false", "--fedcmdb.security.enabled=false");
		try {
			waitForHealth(port, p, tmp.resolve("external.log"));
			// the schema was migrated on the external server, and no embedded store was created
			try (var tx = external.database("neo4j").beginTx()) {
				assertThat(tx.execute("MATCH (m:__Neo4jMigration) RETURN count(m) AS n").next().get("n")).isNotEqualTo(0L);
			}
			assertThat(Files.exists(data.resolve("databases"))).isFalse();
		}
		finally {
			p.destroy();
			p.waitFor(60, TimeUnit.SECONDS);
			external.shutdown();
		}
	}

	@Test
	void aTokenWithAnUnknownRoleIsOneCodedLineAndANonZeroExit() throws Exception {
		Path log = tmp.resolve("token.log");
		Process p = start(freePort(), tmp.resolve("t"), log, "--fedcmdb.security.tokens[0].name=alertmanager",
				"--fedcmdb.security.tokens[0].secret=0123456789abcdef0123", "--fedcmdb.security.tokens[0].roles=ALERT");
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).isNotZero();
		String out = Files.readString(log);
		assertThat(out).contains("[INVALID_TOKEN_CONFIG] fedcmdb.security.tokens[0] 'alertmanager' has unknown role 'ALERT'")
			.doesNotContain("0123456789abcdef0123");
		assertThat(out.lines().filter(l -> l.startsWith("\tat "))).as(out).isEmpty();
	}

	@Test
	void anUnreachableExternalNeo4jIsRetriedThenOneClearLine() throws Exception {
		Process p = start(freePort(), tmp.resolve("d"), tmp.resolve("unreachable.log"),
				"--spring.neo4j.uri=bolt://127.0.0.1:" + freePort(), "--fedcmdb.neo4j.connect-timeout=3s");
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).isNotZero();
		String log = Files.readString(tmp.resolve("unreachable.log"));
		assertThat(log).contains("NEO4J_UNREACHABLE").contains("retrying");
	}

	static Process start(int port, Path data, Path log, String... extra) throws IOException {
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), FedcmdbApplication.class.getName(),
				"--server.port=" + port, "--fedcmdb.data-dir=" + data, "--fedcmdb.embedded.page-cache-bytes=67108864"));
		cmd.addAll(List.of(extra));
		return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	static void waitForHealth(int port, Process p, Path log) throws Exception {
		long deadline = System.currentTimeMillis() + 120_000;
		while (System.currentTimeMillis() < deadline) {
			if (!p.isAlive()) {
				throw new AssertionError("server exited: " + Files.readString(log));
			}
			try {
				HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
						+ "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("server not healthy in time: " + Files.readString(log));
	}

	static String waitForHostCi(int port) throws Exception {
		long deadline = System.currentTimeMillis() + 60_000;
		String body = "";
		while (System.currentTimeMillis() < deadline) {
			body = cis(port);
			if (body.contains("\"class\":\"Server\"") || body.contains("\"class\":\"VirtualMachine\"")) {
				return body;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("no host CI: " + body);
	}

	static String token;

	static String cis(int port) throws Exception {
		return send(port, token).body();
	}

	static int cisStatus(int port, String withToken) throws Exception {
		return send(port, withToken).statusCode();
	}

	static HttpResponse<String> send(int port, String withToken) throws Exception {
		String q = "{\"query\":\"{ cis(first: 5, filter: {class: \\\"Host\\\"}) { totalCount edges { node { id name class } } } }\"}";
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(q, StandardCharsets.UTF_8));
		if (withToken != null) {
			b.header("Authorization", "Bearer " + withToken);
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

}
