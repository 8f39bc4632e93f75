package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.cis.CiState;
import org.fedcmdb.cis.GraphStore;
import org.fedcmdb.cis.MergeService;
import org.fedcmdb.cis.SnapshotRefs;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Identifier;
import org.fedcmdb.identification.Identity;
import org.fedcmdb.reconciliation.RulesConfig;

/**
 * A chunk's item step for one phase of items: identify ({@link ItemDecisions}), carry out the merges identification
 * proved, then apply the records to their CIs and commit them ({@link GraphStore#commit}). Records that proved several
 * CIs to be one are applied in a second pass, to the survivor.
 */
final class ItemStep {

	/** Refs read before the bound records' read gives up when none is bound (a first ingest's chunk). */
	private static final int BOUND_PROBE = 64;

	private final GraphStore store;

	private final ClassCatalogue catalogue;

	private final RulesConfig rules;

	private final Identifier identifier;

	private final MergeService merges;

	private final SnapshotRefs refs;

	ItemStep(GraphStore store, ClassCatalogue catalogue, RulesConfig rules, Identifier identifier, MergeService merges,
			SnapshotRefs refs) {
		this.refs = refs;
		this.store = store;
		this.catalogue = catalogue;
		this.rules = rules;
		this.identifier = identifier;
		this.merges = merges;
	}

	/** Applies the items of one phase; {@code scopes}: the CI each scoped item is identified inside. */
	void apply(ChunkWork w, List<SnapshotModel.Item> items, Map<SnapshotModel.Item, String> scopes) {
		List<SnapshotModel.Item> setAside = applyItems(w, items, scopes, true);
		if (!setAside.isEmpty()) {
			applyItems(w, setAside, scopes, false);
		}
	}

	/** Identifies and applies {@code items}; returns those set aside for the second pass, after their merges. */
	private List<SnapshotModel.Item> applyItems(ChunkWork w, List<SnapshotModel.Item> items,
			Map<SnapshotModel.Item, String> scopes, boolean allowMerge) {
		Map<SnapshotModel.Item, Identity> identities = identities(items, scopes);
		w.lap("identify");
		String source = w.source();
		Map<SnapshotModel.Item, GraphStore.CandidateRow> bound = allowMerge ? bound(w, identities) : Map.of();
		w.lap("bound");
		List<GraphStore.CandidateRow> stored = store.lookup(keysOf(identities, bound), source);
		w.lap("lookup");
		ItemDecisions.Plan plan = ItemDecisions.decide(identifier, identities, bound, stored,
				new ItemDecisions.ChunkMemory(w.chunkKeys, w.chunkCandidates), allowMerge,
				cls -> rules.mayInsert(source, cls, catalogue::isA), w.collectedAt());
		plan.multiMatch().forEach((item, message) -> w.reject(item, "MULTI_MATCH", message));
		List<GraphStore.WaitingRow> waitingRows = waitingRecords(w, plan.waiting(), identities);
		// Merge first (own transactions), then apply the set-aside records to the survivors in a second pass.
		plan.mergePlan().forEach((survivor, merged) -> merges.merge(survivor, new ArrayList<>(new LinkedHashSet<>(merged)),
				source, w.ctx.snapshotId(), "identification: one record matched several CIs"));
		// Unchanged re-sends: only times move; nothing is loaded.
		ItemDecisions.Touches touches = ItemDecisions.touches(plan, w.chunkCandidates, w.ctx.env().scope(),
				w.ctx.env().mode() == SnapshotModel.Mode.FULL && w.ctx.seq() >= 0);
		if (!touches.confirmedLater().isEmpty()
				&& !refs.leaveUnwritten(w.ctx.snapshotId(), touches.confirmedLater().size())) {
			touches = new ItemDecisions.Touches(touches.unchanged(), touches.toLoad(), java.util.Set.of());
		}
		List<GraphStore.Touch> touched = touch(w, touches);
		w.lap("decide");
		Map<String, CiState> states = new LinkedHashMap<>(store.load(touches.toLoad()));
		states.putAll(plan.created());
		w.lap("load");
		assertRecords(w, plan.target(), touches.unchanged(), states, identities);
		w.createdIds.addAll(plan.created().keySet());
		GraphStore.Committed committed = store.commit(new GraphStore.Origin(source, w.ctx.snapshotId(),
				w.ctx.env().scope(), w.collectedAt(), w.now), states.values(), touched, waitingRows);
		w.addedKeys.addAll(committed.addedKeys());
		w.lap("write");
		record(w, plan, committed, allowMerge);
		return plan.setAside();
	}

	private Map<SnapshotModel.Item, Identity> identities(List<SnapshotModel.Item> items,
			Map<SnapshotModel.Item, String> scopes) {
		Map<SnapshotModel.Item, Identity> identities = new LinkedHashMap<>();
		for (SnapshotModel.Item item : items) {
			identities.put(item, item.identity() != null ? item.identity()
					: Identity.of(catalogue, item.className(), item.identifiers(), scopes.get(item)));
		}
		return identities;
	}

	/** The identity keys of the records that are not bound: those identification decides. */
	private static Set<String> keysOf(Map<SnapshotModel.Item, Identity> identities,
			Map<SnapshotModel.Item, GraphStore.CandidateRow> bound) {
		Set<String> keys = new LinkedHashSet<>();
		identities.forEach((item, identity) -> {
			if (!bound.containsKey(item)) {
				keys.addAll(identity.allKeys());
			}
		});
		return keys;
	}

