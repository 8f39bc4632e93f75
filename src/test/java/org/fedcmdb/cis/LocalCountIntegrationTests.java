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
 * The withdrawal's in-process count on a store of its own: without the index of live assertions (a store before
 * V0019, or one whose index is not online yet) it answers null and the caller asks Cypher; with it, it counts the
 * scope's live assertions and the gone ones, the unwritten CIs left out by the CI id of their index entries.
 */
class LocalCountIntegrationTests {

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
		assertThat(local.countScope("s", "x", 3, "new", Set.of())).isEqualTo(new LocalReads.ScopeCount(3, 2));
		assertThat(local.countScope("s", "x", 3, "new", Set.of("a"))).isEqualTo(new LocalReads.ScopeCount(3, 1));
		assertThat(local.countScope("s", "y", 3, "new", Set.of())).isEqualTo(new LocalReads.ScopeCount(1, 1));
		assertThat(local.countScope("other", "x", 3, "new", Set.of())).isEqualTo(new LocalReads.ScopeCount(0, 0));
	}

}
