package org.fedcmdb.health;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.fedcmdb.graph.CypherCatalog;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The ingestion queue as gauges, read every {@code fedcmdb.health.queue-poll} (15 s) by index and count-store look-ups
 * rather than at each scrape: {@code fedcmdb_snapshots_queued}, {@code fedcmdb_snapshot_chunks_queued},
 * {@code fedcmdb_snapshot_queue_oldest_age_seconds}, {@code fedcmdb_pending_edges}, {@code fedcmdb_pending_items}.
 */
@Component
class QueueGauges {

	private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

	private final Driver driver;

	private final CypherCatalog cypher;

	private volatile Record last;

	QueueGauges(Driver driver, CypherCatalog cypher, MeterRegistry registry) {
		this.driver = driver;
		this.cypher = cypher;
		gauge(registry, "fedcmdb.snapshots.queued", "Snapshots accepted and not yet applied", "snapshots");
		gauge(registry, "fedcmdb.snapshot.chunks.queued", "Snapshot chunks waiting for the worker", "chunks");
		gauge(registry, "fedcmdb.pending.edges", "Relationships waiting for a CI no source has reported yet", "pendingEdges");
		gauge(registry, "fedcmdb.pending.items", "Records waiting for a CI another source must create first", "pendingItems");
		Gauge.builder("fedcmdb.snapshot.queue.oldest.age", this, g -> {
			Record r = g.last;
			return r == null || r.get("oldest").isNull() ? 0 : (System.currentTimeMillis() - r.get("oldest").asLong()) / 1000.0;
		}).baseUnit("seconds").description("How long the oldest queued chunk has waited").register(registry);
	}

	private void gauge(MeterRegistry registry, String name, String description, String column) {
		Gauge.builder(name, this, g -> g.last == null ? Double.NaN : g.last.get(column).asDouble())
			.description(description).register(registry);
	}

	@Scheduled(initialDelayString = "5s", fixedDelayString = "${fedcmdb.health.queue-poll:15s}")
	void poll() {
		try (Session s = driver.session()) {
			last = s.executeRead(tx -> tx.run(cypher.get("health-queue"), Map.of()).single());
		}
		catch (RuntimeException ex) {
			log.debug("Queue gauges not read: {}", ex.getMessage());
		}
	}

}
