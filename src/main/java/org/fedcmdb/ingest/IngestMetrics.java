package org.fedcmdb.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

	/** Counts a chunk's entries first, so that a 10,000-entry chunk touches a handful of meters, not 10,000. */
	void applied(String source, ChunkProcessor.Outcome outcome) {
		Map<List<String>, Integer> items = new HashMap<>();
		Map<String, Integer> rejected = new HashMap<>();
		for (SnapshotModel.Result r : outcome.results()) {
			items.merge(List.of(r.kind(), r.operation().name()), 1, Integer::sum);
			if (r.operation() == SnapshotModel.Operation.REJECTED) {
				rejected.merge(r.code() == null ? "UNKNOWN" : r.code(), 1, Integer::sum);
			}
		}
		items.forEach((k, n) -> registry.counter("fedcmdb.ingest.items", "source", source, "kind", k.get(0), "operation",
				k.get(1)).increment(n));
		rejected.forEach((code, n) -> registry.counter("fedcmdb.ingest.rejected", "source", source, "code", code)
			.increment(n));
		items.forEach((k, n) -> {
			if (k.get(1).equals(SnapshotModel.Operation.MERGED.name())) {
				registry.counter("fedcmdb.ingest.merges", "source", source).increment(n);
			}
		});
	}

	void withdrawalRefused(String source) {
		registry.counter("fedcmdb.ingest.withdrawals.refused", "source", source).increment();
	}

}
