import java.nio.file.Path;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A Neo4j of its own for ImpactPluginIntegrationTests, run by the JDK's source launcher on a classpath without fedcmdb:
 * store in args[0], plugins from args[1], Bolt without authentication on a free port printed as "BOLT <port>"; it
 * stops when its standard input closes.
 */
public class PluginServer {

	public static void main(String[] args) throws Exception {
		DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(args[0]))
			.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(args[1]))
			.setConfig(BoltConnector.enabled, true)
			.setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
			.setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
			// Neo4j 5.26 is built on Netty 4.1; under Boot's Netty 4.2 its in-JVM "local" connector fails to bind
			.setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
			.setConfig(GraphDatabaseSettings.auth_enabled, false)
			.setConfig(GraphDatabaseSettings.pagecache_memory, 64L << 20)
			.build();
		GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
		int port = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
			.getLocalAddress(ConnectorType.BOLT).getPort();
		System.out.println("BOLT " + port);
		System.out.flush();
		while (System.in.read() != -1) {
			// until the test closes our input
		}
		dbms.shutdown();
	}

}
