package org.fedcmdb.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Ingestion as Prometheus counters: {@code fedcmdb_ingest_items_total{source,kind,operation}} for every applied entry,
 * {@code fedcmdb_ingest_rejected_total{source,code}} for refused ones, {@code fedcmdb_ingest_merges_total{source}} for
 * CIs identification found to be one, and {@code fedcmdb_ingest_withdrawals_refused_total{source}} when the
 * withdrawal cap held. The source tag is the snapshot's source (bounded by the registered sources' names).
 */
@Component
class IngestMetrics {

	private final MeterRegistry registry;

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void applied(String source, ChunkProcessor.Outcome outcome) {
		for (SnapshotModel.Result r : outcome.results()) {
			registry.counter("fedcmdb.ingest.items", "source", source, "kind", r.kind(), "operation", r.operation().name())
				.increment();
			if (r.operation() == SnapshotModel.Operation.REJECTED) {
				registry.counter("fedcmdb.ingest.rejected", "source", source, "code", r.code() == null ? "UNKNOWN" : r.code())
					.increment();
			}
			else if (r.operation() == SnapshotModel.Operation.MERGED) {
				registry.counter("fedcmdb.ingest.merges", "source", source).increment();
			}
		}
	}

	void withdrawalRefused(String source) {
		registry.counter("fedcmdb.ingest.withdrawals.refused", "source", source).increment();
	}

}
