package org.fedcmdb.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and timings of snapshot ingestion.
 *
 * @param maxItemsPerChunk items (plus deletions) one request or chunk may carry
 * @param maxBodySize largest accepted request body, after decompression
 * @param maxMerge the most CIs one record may merge; more is refused as MULTI_MATCH
 * @param resultRetention how long finished snapshots and their per-item results are kept
 * @param idempotencyTtl how long an Idempotency-Key is remembered
 * @param settleBatch edges that waited for refs of later chunks, settled per round (and transaction) when their
 *        snapshot finishes
 * @param pendingBatch edges that waited for a look-up target, completed per round when a chunk brings it
 * @param maxWait the longest long poll of a snapshot's status ({@code GET /api/v1/snapshots/{id}?wait=})
 */
@ConfigurationProperties("fedcmdb.ingest")
record IngestProperties(@DefaultValue("10000") int maxItemsPerChunk, @DefaultValue("64MB") DataSize maxBodySize,
		@DefaultValue("10") int maxMerge,
		@DefaultValue("7d") Duration resultRetention, @DefaultValue("true") boolean workerEnabled,
		@DefaultValue("24h") Duration idempotencyTtl, @DefaultValue("20000") int settleBatch,
		@DefaultValue("5000") int pendingBatch, @DefaultValue("60s") Duration maxWait) {

	IngestProperties {
		// a round of 0 would read no waiting edge and leave them waiting forever: refused at start
		if (settleBatch < 1 || pendingBatch < 1) {
			throw new IllegalArgumentException("fedcmdb.ingest.settle-batch and fedcmdb.ingest.pending-batch must be at "
					+ "least 1 (waiting edges settled per round), not " + settleBatch + " and " + pendingBatch);
		}
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("fedcmdb.ingest.max-wait must not be negative, not " + maxWait);
		}
	}

}
