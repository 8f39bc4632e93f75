package org.fedcmdb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;

/**
 * The embedded database's Bolt port, tried from another local process: refused without the secret or with Neo4j's
 * default credentials, open with it. The server itself works through it (every other test).
 */
class EmbeddedBoltIntegrationTests extends IntegrationTestSupport {

	@Autowired
	private Neo4jConnectionDetails neo4j;

	@Test
	void anotherLocalProcessCannotUseTheEmbeddedDatabaseWithoutTheSecret() throws Exception {
		String uri = neo4j.getUri().toString();
		assertThat(uri).startsWith("bolt://127.0.0.1:");
		assertThat(probe(uri)).as("no credentials").isEqualTo(3);
		assertThat(probe(uri, "neo4j", "neo4j")).as("Neo4j's default password").isEqualTo(3);
		assertThat(probe(uri, "neo4j", "password")).as("a guess").isEqualTo(3);
		assertThat(probe(uri, "neo4j", BOLT_PASSWORD)).as("the configured secret").isEqualTo(0);
	}

	private static int probe(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), BoltProbe.class.getName()));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes());
		assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
		return p.exitValue();
	}

}
