package org.fedcmdb.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The standalone agent as shipped (the classes plus {@code target/agents/lib}, what {@code fedcmdb-agent} runs): a run
 * of the host agent, whose OSHI logs through SLF4J, prints what the agent says and no SLF4J provider warnings.
 */
class AgentLoggingTests {

	@Test
	void aStandaloneRunPrintsOnlyWhatTheAgentSays() throws Exception {
		Path lib = Path.of("target", "agents", "lib");
		assertThat(lib).as("the agents' lib is built before the tests (process-classes)").isDirectory();
		try (var jars = Files.list(lib)) {
			assertThat(jars.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("slf4j-simple-")).anyMatch(n -> n.startsWith("slf4j-api-"))
				.noneMatch(n -> n.startsWith("logback"));
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process p = new ProcessBuilder(List.of(java, "-cp", "target/classes:" + lib + "/*", AgentMain.class.getName(),
				"host", "--dry-run")).redirectErrorStream(true).start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(output).isZero();
		assertThat(output).startsWith("host: collected ").doesNotContain("SLF4J");
	}

}
