package org.fedcmdb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

/** A source's assertion read from its stored fields: its times, whether it is withdrawn, the values it gave. */
class SourceAssertionTests {

	@Test
	void aWithdrawnAssertionKeepsTheValuesItGaveAndWhenItObservedThem() {
		Map<String, Object> stored = new HashMap<>();
		stored.put("source", "nmap-dc1");
		stored.put("scope", "dc1");
		stored.put("firstSeen", 1_000L);
		stored.put("seen", 2_000L);
		stored.put("stale", true);
		stored.put("snapshotId", "snap-1");
		stored.put("withdrawnAt", 3_000L);
		stored.put("values", "{\"os\":[\"Debian 12\",1500],\"cpus\":[4,1600],\"broken\":[1],\"gone\":[null,1700]}");
		SourceAssertion a = SourceAssertion.of(Values.value(stored));
		assertThat(a.withdrawn()).isTrue();
		assertThat(a.firstSeen()).isEqualTo(Instant.ofEpochMilli(1_000L));
		assertThat(a.lastSeen()).isEqualTo(Instant.ofEpochMilli(2_000L));
		assertThat(a.values()).containsOnlyKeys("os", "cpus", "gone");
		assertThat(a.values().get("os")).isEqualTo(new SourceAssertion.Observed("Debian 12", Instant.ofEpochMilli(1_500L)));
		assertThat(a.values().get("cpus").value()).isEqualTo(4);
		assertThat(a.values().get("gone").value()).isNull();
	}

	@Test
	void aLiveAssertionWithoutValuesOrScope() {
		SourceAssertion a = SourceAssertion.of(Values.value(Map.of("source", "declared", "seen", 5L)));
		assertThat(a.withdrawn()).isFalse();
		assertThat(a.scope()).isNull();
		assertThat(a.firstSeen()).isNull();
		assertThat(a.stale()).isFalse();
		assertThat(a.values()).isEmpty();
	}

}
