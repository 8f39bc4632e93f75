package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.fedcmdb.cis.GraphStore;
import org.fedcmdb.cis.Withdrawals;
import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finishes a snapshot whose chunks are all applied: settles the edges that waited for refs of later chunks, withdraws
 * what a complete FULL snapshot did not report, and marks it COMPLETED with its {@code snapshot.applied} event (and
 * {@code snapshot.withdrawal_refused} when the safety cap held) in the same transaction.
 */
@Component
class SnapshotFinisher {

	private static final Logger log = LoggerFactory.getLogger(SnapshotFinisher.class);

	private final SnapshotStore store;

	private final Withdrawals withdrawals;

	private final GraphStore graph;

	private final PendingStore pending;

	private final PendingSettlement settlement;

	private final IngestMetrics metrics;

	private final int settleBatch;

	SnapshotFinisher(SnapshotStore store, Withdrawals withdrawals, GraphStore graph, PendingStore pending,
			PendingSettlement settlement, IngestMetrics metrics, IngestProperties properties) {
		this.store = store;
		this.withdrawals = withdrawals;
		this.graph = graph;
		this.pending = pending;
		this.settlement = settlement;
		this.metrics = metrics;
		this.settleBatch = properties.settleBatch();
	}

	void finish(Map<String, Object> s) {
		String id = (String) s.get("id");
		SnapshotModel.Envelope env = SnapshotStore.envelope(s);
		long t0 = System.nanoTime();
		settleRefEdges(id, env);
		long t1 = System.nanoTime();
		long readMs = 0;
		Map<String, Object> props = new LinkedHashMap<>();
		Withdrawals.Report report = null;
		if (env.mode() == SnapshotModel.Mode.FULL && env.complete()) {
			long[] reported = store.reportedEdges(id);
			readMs = (System.nanoTime() - t1) / 1_000_000;
			report = withdrawals.completeFull(env.source(), env.scope(), id, env.collectedAt(), env.force(), reported);
			props.put("withdrawal", Json.write(report.toMap()));
		}
		else if (env.mode() == SnapshotModel.Mode.FULL) {
			props.put("withdrawal", Json.write(Map.of("withdrawn", 0, "refused", false, "message",
					"complete is false: nothing withdrawn")));
		}
		props.put("status", "COMPLETED");
		props.put("finishedAt", System.currentTimeMillis());
		long t2 = System.nanoTime();
		store.update(id, props, events(id, env, report));
		if (log.isDebugEnabled()) {
			log.debug("snapshot {} finished: waiting edges {} ms, reported edges read {} ms, withdrawal {} ms, "
					+ "status and events {} ms", id, (t1 - t0) / 1_000_000, readMs, (t2 - t1) / 1_000_000 - readMs,
					(System.nanoTime() - t2) / 1_000_000);
		}
	}

	/**
	 * Edges that waited for refs of later chunks: completed now, or rejected as dangling; their stored results and
	 * the snapshot's counts and edgesCreated say so.
	 */
	private void settleRefEdges(String id, SnapshotModel.Envelope env) {
		// page after page (fedcmdb.ingest.settle-batch), each settled and deleted before the next is read: all at once,
		// the waiting edges of a million-CI snapshot and the one transaction settling them outgrew a 4 GiB heap
		String previousFirst = null;
		while (true) {
			long t0 = System.nanoTime();
			List<WaitingEdge> waiting = pending.refPendingEdges(id, settleBatch);
			if (waiting.isEmpty()) {
				return;
			}
			if (waiting.get(0).pkey().equals(previousFirst)) {
				throw new IllegalStateException("pending edges of snapshot " + id + " were settled but not deleted");
			}
			previousFirst = waiting.get(0).pkey();
			long t1 = System.nanoTime();
			Map<String, String> resolved = graph.resolveRefs(id, env.source(),
					waiting.stream().map(WaitingEdge::awaitRef).toList());
			long t2 = System.nanoTime();
			settlement.settleEdges(waiting, waiting.stream().map(p -> resolved.get(p.awaitRef())).toList(),
					System.currentTimeMillis(), id, id, -1);
			long t3 = System.nanoTime();
			pending.deletePending(waiting.stream().map(WaitingEdge::pkey).toList());
			if (log.isDebugEnabled()) {
				log.debug("snapshot {}: {} waiting edges read in {} ms, refs resolved in {} ms, settled in {} ms, "
						+ "deleted in {} ms", id, waiting.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
						(t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
			}
		}
	}

	/** snapshot.applied with its counts and withdrawal report; snapshot.withdrawal_refused when the cap held. */
	private List<EventDraft> events(String id, SnapshotModel.Envelope env, Withdrawals.Report report) {
		Map<String, Object> s = store.get(id);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("scope", env.scope());
		data.put("mode", env.mode().name());
		data.put("complete", env.complete());
		data.put("counts", Json.readMap((String) s.get("counts")));
		data.put("edgesCreated", s.getOrDefault("edgesCreated", 0L));
		if (report != null) {
			data.put("withdrawal", report.toMap());
		}
		List<EventDraft> events = new ArrayList<>();
		events.add(EventDraft.aboutSnapshot(EventTypes.SNAPSHOT_APPLIED,
				env.source(), id, data));
		if (report != null && report.refused()) {
			metrics.withdrawalRefused(env.source());
			events.add(EventDraft.aboutSnapshot(EventTypes.SNAPSHOT_WITHDRAWAL_REFUSED,
					env.source(), id, report.toMap()));
		}
		return events;
	}

}
