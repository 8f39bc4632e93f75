package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

import org.fedcmdb.cis.EdgeWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Completes what waited and tells the snapshot that posted it: edges whose ref arrived in a later chunk or whose
 * look-up target appeared are created (CREATED, or NO_CHANGE when another source had already asserted the edge), refs
 * that never came are DANGLING_REF, and each waiting entry's stored result is replaced by that outcome
 * ({@link SnapshotAmendments}). Entries of the chunk being applied are returned to the caller instead, whose results
 * are not stored yet.
 */
@Component
class PendingSettlement {

	private static final Logger log = LoggerFactory.getLogger(PendingSettlement.class);

	private final EdgeWriter edgeWriter;

	private final SnapshotAmendments amendments;

	private final SnapshotStore snapshots;

	PendingSettlement(EdgeWriter edgeWriter, SnapshotAmendments amendments, SnapshotStore snapshots) {
		this.edgeWriter = edgeWriter;
		this.snapshots = snapshots;
		this.amendments = amendments;
	}

	/** Outcomes that belong to the chunk being applied, and the edges they created. */
	record Local(List<SnapshotModel.Result> results, int edgesCreated) {
		static final Local NONE = new Local(List.of(), 0);
	}

	/**
	 * @param edges pending edge records (their stored properties)
	 * @param resolved per edge, the CI its missing end resolved to, or null when it never will (a dangling ref)
	 * @param bySnapshot the snapshot whose data resolved them
	 * @param currentSnapshot, currentSeq the chunk being applied (seq -1: none)
	 */
	Local settleEdges(List<WaitingEdge> edges, List<String> resolved, long now, String bySnapshot,
			String currentSnapshot, int currentSeq) {
		List<EdgeWriter.EdgeWrite> writes = new ArrayList<>();
		List<SnapshotModel.Result> outcomes = new ArrayList<>();
		List<Integer> edgeOfWrite = new ArrayList<>();
		Map<Integer, Integer> outcomeOfEdge = new HashMap<>();
		Map<String, Map<Integer, LongStream.Builder>> reported = new HashMap<>();
		for (int i = 0; i < edges.size(); i++) {
			WaitingEdge e = edges.get(i);
			String ciId = resolved.get(i);
			String from = e.fromId() == null ? ciId : e.fromId();
			String to = e.toId() == null ? ciId : e.toId();
			SnapshotModel.Result waiting = waiting(e);
			long since = e.createdAt();
			if (ciId == null || from == null || to == null) {
				outcomes.add(waiting.resolved(SnapshotModel.Operation.REJECTED, null, "DANGLING_REF", "ref "
						+ e.awaitRef() + " is not an item of this snapshot (it completed without it)", null, since,
						now, bySnapshot));
			}
			else if (from.equals(to)) {
				outcomes.add(waiting.resolved(SnapshotModel.Operation.REJECTED, null, "SELF_LOOP",
						"both ends resolve to CI " + from, identity(e, from, to), since, now, bySnapshot));
			}
			else {
				EdgeWriter.EdgeWrite write = new EdgeWriter.EdgeWrite(e.type(), from, to, e.source(), e.seen(), now,
						e.snapshotId(), false, true);
				writes.add(write);
				edgeOfWrite.add(i);
				// reported by the snapshot that posted it, for that snapshot's withdrawal
				reported.computeIfAbsent(e.snapshotId(), k -> new HashMap<>())
					.computeIfAbsent(e.chunk(), k -> LongStream.builder()).add(write.key());
				outcomeOfEdge.put(i, outcomes.size());
				outcomes.add(waiting.resolved(SnapshotModel.Operation.NO_CHANGE, from, null,
						"completed: the edge already existed", identity(e, from, to), since, now, bySnapshot));
			}
		}
		Set<Integer> created = new HashSet<>();
		long t0 = System.nanoTime();
		edgeWriter.mergeEdgesReporting(writes).forEach(w -> created.add(edgeOfWrite.get(w)));
		if (!writes.isEmpty()) {
			log.debug("{} waiting edges merged in {} ms", writes.size(), (System.nanoTime() - t0) / 1_000_000);
		}
		reported.forEach((snapshot, byChunk) -> {
			if (snapshot != null) {
				Map<Integer, long[]> keys = new HashMap<>();
				byChunk.forEach((seq, b) -> keys.put(seq, b.build().toArray()));
				snapshots.addSettledEdges(snapshot, keys);
			}
		});
		for (Integer idx : created) {
			int at = outcomeOfEdge.get(idx);
			SnapshotModel.Result r = outcomes.get(at);
			outcomes.set(at, new SnapshotModel.Result(r.kind(), r.chunk(), r.index(), null,
					SnapshotModel.Operation.CREATED, r.ciId(), null, "created when its " + cause(edges.get(idx)),
					r.relationship(), r.pendingSince(), r.resolvedAt(), r.resolvedBy()));
		}
		return distribute(edges, outcomes, created, currentSnapshot, currentSeq);
	}

