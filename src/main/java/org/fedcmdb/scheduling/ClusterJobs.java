package org.fedcmdb.scheduling;

import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Scheduled work once per cluster. Every instance keeps its own in-memory Quartz schedule (Quartz's clustered job
 * store needs a relational database, and ShedLock's Neo4j provider is not on Maven Central here), and before a job
 * runs, the instance claims its fire in the database: a {@code JobFire} node keyed by job and fire slot under a
 * uniqueness constraint. Instances on the same schedule compute the same slot; the first to create the node runs the
 * job, the others skip it. A crashed runner does not block the next slot.
 */
@Component
class ClusterJobs {

	private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

	private final Driver driver;

	private final CypherCatalog cypher;

	private final MeterRegistry metrics;

	private final String instance = UUID.randomUUID().toString();

	/** Old claims are purged at most hourly, by whichever claim comes first after the hour. */
	private volatile long lastPurge;

	ClusterJobs(Driver driver, CypherCatalog cypher, MeterRegistry metrics) {
		this.driver = driver;
		this.cypher = cypher;
		this.metrics = metrics;
	}

	/** True when this instance won the fire {@code slot} of {@code job} and should run it. */
	boolean claim(String job, long slot) {
		long now = System.currentTimeMillis();
		boolean won;
		try (Session s = driver.session()) {
			s.executeWrite(tx -> tx.run(cypher.get("job-claim"), Map.of("key", job + "|" + slot, "job", job, "slot", slot,
					"now", now, "instance", instance)).consume());
			won = true;
		}
		catch (ClientException ex) {
			if (!String.valueOf(ex.code()).contains("ConstraintValidationFailed")) {
				throw ex;
			}
			won = false;
		}
		metrics.counter("fedcmdb.scheduled.fires", "job", job, "outcome", won ? "run" : "skipped").increment();
		if (!won) {
			log.debug("{} fire {} runs on another instance", job, slot);
		}
		else if (now - lastPurge > 3_600_000L) {
			lastPurge = now;
			purge(now);
		}
		return won;
	}

	private void purge(long now) {
		try (Session s = driver.session()) {
			s.executeWrite(tx -> tx.run(cypher.get("job-claims-purge"), Map.of("before", now - 86_400_000L)).consume());
		}
		catch (RuntimeException ex) {
			log.debug("Old job claims not purged: {}", ex.getMessage());
		}
	}

}
