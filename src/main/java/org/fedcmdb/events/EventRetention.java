package org.fedcmdb.events;

import java.util.Map;

import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than {@code fedcmdb.events.retention} (7 days by default), hourly, in bounded transactions.
 * Idempotent, so several instances may run it.
 */
@Component
class EventRetention {

	private static final Logger log = LoggerFactory.getLogger(EventRetention.class);

	private final Driver driver;

	private final CypherCatalog cypher;

	private final EventProperties properties;

	EventRetention(Driver driver, CypherCatalog cypher, EventProperties properties) {
		this.driver = driver;
		this.cypher = cypher;
		this.properties = properties;
	}

	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
	void purgeHourly() {
		try {
			purge(System.currentTimeMillis());
		}
		catch (RuntimeException ex) {
			log.warn("Event retention did not run: {}", ex.toString());
		}
	}

	/** @param now the time to judge age at (a parameter so tests can move the clock); @return batches deleted */
	int purge(long now) {
		int total = 0;
		while (true) {
			int deleted;
			try (Session s = driver.session()) {
				deleted = s.executeWrite(tx -> tx.run(cypher.get("events-purge"), Map.of("before",
						now - properties.retention().toMillis(), "limit", 100)).single().get("deleted").asInt());
			}
			total += deleted;
			if (deleted < 100) {
				try (Session s = driver.session()) {
					s.executeWriteWithoutResult(tx -> tx.run(cypher.get("subscription-purge-deliveries"),
							Map.of("before", now - properties.retention().toMillis())).consume());
				}
				return total;
			}
		}
	}

}
