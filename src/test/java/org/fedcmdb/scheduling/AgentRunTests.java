package org.fedcmdb.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

/** An agent run's record through its life, as stored and read back; the source an agent posts as. */
class AgentRunTests {

	@Test
	void aRunThatCompletedIsStoredAndReadBackAsItWas() {
		AgentRun run = AgentRun.start("lab-scan", "network", 1_000L).collected(3, 2).posted("snap-1")
			.applied("COMPLETED", Map.of("INSERT", 2, "NO_CHANGE", 1)).ended();
		assertThat(run.status()).isEqualTo("SUCCEEDED");
		assertThat(run.error()).isNull();
		assertThat(run.scheduledAt()).isEqualTo(Instant.ofEpochMilli(1_000L));
		Map<String, Object> stored = run.properties();
		assertThat(org.fedcmdb.graph.Json.readMap((String) stored.get("counts"))).isEqualTo(Map.of("INSERT", 2, "NO_CHANGE", 1));
		assertThat(stored).containsEntry("items", 3)
			.containsEntry("scheduledAt", 1_000L).doesNotContainKey("error");
		AgentRun read = AgentRun.of(Values.value(stored));
		assertThat(read).isEqualTo(new AgentRun(run.id(), "lab-scan", "network",
				Instant.ofEpochMilli(run.startedAt().toEpochMilli()), run.scheduledAt(), "SUCCEEDED", 3, 2, "snap-1",
				Map.of("INSERT", 2, "NO_CHANGE", 1), null, Instant.ofEpochMilli(run.endedAt().toEpochMilli())));
	}

	@Test
	void aSnapshotThatDidNotCompleteFailsTheRunNamingIt() {
		AgentRun run = AgentRun.start("team-state", "terraform", null).posted("snap-2").applied("FAILED", null);
		assertThat(run.status()).isEqualTo("FAILED");
		assertThat(run.error()).isEqualTo("snapshot snap-2 is FAILED");
		Map<String, Object> stored = new LinkedHashMap<>(run.properties());
		assertThat(stored).doesNotContainKeys("scheduledAt", "counts", "endedAt", "items");
		assertThat(AgentRun.of(Values.value(stored)).scheduledAt()).isNull();
	}

	@Test
	void aRunThatFailedBeforePostingKeepsTheReason() {
		AgentRun run = AgentRun.start("lab-scan", "network", null).failed("timed out after 1 s; nothing posted").ended();
		assertThat(run.status()).isEqualTo("FAILED");
		assertThat(run.snapshotId()).isNull();
		assertThat(run.endedAt()).isAfterOrEqualTo(run.startedAt());
	}

	@Test
	void anAgentWithoutASourcePostsAsItsTypesDefault() {
		assertThat(AgentRunService.source(definition("network", null))).isEqualTo("nmap");
		assertThat(AgentRunService.source(definition("host", null))).isEqualTo("host-agent");
		assertThat(AgentRunService.source(definition("terraform", null))).isEqualTo("terraform");
		assertThat(AgentRunService.source(definition("network", "nmap-lab"))).isEqualTo("nmap-lab");
	}

	private static AgentsProperties.AgentDefinition definition(String type, String source) {
		return new AgentsProperties.AgentDefinition("a", type, source, null, Duration.ofMinutes(1), true, Map.of());
	}

	@Test
	void storedCountsAreReadBack() {
		assertThat(AgentRun.counts("{\"UPDATE\":4,\"INSERT\":7}")).isEqualTo(Map.of("UPDATE", 4, "INSERT", 7));
		assertThat(AgentRun.counts(null)).isNull();
	}

}
