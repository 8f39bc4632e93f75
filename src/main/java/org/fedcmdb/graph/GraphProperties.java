package org.fedcmdb.graph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the graph lives. {@code fedcmdb.data-dir} holds the embedded store (and nothing when an external Neo4j is
 * used); {@code fedcmdb.neo4j.connect-timeout} bounds how long start-up waits for an external server.
 */
@ConfigurationProperties("fedcmdb")
public record GraphProperties(@DefaultValue("./data") Path dataDir,
		@DefaultValue Embedded embedded, @DefaultValue External neo4j) {

	public GraphProperties {
		embedded = new Embedded(
				embedded.transactionTimeout() == null ? Duration.ofMinutes(5) : embedded.transactionTimeout(),
				embedded.pageCacheBytes() <= 0 ? 512L * 1024 * 1024 : embedded.pageCacheBytes(),
				embedded.settings() == null ? Map.of() : embedded.settings(), embedded.boltPassword());
	}

	/**
	 * Settings of the embedded database only: page cache size, the longest a transaction may run, and any other Neo4j
	 * setting by its own name ({@code fedcmdb.embedded.settings[db.logs.query.threshold]=2s}), for what fedcmdb does not
	 * wrap, such as the slow-query log.
	 * <p>
	 * The embedded Bolt connector listens on 127.0.0.1 and requires authentication: user {@code neo4j} with
	 * {@code boltPassword} when one is set (to connect a second instance or Neo4j's own tools), otherwise a secret
	 * generated at each start and held only in this process's memory.
	 */
	public record Embedded(Duration transactionTimeout, long pageCacheBytes, Map<String, String> settings,
			String boltPassword) {
	}

	/** Settings used only when an external Neo4j server or cluster is configured. */
	public record External(@DefaultValue("60s") Duration connectTimeout) {
	}

}