	/**
	 * The records still bound to the CI their source's live assertion in the snapshot's scope is on
	 * ({@link ItemDecisions#stillBound}): an unchanged re-send's records are not identified again.
	 */
	private Map<SnapshotModel.Item, GraphStore.CandidateRow> bound(ChunkWork w,
			Map<SnapshotModel.Item, Identity> identities) {
		List<String> refs = new ArrayList<>(identities.size());
		identities.keySet().forEach(item -> refs.add(item.ref()));
		Map<String, GraphStore.CandidateRow> rows = store.bound(w.source(), w.ctx.env().scope(), refs, BOUND_PROBE);
		Map<SnapshotModel.Item, GraphStore.CandidateRow> bound = new LinkedHashMap<>();
		identities.forEach((item, identity) -> {
			GraphStore.CandidateRow row = rows.get(item.ref());
			if (ItemDecisions.stillBound(item, identity, row)) {
				bound.put(item, row);
			}
		});
		return bound;
	}

	/**
	 * Unchanged records: NO_CHANGE, their assertions touched, but those the snapshot's finish confirms, which are only
	 * kept in the chunk's results ({@link ChunkWork#confirmedLater}).
	 */
	private static List<GraphStore.Touch> touch(ChunkWork w, ItemDecisions.Touches touches) {
		List<GraphStore.Touch> touched = new ArrayList<>();
		touches.unchanged().forEach((ciId, item) -> {
			if (touches.confirmedLater().contains(ciId)) {
				w.confirmedLater.add(org.fedcmdb.cis.ReportedRefs.pair(ciId, item.ref()));
			}
			else {
				touched.add(new GraphStore.Touch(ciId, item.ref()));
			}
			w.refToCi.put(item.ref(), ciId);
			w.itemResults.put(item.index(),
					SnapshotModel.Result.item(item.index(), item.ref(), SnapshotModel.Operation.NO_CHANGE, ciId));
		});
		return touched;
	}

	private static void assertRecords(ChunkWork w, Map<SnapshotModel.Item, String> target,
			Map<String, SnapshotModel.Item> unchanged, Map<String, CiState> states,
			Map<SnapshotModel.Item, Identity> identities) {
		for (var e : target.entrySet()) {
			SnapshotModel.Item item = e.getKey();
			if (unchanged.get(e.getValue()) == item) {
				continue;
			}
			CiState state = states.get(e.getValue());
			if (state == null) {
				w.reject(item, "CONCURRENT_CHANGE", "CI " + e.getValue() + " disappeared while processing; re-send");
				continue;
			}
			Identity identity = identities.get(item);
			state.assertRecord(new CiState.Record(w.source(), w.ctx.snapshotId(), w.ctx.env().scope(), w.collectedAt(),
					item.ref(), item.hash(), item.attributes(), identity.identifiers(), identity.scope()));
		}
	}

	/** Each applied record's result: INSERT, UPDATE, NO_CHANGE, or MERGED in the second pass. */
	private static void record(ChunkWork w, ItemDecisions.Plan plan, GraphStore.Committed committed, boolean allowMerge) {
		for (var e : plan.target().entrySet()) {
			SnapshotModel.Item item = e.getKey();
			if (w.itemResults.containsKey(item.index())) {
				continue;
			}
			String ciId = e.getValue();
			SnapshotModel.Operation op;
			if (plan.created().containsKey(ciId)) {
				op = SnapshotModel.Operation.INSERT;
			}
			else if (!allowMerge) {
				op = SnapshotModel.Operation.MERGED;
			}
			else {
				op = committed.changes().getOrDefault(ciId, List.of()).isEmpty() ? SnapshotModel.Operation.NO_CHANGE
						: SnapshotModel.Operation.UPDATE;
			}
			w.refToCi.put(item.ref(), ciId);
			w.itemResults.put(item.index(), SnapshotModel.Result.item(item.index(), item.ref(), op, ciId));
		}
	}

	/** Records whose new CI their source may not create: PENDING, saved to wait for an allowed source. */
	private static List<GraphStore.WaitingRow> waitingRecords(ChunkWork w, List<SnapshotModel.Item> waiting,
			Map<SnapshotModel.Item, Identity> identities) {
		List<GraphStore.WaitingRow> rows = new ArrayList<>();
		for (SnapshotModel.Item item : waiting) {
			w.itemResults.put(item.index(), new SnapshotModel.Result("item", 0, item.index(), item.ref(),
					SnapshotModel.Operation.PENDING, null, "INSERT_NOT_ALLOWED_FOR_SOURCE", "source " + w.source()
							+ " may not create " + item.className()
							+ " CIs; the record waits until an allowed source reports the CI").pendingSince(w.now));
			rows.add(waitingRecord(w, item, identities.get(item)).row());
		}
		return rows;
	}

	private static WaitingRecord waitingRecord(ChunkWork w, SnapshotModel.Item item, Identity identity) {
		String json = Json.write(Map.of("ref", item.ref(), "class", item.className(), "identifiers", item.identifiers(),
				"attributes", item.attributes()));
		return new WaitingRecord(w.source() + "|" + identity.allKeys().get(0), w.source(), w.ctx.env().scope(),
				w.ctx.snapshotId(), w.collectedAt(), item.className(), item.ref(), w.ctx.seq(), item.index(), json, w.now,
				identity.allKeys());
	}

}
