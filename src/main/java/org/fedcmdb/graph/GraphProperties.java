package org.fedcmdb.graph;

import java.nio.file.Path;
import java.time.Duration;

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
			embedded = new Embedded(Duration.ofMinutes(5), embedded.pageCacheBytes());
		}
		if (embedded.pageCacheBytes() <= 0) {
			embedded = new Embedded(embedded.transactionTimeout(), 512L * 1024 * 1024);
		}
	}

	/** Settings of the embedded database only: page cache size and the longest a transaction may run. */
	public record Embedded(Duration transactionTimeout, long pageCacheBytes) {
	}

	/** Settings used only when an external Neo4j server or cluster is configured. */
	public record External(@DefaultValue("60s") Duration connectTimeout) {
	}

}
