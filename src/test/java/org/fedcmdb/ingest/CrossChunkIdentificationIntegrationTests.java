package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.cis.WriterLease;
import org.fedcmdb.identification.Identity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A CI created by one chunk is identified by a later chunk's record of the same snapshot, when the chunks follow each
 * other in the worker without a pause: an unchanged chunk first (nothing written), then the chunk that creates the CI,
 * then one whose record identifies it. A look-up read for the third chunk before the second was written (the read
 * ahead tried in the twenty-second session) would have inserted a duplicate. The chunks are queued while the test
 * holds the writer lease, so the worker takes them one after the other.
 */
class CrossChunkIdentificationIntegrationTests extends IntegrationTestSupport {

	@Autowired
	ClassCatalogue catalogue;

	@Autowired
	WriterLease lease;

	@Test
	void aCiCreatedByOneChunkIsIdentifiedByTheNext() {
		String u = unique();
		String source = "terraform-cc" + u;
		List<Map<String, Object>> unchanged = List.of(item("a1", "Server", Map.of("fqdn", "cc-a1-" + u + ".example"), attrs()),
				item("a2", "Server", Map.of("fqdn", "cc-a2-" + u + ".example"), attrs()));
		String first = openChunked(source);
		postChunk(first, unchanged, List.of());
		completeChunked(first);
		String again = openChunked(source);
		lease.call(() -> {
			postChunk(again, unchanged, List.of());
			postChunk(again, List.of(item("x", "Server", Map.of("fqdn", "cc-x-" + u + ".example"), attrs("os", "Debian 12"))),
					List.of());
			postChunk(again, List.of(item("y", "Server", Map.of("fqdn", "cc-x-" + u + ".example"), attrs("os", "Debian 12"))),
					List.of());
			assertThat(post("/api/v1/snapshots/" + again + "/complete", "application/json", new byte[0]).statusCode())
				.isEqualTo(202);
			return null;
		});
		JsonNode status = awaitSnapshot(again);
		assertThat(ciId(status, "y")).isEqualTo(ciId(status, "x"));
		assertThat(texts(status.get("results"), "operation")).containsOnly("NO_CHANGE", "INSERT")
			.filteredOn("INSERT"::equals).hasSize(1);
		assertThat(count("MATCH (:IdKey {key: $key})-[:IDENTIFIES]->(c:CI) RETURN count(c)",
				Map.of("key", Identity.of(catalogue, "Server", Map.of("fqdn", "cc-x-" + u + ".example"), null).allKeys().get(0))))
			.isEqualTo(1);
	}

}
