package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The in-process reads on a store of its own, with and without the indexes they seek. The identification look-up:
 * nothing on a store that never had an identity key, null without an online index of the keys (the caller asks
 * Cypher), and with it the CIs a key identifies (not a node of another label) with the source's live assertion. The
 * withdrawal's count: without the index of live assertions (a store before V0019, or one whose index is not online
 * yet) it answers null and the caller asks Cypher; with it, it counts the scope's live assertions and the gone ones,
 * the unwritten CIs left out by the CI id of their index entries.
 */
class LocalReadsIndexesIntegrationTests {

	@TempDir
	Path tmp;

	DatabaseManagementService dbms;

	GraphDatabaseService db;

	@BeforeEach
	void startAnEmptyStore() {
		dbms = new DatabaseManagementServiceBuilder(tmp).setConfig(BoltConnector.enabled, false).build();
		db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
	}

	@AfterEach
	void stop() {
		dbms.shutdown();
	}

	@Test
	void withoutTheIndexOfLiveAssertionsTheCountIsLeftToCypher() {
		db.executeTransactionally("""
				CREATE (:Assertion {source: 's', liveScope: 'x', ciId: 'a', seen: 1, snapshotId: 'old'}),
				       (:Assertion {source: 's', liveScope: 'x', ciId: 'b', seen: 1, snapshotId: 'old'}),
				       (:Assertion {source: 's', liveScope: 'x', ciId: 'c', seen: 5, snapshotId: 'new'}),
				       (:Assertion {source: 's', liveScope: 'y', ciId: 'd', seen: 1, snapshotId: 'old'}),
				       (:Assertion {source: 's', scope: 'x', ciId: 'e', seen: 1, snapshotId: 'old', withdrawnAt: 2})""");
		LocalReads local = new LocalReads(db);
		assertThat(local.countScope("s", "x", 3, "new", Set.of())).isNull();

		db.executeTransactionally("CREATE INDEX " + LocalReads.LIVE_SCOPE_INDEX
				+ " FOR (a:Assertion) ON (a.source, a.liveScope, a.ciId)");
		try (var tx = db.beginTx()) {
			tx.schema().awaitIndexesOnline(1, TimeUnit.MINUTES);
		}
		assertThat(local.countScope("s", "x", 3, "new", Set.of())).isEqualTo(new Withdrawals.Counted(3, 2));
		assertThat(local.countScope("s", "x", 3, "new", Set.of("a"))).isEqualTo(new Withdrawals.Counted(3, 1));
		assertThat(local.countScope("s", "y", 3, "new", Set.of())).isEqualTo(new Withdrawals.Counted(1, 1));
		assertThat(local.countScope("other", "x", 3, "new", Set.of())).isEqualTo(new Withdrawals.Counted(0, 0));
	}

	@Test
	void theLookUpSeeksTheIdentityKeysIndexAndLeavesAStoreWithoutItToCypher() {
		LocalReads local = new LocalReads(db);
		assertThat(local.lookup(Set.of("fqdn:h1"), "s")).isEmpty();
		db.executeTransactionally("""
				CREATE (k:IdKey {key: 'fqdn:h1'}), (n:IdKey {key: 'serial:n1'}),
				       (c:CI:Server {id: 'c1', class: 'Server', firstSeen: 7, identifiers: '{}', status: 'ACTIVE'}),
				       (m:MergedCI {id: 'm1'}),
				       (k)-[:IDENTIFIES]->(c), (k)-[:IDENTIFIES]->(m), (n)-[:IDENTIFIES]->(c),
				       (:Assertion {source: 's', hash: 'old', ref: 'r0', scope: 'x', withdrawnAt: 3})-[:ASSERTS]->(c),
				       (:Assertion {source: 't', hash: 'other', ref: 'r9', scope: 'x'})-[:ASSERTS]->(c),
				       (:Assertion {source: 's', hash: 'live', ref: 'r1', scope: 'x', stale: true})-[:ASSERTS]->(c)""");
		assertThat(local.lookup(Set.of("fqdn:h1"), "s")).isNull();

		db.executeTransactionally("CREATE CONSTRAINT idkey_unique FOR (k:IdKey) REQUIRE k.key IS UNIQUE");
		try (var tx = db.beginTx()) {
			tx.schema().awaitIndexesOnline(1, TimeUnit.MINUTES);
		}
		GraphStore.CandidateRow byName = new GraphStore.CandidateRow("fqdn:h1", "c1", "Server", 7, "-", "{}",
				java.util.List.of(), "live", "r1", "x", true, "ACTIVE");
		assertThat(local.lookup(java.util.List.of("fqdn:h1", "serial:n1", "nothing"), "s"))
			.containsExactly(byName, byName.forKey("serial:n1"));
		assertThat(local.lookup(java.util.List.of("serial:n1"), "nobody")).singleElement()
			.satisfies(r -> assertThat(r.hash()).isNull());
	}

}
