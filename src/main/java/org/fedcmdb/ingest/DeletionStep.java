package org.fedcmdb.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.cis.EdgeKeys;
import org.fedcmdb.cis.Withdrawals;

/**
 * A chunk's deletions: in a DELTA snapshot, the source withdraws its assertion of each CI named (by a ref it reported
 * before, or by a look-up); a FULL snapshot carries none (it withdraws what it does not report).
 */
final class DeletionStep {

	private final Withdrawals withdrawals;

	private final EndpointLookups lookups;

	DeletionStep(Withdrawals withdrawals, EndpointLookups lookups) {
		this.withdrawals = withdrawals;
		this.lookups = lookups;
	}

	void apply(ChunkWork w, List<SnapshotModel.Deletion> deletions) {
		if (deletions.isEmpty()) {
			return;
		}
		if (w.ctx.env().mode() != SnapshotModel.Mode.DELTA) {
			for (SnapshotModel.Deletion d : deletions) {
				w.otherResults.add(result(d, SnapshotModel.Operation.REJECTED, null, "DELETIONS_NEED_DELTA",
						"deletions are only read in DELTA snapshots; a FULL snapshot withdraws what it does not report"));
			}
			return;
		}
		List<String> refs = deletions.stream().map(SnapshotModel.Deletion::target).filter(SnapshotModel.Endpoint::isRef)
			.map(SnapshotModel.Endpoint::ref).toList();
		Map<String, String> byRef = withdrawals.ciIdsBySourceRef(w.source(), refs);
		Map<SnapshotModel.Endpoint, String> found = lookups.find(deletions.stream().map(SnapshotModel.Deletion::target)
			.filter(e -> !e.isRef()).toList(), w.source());
		Set<String> ids = new LinkedHashSet<>();
		for (SnapshotModel.Deletion d : deletions) {
			String id = d.target().isRef() ? byRef.get(d.target().ref()) : found.get(d.target());
			if (id == null) {
				w.otherResults.add(result(d, SnapshotModel.Operation.REJECTED, null, "NOT_FOUND",
						"no CI asserted by " + w.source() + " matches " + d.target().describe()));
			}
			else {
				ids.add(id);
				w.otherResults.add(result(d, SnapshotModel.Operation.WITHDRAWN, id, null, null));
			}
		}
		withdrawals.withdraw(w.source(), ids, w.ctx.snapshotId(), EdgeKeys.NONE, "deleted by " + w.source());
	}

	private static SnapshotModel.Result result(SnapshotModel.Deletion d, SnapshotModel.Operation op, String ciId,
			String code, String message) {
		return new SnapshotModel.Result("deletion", 0, d.index(), null, op, ciId, code, message);
	}

}
