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
 * complete and empty without a scan; a store with edges needs the load, which finds them.
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
		epoch = new EdgeEpoch(Transactions.overDriver(driver), new CypherCatalog());
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

}