	private Local distribute(List<WaitingEdge> edges, List<SnapshotModel.Result> outcomes, Set<Integer> created,
			String currentSnapshot, int currentSeq) {
		Map<String, List<SnapshotModel.Result>> bySnapshot = new LinkedHashMap<>();
		Map<String, Integer> edgesBySnapshot = new HashMap<>();
		List<SnapshotModel.Result> local = new ArrayList<>();
		int localEdges = 0;
		for (int i = 0; i < edges.size(); i++) {
			String snapshotId = edges.get(i).snapshotId();
			boolean isCreated = created.contains(i);
			SnapshotModel.Result r = outcomes.get(i);
			if (snapshotId == null || r.chunk() < 1) {
				continue; // waited since before results were kept per entry, or posted by a pending record
			}
			if (snapshotId.equals(currentSnapshot) && r.chunk() == currentSeq) {
				local.add(r);
				localEdges += isCreated ? 1 : 0;
			}
			else {
				bySnapshot.computeIfAbsent(snapshotId, k -> new ArrayList<>()).add(r);
				edgesBySnapshot.merge(snapshotId, isCreated ? 1 : 0, Integer::sum);
			}
		}
		bySnapshot.forEach((id, results) -> amendments.amend(id, results, edgesBySnapshot.get(id)));
		return new Local(local, localEdges);
	}

	/** Records that waited for an allowed source: their posting snapshot's result becomes what was applied. */
	void settleItems(List<WaitingRecord> pending, List<SnapshotModel.Result> applied, long now, String bySnapshot) {
		Map<String, List<SnapshotModel.Result>> bySnap = new LinkedHashMap<>();
		for (int i = 0; i < pending.size() && i < applied.size(); i++) {
			WaitingRecord p = pending.get(i);
			if (p.snapshotId() == null || p.chunk() < 1) {
				continue;
			}
			SnapshotModel.Result r = applied.get(i);
			SnapshotModel.Result waiting = new SnapshotModel.Result("item", p.chunk(), p.index(), p.ref(),
					SnapshotModel.Operation.PENDING, null, null, null);
			bySnap.computeIfAbsent(p.snapshotId(), k -> new ArrayList<>()).add(waiting.resolved(
					r.operation(), r.ciId(), r.code(), r.message() != null ? r.message()
							: "applied when an allowed source created the CI",
					null, p.createdAt(), now, bySnapshot));
		}
		bySnap.forEach((id, results) -> amendments.amend(id, results, 0));
	}

	private static SnapshotModel.Result waiting(WaitingEdge e) {
		return new SnapshotModel.Result("relationship", e.chunk(), e.index(), null, SnapshotModel.Operation.PENDING, null,
				null, null);
	}

	private static Map<String, Object> identity(WaitingEdge e, String from, String to) {
		return Map.of("type", e.type(), "from", from, "to", to);
	}

	private static String cause(WaitingEdge e) {
		return e.awaitRef() != null ? "ref " + e.awaitRef() + " arrived in a later chunk"
				: "look-up target " + e.lookup() + " appeared";
	}

}
