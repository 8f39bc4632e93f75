package org.fedcmdb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.fedcmdb.IntegrationTestSupport;
import org.junit.jupiter.api.Test;

/**
 * A snapshot whose finish fails every time it is tried ends FAILED with the reason after a few attempts, as a chunk
 * that keeps failing does, and holds no other snapshot meanwhile.
 */
class SnapshotFinishFailureIntegrationTests extends IntegrationTestSupport {

	@Test
	void aFinishThatKeepsFailingEndsTheSnapshotFailed() {
		String u = unique();
		String id = openChunked("terraform-ff" + u);
		postChunk(id, List.of(item("h", "Server", Map.of("fqdn", "ff-" + u + ".example"), attrs())), List.of());
		awaitUntil("its chunk applied", () -> count("MATCH (c:SnapshotChunk {snapshotId: $id}) WHERE c.state = 'QUEUED' "
				+ "RETURN count(c)", Map.of("id", id)) == 0);
		// a stored value the finish cannot read: every attempt at finishing fails the same way
		setCounts(id, "{not json");
		try {
			assertThat(post("/api/v1/snapshots/" + id + "/complete", "application/json", new byte[0]).statusCode())
				.isEqualTo(202);
			// another source's snapshot goes through meanwhile
			ingest(snapshot("declared", "DELTA", Instant.now(),
					List.of(item("o", "Server", Map.of("fqdn", "ff-other-" + u + ".example"), attrs())), List.of()));
			awaitUntil("the snapshot FAILED", () -> "FAILED".equals(field(id, "status")));
			assertThat(field(id, "error")).startsWith("finish: ");
		}
		finally {
			setCounts(id, "{}"); // the other tests read every snapshot's status
		}
	}

	private void setCounts(String id, String counts) {
		driver.executableQuery("MATCH (s:Snapshot {id: $id}) SET s.counts = $counts")
			.withParameters(Map.of("id", id, "counts", counts)).execute();
	}

	private String field(String id, String name) {
		return driver.executableQuery("MATCH (s:Snapshot {id: $id}) RETURN s[$name] AS v")
			.withParameters(Map.of("id", id, "name", name)).execute().records().get(0).get("v").asString(null);
	}

	private static void awaitUntil(String what, java.util.function.BooleanSupplier done) {
		long deadline = System.currentTimeMillis() + 30_000;
		while (!done.getAsBoolean()) {
			assertThat(System.currentTimeMillis()).as("waiting for %s", what).isLessThan(deadline);
			sleep(50);
		}
	}

}
