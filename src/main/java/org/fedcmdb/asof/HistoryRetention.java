package org.fedcmdb.asof;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps full history for {@code fedcmdb.history.retention} (400 days by default) and compacts what is older, daily:
 * each field's older value changes become one entry with the ends of their intervals, relationships closed before the
 * horizon and the entries that recorded relationships and assertions go, and merged CIs' kept nodes merged before it.
 * As-of questions before the horizon are refused ({@link Instants}), so every answer given stays exact. Idempotent:
 * several instances may run it.
 */
@Component
public class HistoryRetention {

	private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);

	private final Driver driver;

	private final CypherCatalog cypher;

	private final HistoryProperties properties;

	HistoryRetention(Driver driver, CypherCatalog cypher, HistoryProperties properties) {
		this.driver = driver;
		this.cypher = cypher;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT24H")
	void compactDaily() {
		try {
			Result r = compact(System.currentTimeMillis() - properties.retention().toMillis(), null);
			log.info("History retention: {} value changes compacted, {} closed relationships and entries purged",
					r.compacted(), r.purged());
		}
		catch (RuntimeException ex) {
			log.warn("History retention did not run: {}", ex.toString());
		}
	}

	public record Result(long compacted, long purged) {
	}

	/**
	 * @param before epoch milliseconds: the horizon
	 * @param ciIds only these CIs' history (null: all)
	 */
	public Result compact(long before, Collection<String> ciIds) {
		Map<String, Object> params = new HashMap<>();
		params.put("before", before);
		params.put("ciIds", ciIds == null ? null : List.copyOf(ciIds));
		// CALL { } IN TRANSACTIONS needs an auto-commit transaction: session.run, not a transaction function
		try (Session s = driver.session()) {
			long compacted = s.run(cypher.get("history-compact-values"), params).single().get("compacted").asLong();
			long purged = s.run(cypher.get("history-purge"), params).single().get("purged").asLong()
					+ s.run(cypher.get("history-purge-merged"), params).single().get("purged").asLong();
			return new Result(compacted, purged);
		}
	}

}
