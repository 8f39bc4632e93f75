package org.fedcmdb.graph;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts Neo4j Community in-process when no external URI is configured, so that a newcomer gets a working server with
 * one command. The application still talks to it over Bolt through the official driver, exactly as it would to an
 * external server or cluster, with two exceptions that take the embedded database when there is one: the impact
 * search runs in process in the database's own transaction (no Bolt round trip: {@code impact.ImpactTraversal}), and
 * the writer lease frees a lease left over by an earlier run of the same store at start ({@code cis.WriterLease}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedModeCondition.class)
class EmbeddedNeo4jConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4jConfiguration.class);

	/** The Bolt user's password: configured, or generated for this start and never written anywhere. */
	record BoltCredentials(String password, boolean generated) {

		static BoltCredentials of(GraphProperties properties) {
			String configured = properties.embedded().boltPassword();
			if (configured != null && !configured.isBlank()) {
				if (configured.length() < 8) {
					throw new StartupException("BOLT_PASSWORD_TOO_SHORT",
							"fedcmdb.embedded.bolt-password must have at least 8 characters",
							"Set a longer password, or leave it unset to have a secret generated at each start.");
				}
				return new BoltCredentials(configured, false);
			}
			byte[] secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			return new BoltCredentials(Base64.getUrlEncoder().withoutPadding().encodeToString(secret), true);
		}

		@Override
		public String toString() {
			return "BoltCredentials[password=<hidden>, generated=" + generated + "]";
		}
	}

	@Bean
	BoltCredentials embeddedBoltCredentials(GraphProperties properties) {
		return BoltCredentials.of(properties);
	}

	@Bean(destroyMethod = "shutdown")
	DatabaseManagementService embeddedNeo4j(GraphProperties properties, BoltCredentials credentials) {
		Path home = properties.dataDir().toAbsolutePath().normalize();
		ensureWritable(home);
		log.info("Starting embedded Neo4j in {}", home);
		DatabaseManagementService service;
		try {
			DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
			Path extra = extraSettings(home, properties.embedded().settings());
			if (extra != null) {
				builder.loadPropertiesFromFile(extra);
			}
			service = builder
				.setConfig(BoltConnector.enabled, true)
				.setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
				.setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
				// Neo4j 5.26 is built on Netty 4.1; under Boot's Netty 4.2 its in-JVM "local" connector fails to bind.
				.setConfig(BoltConnectorInternalSettings.enable_local_connector, false)
				.setConfig(GraphDatabaseSettings.pagecache_memory, properties.embedded().pageCacheBytes())
				.setConfig(GraphDatabaseSettings.transaction_timeout, properties.embedded().transactionTimeout())
				.setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
				.setConfig(GraphDatabaseSettings.auth_enabled, true)
				.build();
		}
		catch (RuntimeException ex) {
			throw StartupException.from(home, ex);
		}
		lockBolt(service, credentials);
		return service;
	}

	/**
	 * Sets the password of the Bolt user for this start, through the in-process API (which needs no login): another
	 * local user or process reaching 127.0.0.1 finds a connector that refuses it without the secret.
	 */
	private static void lockBolt(DatabaseManagementService service, BoltCredentials credentials) {
		service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
				"ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", credentials.password()));
		log.info("Embedded Neo4j Bolt connector requires authentication (user neo4j, {} password)",
				credentials.generated() ? "a per-start generated" : "the configured");
	}

	/**
	 * The builder takes other settings only as typed {@code Setting}s or from a file, so the free-form ones are written
	 * to {@code <data>/neo4j-extra.conf} (rewritten at every start) and loaded from there.
	 */
	private static Path extraSettings(Path home, Map<String, String> settings) {
		if (settings.isEmpty()) {
			return null;
		}
		StringBuilder conf = new StringBuilder("# written by fedcmdb from fedcmdb.embedded.settings at start-up\n");
		settings.forEach((k, v) -> conf.append(k).append('=').append(v).append('\n'));
		try {
			Files.createDirectories(home);
			return Files.writeString(home.resolve("neo4j-extra.conf"), conf.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write " + home.resolve("neo4j-extra.conf"), ex);
		}
	}

	@Bean
	Neo4jConnectionDetails embeddedConnectionDetails(DatabaseManagementService service, BoltCredentials credentials) {
		GraphDatabaseAPI db = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
		var register = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
		var address = register.getLocalAddress(ConnectorType.BOLT);
		URI uri = URI.create("bolt://127.0.0.1:" + address.getPort());
		log.info("Embedded Neo4j Bolt connector listening on {}", uri);
		return new Neo4jConnectionDetails() {
			@Override
			public URI getUri() {
				return uri;
			}

			@Override
			public AuthToken getAuthToken() {
				return AuthTokens.basic("neo4j", credentials.password());
			}
		};
	}

	private static void ensureWritable(Path home) {
		try {
			Files.createDirectories(home);
		}
		catch (IOException | SecurityException ex) {
			throw new StartupException("DATA_DIR_NOT_WRITABLE",
					"Cannot create the data directory " + home + ": " + ex.getMessage(),
					"Set fedcmdb.data-dir to a directory this user can write, or fix its permissions.");
		}
		if (!Files.isWritable(home)) {
			throw new StartupException("DATA_DIR_NOT_WRITABLE", "The data directory " + home + " is not writable.",
					"Set fedcmdb.data-dir to a directory this user can write, or fix its permissions.");
		}
	}

}
