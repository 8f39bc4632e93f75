package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.fedcmdb.cis.ReportedRefs;
import org.junit.jupiter.api.Test;

/** A chunk's unwritten records' pairs, stored packed: read back as written, whatever their refs hold. */
class SnapshotStorePairsTests {

	@Test
	void pairsComeBackAsTheyWereStoredInTheirOrder() {
		List<String> pairs = List.of(ReportedRefs.pair("0193a1b2-0000-7000-8000-000000000001", "vm-1"),
				ReportedRefs.pair("0193a1b2-0000-7000-8000-000000000002", "a|b c"),
				ReportedRefs.pair("0193a1b2-0000-7000-8000-000000000003", "ünïcødé ✓ 𝄞"),
				ReportedRefs.pair("0193a1b2-0000-7000-8000-000000000004", " "));
		assertThat(SnapshotStore.unpackPairs(SnapshotStore.packPairs(pairs))).containsExactlyElementsOf(pairs);
	}

	@Test
	void aFullChunksPairsPackSmallerThanTheirText() {
		List<String> pairs = IntStream.range(0, 10_000)
			.mapToObj(i -> ReportedRefs.pair(org.fedcmdb.cis.CiState.created("Server", "-").id(), "vm-42-" + i))
			.toList();
		byte[] packed = SnapshotStore.packPairs(pairs);
		assertThat(SnapshotStore.unpackPairs(packed)).containsExactlyElementsOf(pairs);
		assertThat(packed.length).isLessThan(pairs.stream().mapToInt(String::length).sum() / 2);
	}

}
