package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.cis.ReportedRefs;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Session;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A snapshot's unwritten pairs read back for its finish, whichever form its chunks stored them in: packed (this
 * version) or a list of strings (a chunk an older version applied before an upgrade finished its snapshot).
 */
class SnapshotStorePairsIntegrationTests extends IntegrationTestSupport {

	@Autowired
	SnapshotStore store;

	@Test
	void pairsStoredPackedAndAsAListBeforeAreReadTogether() {
		String snapshotId = "pairs-" + UUID.randomUUID();
		String older = ReportedRefs.pair("0193a1b2-0000-7000-8000-00000000000a", "vm-a");
		String newer = ReportedRefs.pair("0193a1b2-0000-7000-8000-00000000000b", "vm-b");
		try (Session s = driver.session()) {
			s.run("""
					CREATE (:SnapshotChunk {key: $id + '|1', snapshotId: $id, seq: 1, confirmedLater: $list, identity: 't'})
					CREATE (:SnapshotChunk {key: $id + '|2', snapshotId: $id, seq: 2, confirmedLater: $packed, identity: 't'})
					""", Map.of("id", snapshotId, "list", List.of(older), "packed",
					SnapshotStore.packPairs(List.of(newer)))).consume();
		}
		ReportedRefs pairs;
		try {
			pairs = store.confirmedLater(snapshotId, "t");
		}
		finally {
			try (Session s = driver.session()) {
				s.run("MATCH (c:SnapshotChunk {snapshotId: $id}) DELETE c", Map.of("id", snapshotId)).consume();
			}
		}
		assertThat(pairs.reports("0193a1b2-0000-7000-8000-00000000000a", "vm-a")).isTrue();
		assertThat(pairs.reports("0193a1b2-0000-7000-8000-00000000000b", "vm-b")).isTrue();
		assertThat(pairs.reports("0193a1b2-0000-7000-8000-00000000000c", "vm-c")).isFalse();
		assertThat(pairs.identityMoved()).isFalse();
		assertThat(pairs.byRef()).containsOnly(Map.entry("vm-a", "0193a1b2-0000-7000-8000-00000000000a"),
				Map.entry("vm-b", "0193a1b2-0000-7000-8000-00000000000b"));
	}

}
