package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.cis.EdgeKeys;
import org.fedcmdb.cis.EdgeWriter.EdgeWrite;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Identity;

/**
 * A chunk's relationship step, without a database: each relationship's ends resolved (refs of this snapshot, look-ups
 * of CIs anyone reported), then an edge to write (unless its source is known to assert it already), an edge that waits
 * (for a ref in a later chunk, or a look-up target that does not exist yet), or a refusal with its reason. Records the
 * key of every edge the chunk reported.
 */
final class RelationshipPlan {

	/** @param edges edges to assert; @param waiting edges to save as waiting for an end */
	record Planned(List<EdgeWrite> edges, List<WaitingEdge> waiting) {
	}

	private final ClassCatalogue catalogue;

	RelationshipPlan(ClassCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	/**
	 * @param slots the chunk's refs numbered, {@code rels}' ends among them
	 * @param asserted the edges the chunk's source is known to assert already: reported, not written
	 * ({@link org.fedcmdb.cis.EdgeWriter#asserted})
	 */
	Planned plan(ChunkWork w, List<SnapshotModel.Relationship> rels, RefSlots slots,
			Map<String, SnapshotModel.Item> byRef, Map<SnapshotModel.Endpoint, String> lookups, LongPredicate asserted) {
		List<EdgeWrite> edges = new ArrayList<>();
		LongHashSet seen = new LongHashSet();
		List<WaitingEdge> waiting = new ArrayList<>();
		if (slots.from.length != rels.size()) {
			throw new IllegalArgumentException("slots of " + slots.from.length + " relationships for " + rels.size());
		}
		String[] ciBySlot = slots.ciBySlot(w.refToCi);
		for (int j = 0; j < rels.size(); j++) {
			SnapshotModel.Relationship r = rels.get(j);
			String from = r.from().isRef() ? ciBySlot[slots.from[j]] : lookups.get(r.from());
			String to = r.to().isRef() ? ciBySlot[slots.to[j]] : lookups.get(r.to());
			String problem = problem(w, r.from(), from, byRef);
			if (problem == null) {
				problem = problem(w, r.to(), to, byRef);
			}
			if (problem != null) {
				refuse(w, r, "DANGLING_REF", problem);
			}
			else if (from == null || to == null) {
				planWaiting(w, r, from, to, waiting);
			}
			else if (from.equals(to)) {
				refuse(w, r, "SELF_LOOP", "both ends resolve to CI " + from);
			}
			else {
				long key = EdgeKeys.key(r.type(), from, to);
				w.reported.add(key);
				// duplicates by their 64-bit key, as the asserted-edge sets already tell edges apart
				if (!asserted.test(key) && seen.add(key)) {
					// a CI created by this chunk has no edges yet: its edges are created, not merged
					edges.add(new EdgeWrite(r.type(), from, to, w.source(), w.collectedAt(), w.now, w.ctx.snapshotId(),
							w.createdIds.contains(from) || w.createdIds.contains(to), !w.createdIds.contains(from), key));
				}
			}
		}
		return new Planned(edges, waiting);
	}

	private void planWaiting(ChunkWork w, SnapshotModel.Relationship r, String from, String to,
			List<WaitingEdge> waiting) {
		SnapshotModel.Endpoint missing = from == null ? r.from() : r.to();
		boolean awaitRef = missing.isRef();
		if (awaitRef && w.ctx.last()) {
			refuse(w, r, "DANGLING_REF", "ref " + missing.ref() + " is not an item of this snapshot");
			return;
		}
		waiting.add(pendingEdge(w, r, from, to, missing));
		w.otherResults.add(SnapshotModel.Result.rel(r.index(), SnapshotModel.Operation.PENDING,
				awaitRef ? "AWAITING_REF" : "LOOKUP_NOT_FOUND",
				(awaitRef ? "waiting for ref " + missing.ref() + " in a later chunk"
						: "no CI matches " + missing.describe() + " yet; the edge is kept and completed when it appears"))
			.pendingSince(w.now));
	}

	private static void refuse(ChunkWork w, SnapshotModel.Relationship r, String code, String message) {
		w.otherResults.add(SnapshotModel.Result.rel(r.index(), SnapshotModel.Operation.REJECTED, code, message));
	}

	private WaitingEdge pendingEdge(ChunkWork w, SnapshotModel.Relationship r, String from, String to,
			SnapshotModel.Endpoint missing) {
		String pkey = w.source() + "|" + r.type() + "|" + (from == null ? "?" + describe(r.from()) : from) + "|"
				+ (to == null ? "?" + describe(r.to()) : to) + (missing.isRef() ? "|" + w.ctx.snapshotId() : "");
		List<String> keys = missing.isRef() ? List.of()
				: Identity.of(catalogue, missing.className(), missing.identifiers(), null).allKeys();
		return new WaitingEdge(pkey, w.source(), r.type(), from, to, w.ctx.snapshotId(), w.collectedAt(), w.now,
				w.ctx.seq(), r.index(), missing.isRef() ? missing.ref() : null,
				missing.isRef() ? null : missing.className() + " " + Json.write(missing.identifiers()), keys);
	}

	private static String describe(SnapshotModel.Endpoint e) {
		return e.isRef() ? "ref:" + e.ref() : e.className() + ":" + Json.write(new TreeMap<>(e.identifiers()));
	}

	/** Why an end that is an item of this chunk has no CI (it was refused or waits), or null. */
	private static String problem(ChunkWork w, SnapshotModel.Endpoint e, String id, Map<String, SnapshotModel.Item> byRef) {
		if (e.isRef() && id == null && (w.rejectedRefs.contains(e.ref()) || byRef.containsKey(e.ref()))) {
			SnapshotModel.Result r = byRef.containsKey(e.ref()) ? w.itemResults.get(byRef.get(e.ref()).index()) : null;
			String why = r == null ? "was rejected" : "is " + r.operation() + (r.code() == null ? "" : " (" + r.code() + ")");
			return "endpoint ref " + e.ref() + " " + why;
		}
		return null;
	}

}
