package org.fedcmdb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.fedcmdb.identification.Identity;
import org.junit.jupiter.api.Test;

/** Values as of an instant from the values now and the history entries after it. */
class RevisionsTests {

	@Test
	void entriesAfterTheInstantAreUndoneNewestFirst() {
		Map<String, Object> now = Map.of("name", "db-2", "cpu", 16, "criticality", 1);
		List<Revisions.Entry> after = List.of(
				new Revisions.Entry("ATTRIBUTE", "cpu", "4", 100),
				new Revisions.Entry("ATTRIBUTE", "cpu", "8", 200),
				new Revisions.Entry("ATTRIBUTE", "name", "\"db-1\"", 150),
				new Revisions.Entry("ATTRIBUTE", "criticality", null, 120),
				new Revisions.Entry("STATUS", "status", "\"ACTIVE\"", 300),
				new Revisions.Entry("STATUS", "status", "\"STALE\"", 400),
				new Revisions.Entry("IDENTIFIER", "fqdn", "[\"db-1.example\"]", 110),
				new Revisions.Entry("RELATIONSHIP_ADDED", "RUNS_ON", "\"x\"", 130));
		Revisions.Values then = Revisions.revert("RETIRED", now, Map.of("fqdn", List.of("db-2.example")), "db-2", after);
		assertThat(then.attributes()).containsEntry("cpu", 4).containsEntry("name", "db-1").doesNotContainKey("criticality");
		assertThat(then.criticality()).isNull();
		assertThat(then.status()).isEqualTo("ACTIVE");
		assertThat(then.identifiers()).containsEntry("fqdn", List.of("db-1.example"));
		assertThat(then.name()).isEqualTo("db-1");
	}

	@Test
	void withoutEntriesTheValuesAreTheCurrentOnes() {
		Revisions.Values then = Revisions.revert("ACTIVE", Map.of("minHealthy", 2), Map.of(), "pool", List.of());
		assertThat(then.name()).isEqualTo("pool");
		assertThat(then.minHealthy()).isEqualTo(2);
		assertThat(then.status()).isEqualTo("ACTIVE");
	}

	@Test
	void anIdentifierAddedAfterTheInstantIsGoneAndTheNameFollowsTheIdentifiersThen() {
		Revisions.Values then = Revisions.revert("ACTIVE", Map.of(), Map.of("hostName", List.of("web-2"), "serialNumber",
				List.of("SN1")), "web-2", List.of(new Revisions.Entry("IDENTIFIER", "hostName", null, 10)));
		assertThat(then.identifiers()).doesNotContainKey("hostName");
		assertThat(then.name()).isEqualTo("SN1");
	}

	@Test
	void thePlaceholderIsIdentificationsOwn() {
		assertThat(CiNames.PLACEHOLDER).isEqualTo(Identity.PLACEHOLDER);
		assertThat(CiNames.of(Map.of(), Map.of("uid", List.of(Identity.PLACEHOLDER)))).isNull();
	}

}
