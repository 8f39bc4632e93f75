package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.fedcmdb.reconciliation.RulesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chunk's last step: completes edges and records that were waiting for CIs this chunk created or re-keyed, and tells
 * the snapshots that posted them.
 */
final class PendingStep {

	private static final Logger log = LoggerFactory.getLogger(PendingStep.class);

	private final PendingStore pending;

	private final PendingSettlement settlement;

	private final ClassCatalogue catalogue;

	private final RulesConfig rules;

	/** Pending edges completed per transaction. */
	private final int batch;

	PendingStep(PendingStore pending, PendingSettlement settlement, ClassCatalogue catalogue, RulesConfig rules,
			IngestProperties properties) {
		this.pending = pending;
		this.settlement = settlement;
		this.catalogue = catalogue;
		this.rules = rules;
		this.batch = properties.pendingBatch();
	}

	/**
	 * Returns the edges created for entries of this chunk (those of other chunks count in theirs). Waiting records
	 * are applied through {@code process}, as their own source's DELTA.
	 */
	int apply(ChunkWork w, BiFunction<ChunkProcessor.Context, SnapshotModel.Chunk, ChunkProcessor.Outcome> process) {
		if (w.addedKeys.isEmpty() || !pending.anythingPending()) {
			return 0;
		}
		int created = 0;
		// In bounded batches, each completing its edges and deleting their pending records: a tier-M run ran out
		// of heap when the core switch arrived and one transaction completed every edge that waited for it.
		for (int round = 0; round < 100_000; round++) {
			List<WaitingEdge.Ready> edges = pending.readyPendingEdges(w.addedKeys, batch);
			PendingSettlement.Local local = settlement.settleEdges(edges.stream().map(WaitingEdge.Ready::edge).toList(),
					edges.stream().map(WaitingEdge.Ready::resolved).toList(), w.now, w.ctx.snapshotId(),
					w.ctx.snapshotId(), w.ctx.seq());
			w.replaceResults(local.results());
			created += local.edgesCreated();
			pending.deletePending(edges.stream().map(e -> e.edge().pkey()).toList());
			if (edges.size() < batch) {
				break;
			}
		}
		List<WaitingRecord> items = pending.readyPendingItems(w.addedKeys);
		if (!items.isEmpty()) {
			applyPendingItems(items, w.ctx.snapshotId(), process);
		}
		return created;
	}

	/** Re-applies records that waited for an allowed source to create their CI, as their own source's DELTA. */
	private void applyPendingItems(List<WaitingRecord> items, String bySnapshot,
			BiFunction<ChunkProcessor.Context, SnapshotModel.Chunk, ChunkProcessor.Outcome> process) {
		Map<String, List<WaitingRecord>> bySource = new LinkedHashMap<>();
		items.forEach(i -> bySource.computeIfAbsent(i.source(), k -> new ArrayList<>()).add(i));
		SnapshotParser parser = new SnapshotParser(catalogue, rules, Integer.MAX_VALUE);
		for (var e : bySource.entrySet()) {
			List<SnapshotModel.Item> parsed = new ArrayList<>();
			long collectedAt = 0;
			String snapshotId = null;
			String scope = "";
			for (WaitingRecord p : e.getValue()) {
				try {
					parsed.add(parser.item(parsed.size(), Json.MAPPER.readTree(p.item())));
				}
				catch (RuntimeException ex) {
					log.warn("Dropping unreadable pending item {}: {}", p.pkey(), ex.getMessage());
				}
				collectedAt = Math.max(collectedAt, p.collectedAt());
				snapshotId = p.snapshotId();
				scope = p.scope();
			}
			List<WaitingRecord> rowsOf = new ArrayList<>(e.getValue());
			pending.deletePending(rowsOf.stream().map(WaitingRecord::pkey).toList());
			SnapshotModel.Envelope env = new SnapshotModel.Envelope(e.getKey(), scope, SnapshotModel.Mode.DELTA, false,
					false, collectedAt);
			ChunkProcessor.Outcome o = process.apply(new ChunkProcessor.Context(snapshotId, env, -1, true),
					new SnapshotModel.Chunk(parsed, List.of(), List.of(), List.of()));
			log.info("Applied {} pending record(s) of source {}: {}", parsed.size(), e.getKey(), o.counts());
			if (parsed.size() == rowsOf.size()) {
				settle(rowsOf, parsed.size(), o, bySnapshot);
			}
		}
	}

	/** The waiting records' posting snapshots learn what was applied, once every record has a result. */
	private void settle(List<WaitingRecord> rowsOf, int count, ChunkProcessor.Outcome o, String bySnapshot) {
		Map<Integer, SnapshotModel.Result> byIndex = new HashMap<>();
		o.results().stream().filter(r -> r.kind().equals("item")).forEach(r -> byIndex.put(r.index(), r));
		List<SnapshotModel.Result> applied = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			applied.add(byIndex.get(i));
		}
		if (applied.stream().allMatch(Objects::nonNull)) {
			settlement.settleItems(rowsOf, applied, System.currentTimeMillis(), bySnapshot);
		}
	}

}
