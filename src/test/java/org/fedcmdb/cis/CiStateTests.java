package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.fedcmdb.catalogue.CatalogueFiles;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.identification.Identity;
import org.fedcmdb.reconciliation.Reconciler;
import org.fedcmdb.reconciliation.RulesFiles;
import org.junit.jupiter.api.Test;

/** A CI's working copy without a database: records applied to their source's assertion, then reconciled. */
class CiStateTests {

	static final ClassCatalogue catalogue = CatalogueFiles.load();

	static CiState.Record record(String source, long at, Map<String, Object> attributes) {
		return new CiState.Record(source, "s-" + at, "dc1", at, "r1", "h" + at, attributes,
				Map.of("serialNumber", List.of("S-1")), Identity.GLOBAL);
	}

	@Test
	void newCisTakeTimeOrderedVersion7IdsThatSortInTheOrderTheyWereMade() {
		long before = System.currentTimeMillis();
		List<UUID> ids = java.util.stream.IntStream.range(0, 5_000)
			.mapToObj(i -> UUID.fromString(CiState.created("Server", Identity.GLOBAL).id()))
			.toList();
		long after = System.currentTimeMillis();
		assertThat(ids).allSatisfy(id -> {
			assertThat(id.version()).isEqualTo(7);
			assertThat(id.variant()).isEqualTo(2);
			assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
		});
		assertThat(ids).doesNotHaveDuplicates();
		// the ids' text, which the indexes order, in the order they were made
		List<String> text = ids.stream().map(UUID::toString).toList();
		assertThat(text).isSortedAccordingTo(String::compareTo);
	}

	@Test
	void anOlderRecordNeverOverwritesNewerValues() {
		CiState state = CiState.created("Server", Identity.GLOBAL);
		state.assertRecord(record("vcenter", 2_000, Map.of("os", "linux", "cpus", 8)));
		state.assertRecord(record("vcenter", 1_000, Map.of("os", "windows", "ram", 64)));
		AssertionState a = state.assertions.get("vcenter");
		assertThat(a.values.get("os").value()).isEqualTo("linux");
		assertThat(a.values.get("ram").value()).isEqualTo(64);
		assertThat(a.seen).isEqualTo(2_000);
		assertThat(a.firstSeen).isEqualTo(1_000);
		assertThat(a.hash).isEqualTo("h2000");
		assertThat(state.dirty).isTrue();
	}

	@Test
	void aWithdrawnAssertionReportedAgainIsRevivedAndSaysSo() {
		CiState state = CiState.created("Server", Identity.GLOBAL);
		state.assertRecord(record("vcenter", 1_000, Map.of("os", "linux")));
		state.assertions.get("vcenter").withdrawnAt = 1_500;
		state.assertRecord(record("vcenter", 2_000, Map.of("os", "linux")));
		assertThat(state.assertions.get("vcenter").withdrawn()).isFalse();
		List<CiState.Change> changes = state.recompute(catalogue, new Reconciler(RulesFiles.builtIn(catalogue)), 3_000);
		assertThat(changes).extracting(CiState.Change::kind).contains("ASSERTION_REVIVED");
	}

}
