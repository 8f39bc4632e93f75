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
		if (embedded.transactionTimeout() == null) {
			embedded = new Embedded(Duration.ofMinutes(5), embedded.pageCacheBytes(), embedded.settings());
		}
		if (embedded.pageCacheBytes() <= 0) {
			embedded = new Embedded(embedded.transactionTimeout(), 512L * 1024 * 1024, embedded.settings());
		}
		if (embedded.settings() == null) {
			embedded = new Embedded(embedded.transactionTimeout(), embedded.pageCacheBytes(), Map.of());
		}
	}

	/**
	 * Settings of the embedded database only: page cache size, the longest a transaction may run, and any other Neo4j
	 * setting by its own name ({@code fedcmdb.embedded.settings[db.logs.query.threshold]=2s}), for what fedcmdb does not
	 * wrap, such as the slow-query log.
	 */
	public record Embedded(Duration transactionTimeout, long pageCacheBytes, Map<String, String> settings) {
	}

	/** Settings used only when an external Neo4j server or cluster is configured. */
	public record External(@DefaultValue("60s") Duration connectTimeout) {
	}

}
