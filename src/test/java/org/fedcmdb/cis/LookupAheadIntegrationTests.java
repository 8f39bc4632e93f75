package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.IntegrationTestSupport;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.identification.Identity;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The look-up read ahead ({@link LookupAhead}) against the real database's commits: its rows are served while no
 * commit changes what they were read from (another label's node, a property set to the value it had), and never once
 * one did: an assertion's hash changed, an identity key created, a relationship it reads deleted, a CI relabelled.
 * End to end: a re-send whose unchanged chunk starts the next chunk's read ahead, and whose next chunk creates a CI a
 * later record identifies.
 */
class LookupAheadIntegrationTests extends IntegrationTestSupport {

	@Autowired
	DatabaseManagementService dbms;

	@Autowired
	ClassCatalogue catalogue;

	@Autowired
	WriterLease lease;

	@Test
	void rowsAreServedUntilACommitChangesWhatTheyWereReadFrom() {
		String u = unique();
		String source = "terraform-la" + u;
		JsonNode st = ingest(snapshot(source, "DELTA", Instant.now(),
				List.of(item("a", "Application", Map.of("uid", "la-" + u), attrs("tier", "1"))), List.of()));
		String ci = ciId(st, "a");
		Set<String> keys = Set.copyOf(Identity.of(catalogue, "Application", Map.of("uid", "la-" + u), null).allKeys());
		LookupAhead ahead = new LookupAhead(dbms, GraphDatabaseSettings.DEFAULT_DATABASE_NAME,
				new LocalReads(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)));
		try {
			ahead.begin(source).read(keys);
			write("CREATE (:LookAheadProbe {id: $id})", Map.of("id", u));
			write("MATCH (c:CI {id: $id}) SET c.class = c.class, c.name = c.name", Map.of("id", ci));
			assertThat(ahead.serve(new LinkedHashSet<>(keys), "another-source")).as("another source's read").isNull();
			Set<String> left = new LinkedHashSet<>(keys);
			List<GraphStore.CandidateRow> rows = ahead.serve(left, source);
			assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.id()).isEqualTo(ci));
			assertThat(rows.get(0).hash()).isNotNull();
			assertThat(left).as("served keys are not read again").isEmpty();

			write("MATCH (x:Assertion)-[:ASSERTS]->(c:CI {id: $id}) SET x.hash = 'changed'", Map.of("id", ci));
			assertThat(ahead.serve(new LinkedHashSet<>(keys), source)).as("after the hash changed").isNull();

			spoiledBy(ahead, source, keys, "CREATE (:IdKey {key: $key})", Map.of("key", "lookahead-probe:" + u));
			spoiledBy(ahead, source, keys, "MATCH (:IdKey)-[r:IDENTIFIES]->(c:CI {id: $id}) WITH r LIMIT 1 "
					+ "CREATE (k:IdKey {key: $key})-[:IDENTIFIES]->(c) DELETE r", Map.of("id", ci, "key", "moved:" + u));
			spoiledBy(ahead, source, keys, "MATCH (c:CI {id: $id}) SET c:MergedCI REMOVE c:CI", Map.of("id", ci));
			write("MATCH (c:MergedCI {id: $id}) SET c:CI REMOVE c:MergedCI", Map.of("id", ci));
		}
		finally {
			ahead.close();
			write("MATCH (p:LookAheadProbe {id: $id}) DELETE p", Map.of("id", u));
		}
	}

	/**
	 * A re-send's first chunk is unchanged, so the third chunk's look-up is read ahead while the second is applied; the
	 * second creates a CI the third's record identifies: that record must find it (a read ahead kept would miss it and
	 * insert a duplicate). The chunks are queued while the test holds the writer lease, so the worker takes them one
	 * after the other.
	 */
	@Test
	void aChunkThatCreatesWhatTheNextIdentifiesSpoilsItsReadAhead() {
		String u = unique();
		String source = "terraform-lb" + u;
		List<Map<String, Object>> unchanged = List.of(item("a1", "Server", Map.of("fqdn", "lb-a1-" + u + ".example"), attrs()),
				item("a2", "Server", Map.of("fqdn", "lb-a2-" + u + ".example"), attrs()));
		String first = openChunked(source);
		postChunk(first, unchanged, List.of());
		completeChunked(first);
		String again = openChunked(source);
		JsonNode[] status = new JsonNode[1];
		lease.run(() -> {
			postChunk(again, unchanged, List.of());
			postChunk(again, List.of(item("x", "Server", Map.of("fqdn", "lb-x-" + u + ".example"), attrs("os", "Debian 12"))),
					List.of());
			postChunk(again, List.of(item("y", "Server", Map.of("fqdn", "lb-x-" + u + ".example"), attrs("os", "Debian 12"))),
					List.of());
			assertThat(post("/api/v1/snapshots/" + again + "/complete", "application/json", new byte[0]).statusCode())
				.isEqualTo(202);
		});
		status[0] = awaitSnapshot(again);
		assertThat(ciId(status[0], "y")).isEqualTo(ciId(status[0], "x"));
		assertThat(texts(status[0].get("results"), "operation")).containsOnly("NO_CHANGE", "INSERT")
			.filteredOn("INSERT"::equals).hasSize(1);
		assertThat(count("MATCH (:IdKey {key: $key})-[:IDENTIFIES]->(c:CI) RETURN count(c)",
				Map.of("key", Identity.of(catalogue, "Server", Map.of("fqdn", "lb-x-" + u + ".example"), null).allKeys().get(0))))
			.isEqualTo(1);
	}

	private void spoiledBy(LookupAhead ahead, String source, Set<String> keys, String cypher, Map<String, Object> params) {
		LookupAhead.Watch w = ahead.begin(source);
		w.read(keys);
		assertThat(ahead.serve(new LinkedHashSet<>(keys), source)).as("before: " + cypher).isNotNull();
		write(cypher, params);
		assertThat(w.spoiled()).as(cypher).isTrue();
		assertThat(ahead.serve(new LinkedHashSet<>(keys), source)).as(cypher).isNull();
	}

	private void write(String cypher, Map<String, Object> params) {
		try (var s = driver.session()) {
			s.executeWriteWithoutResult(tx -> tx.run(cypher, params).consume());
		}
	}

}
