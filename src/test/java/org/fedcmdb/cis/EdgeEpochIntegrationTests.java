package org.fedcmdb.cis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/**
 * The edge epoch's knowledge of complete sets on a store of its own: a store without edges makes every source's set
 * complete and empty without a scan; a store with edges needs the load, which finds them page by page; a store with
 * more edges than the sets have room for is not loaded (the load would be dropped), and not known.
 */
class EdgeEpochIntegrationTests {

	@TempDir
	Path tmp;

	DatabaseManagementService dbms;

	Driver driver;

	EdgeEpoch epoch;

	@BeforeEach
	void startAnEmptyStore() throws IOException {
		int bolt;
		try (ServerSocket s = new ServerSocket(0)) {
			bolt = s.getLocalPort();
		}
		dbms = new DatabaseManagementServiceBuilder(tmp)
			.setConfig(BoltConnector.enabled, true)
			.setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", bolt))
			.setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
			.setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
			.build();
		driver = GraphDatabase.driver("bolt://127.0.0.1:" + bolt, AuthTokens.none());
		epoch = new EdgeEpoch(Transactions.overDriver(driver), new CypherCatalog(), new AssertedEdges(5), 2);
	}

	@AfterEach
	void stop() {
		driver.close();
		dbms.shutdown();
	}

	@Test
	void aStoreWithoutEdgesMakesTheSetsCompleteAndEmptyAndOneWithEdgesLoadsThem() {
		String token = epoch.current();
		epoch.completeIfNoEdges(token, List.of("nmap"));
		assertThat(epoch.asserted.isComplete(token, "nmap")).isTrue();
		assertThat(epoch.allReported("nmap", new long[0], () -> false)).isTrue();

		try (var s = driver.session()) {
			s.run("CREATE (:CI {id: 'a'})-[:DEPENDS_ON {sources: ['vcenter']}]->(:CI {id: 'b'})").consume();
		}
		epoch.completeIfNoEdges(token, List.of("vcenter"));
		assertThat(epoch.asserted.isComplete(token, "vcenter")).as("the store has an edge now").isFalse();
		assertThat(epoch.allReported("vcenter", new long[0], () -> false)).as("not loaded, not known").isFalse();
		assertThat(epoch.allReported("vcenter", new long[0], () -> true)).as("loaded: a -> b was not reported").isFalse();
		assertThat(epoch.asserted.isComplete(token, "vcenter")).isTrue();
		assertThat(epoch.allReported("vcenter", new long[] { EdgeKeys.key("DEPENDS_ON", "a", "b") }, () -> false)).isTrue();
		assertThat(epoch.allReported("nmap", new long[0], () -> false)).as("nmap asserts no edge").isTrue();
	}

	@Test
	void theLoadReadsEveryPageOfCisAndAStoreWithMoreEdgesThanRoomIsNotLoaded() {
		try (var s = driver.session()) {
			// five CIs, two pages of two and one of one; the source's edges from the first and the last page
			s.run("""
					CREATE (a:CI {id: 'a'}), (b:CI {id: 'b'}), (c:CI {id: 'c'}), (d:CI {id: 'd'}), (e:CI {id: 'e'})
					CREATE (a)-[:RUNS_ON {sources: ['vcenter']}]->(b), (e)-[:DEPENDS_ON {sources: ['vcenter', 'k8s']}]->(a),
					       (c)-[:DEPENDS_ON {sources: ['k8s']}]->(d)""").consume();
		}
		long ab = EdgeKeys.key("RUNS_ON", "a", "b");
		long ea = EdgeKeys.key("DEPENDS_ON", "e", "a");
		long[] both = java.util.stream.LongStream.of(ab, ea).sorted().toArray();
		assertThat(epoch.allReported("vcenter", new long[] { ab }, () -> true)).as("e -> a, on the last page").isFalse();
		assertThat(epoch.allReported("vcenter", both, () -> true)).isTrue();
		assertThat(epoch.asserted.size()).isEqualTo(2);

		try (var s = driver.session()) {
			s.run("""
					MATCH (a:CI {id: 'a'}), (b:CI {id: 'b'}), (c:CI {id: 'c'}), (d:CI {id: 'd'})
					CREATE (a)-[:MEMBER_OF {sources: ['k8s']}]->(c), (d)-[:MEMBER_OF {sources: ['k8s']}]->(a),
					       (b)-[:MEMBER_OF {sources: ['k8s']}]->(c)""").consume();
		}
		assertThat(epoch.allReported("k8s", new long[0], () -> true))
			.as("six edges in the store, two of the room of five taken by vcenter: not loaded").isFalse();
		assertThat(epoch.asserted.isComplete(epoch.current(), "k8s")).isFalse();
		assertThat(epoch.asserted.size()).isEqualTo(2);
	}

	/**
	 * A move of the epoch returns the token it replaced as read under the epoch node's write lock: another
	 * transaction that moved the epoch while this one ran (another instance, a restore) is seen, so this instance does
	 * not chain its sets across a move it did not make.
	 */
	@Test
	void aMoveReadsTheTokenItReplacesUnderTheLock() throws Exception {
		String token = epoch.current();
		epoch.asserted.loaded(token, "nmap", new org.eclipse.collections.impl.set.mutable.primitive.LongHashSet());
		var moved = new java.util.concurrent.CompletableFuture<EdgeEpoch.Move>();
		try (var s = driver.session(); var foreign = s.beginTransaction()) {
			foreign.run("MATCH (e:EdgeEpoch {name: 'edges'}) SET e.token = 'another-instance'").consume();
			Thread mover = new Thread(() -> moved.complete(Transactions.overDriver(driver).write(epoch::bump)));
			mover.start();
			Thread.sleep(300); // lets the mover start its transaction and wait for the lock the foreign one holds
			assertThat(moved).as("waits for the foreign transaction's lock").isNotDone();
			foreign.commit();
		}
		EdgeEpoch.Move move = moved.get(30, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(move.from()).isEqualTo("another-instance");
		epoch.asserted.added(move.from(), move.to(), "vcenter", new long[] { EdgeKeys.key("RUNS_ON", "a", "b") });
		assertThat(epoch.asserted.isComplete(move.to(), "nmap")).as("the sets start over").isFalse();
	}

}
