package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.cis.EdgeWriter;
import org.fedcmdb.cis.GraphStore;
import org.fedcmdb.cis.MergeService;
import org.fedcmdb.cis.SnapshotRefs;
import org.fedcmdb.cis.Withdrawals;
import org.fedcmdb.identification.Identifier;
import org.fedcmdb.reconciliation.RulesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies one chunk of a snapshot, step by step: resolve look-ups and refs of earlier chunks, then the items in phases
 * (items of dependent classes, a database instance on a host, are identified after their parent: {@link ItemStep}),
 * the relationships ({@link RelationshipPlan}), the deletions ({@link DeletionStep}) and what waited for the CIs the
 * chunk created ({@link PendingStep}). Every change of a CI's stored state goes through {@code org.fedcmdb.cis}.
 */
@Component
class ChunkProcessor {

	private static final Logger log = LoggerFactory.getLogger(ChunkProcessor.class);

	private final GraphStore store;

	private final EdgeWriter edges;

	private final ClassCatalogue catalogue;

	private final PendingStore pending;

	private final EndpointLookups lookups;

	private final ItemStep items;

	private final RelationshipPlan relationships;

	private final DeletionStep deletions;

	private final PendingStep settle;

	private final SnapshotRefs refs;

	private final SnapshotStore snapshots;

	ChunkProcessor(GraphStore store, EdgeWriter edges, ClassCatalogue catalogue, RulesConfig rules, IngestProperties properties,
			MergeService merges, Withdrawals withdrawals, PendingSettlement settlement, PendingStore pending,
			SnapshotRefs refs, SnapshotStore snapshots) {
		this.snapshots = snapshots;
		Identifier identifier = new Identifier(catalogue, properties.maxMerge());
		this.refs = refs;
		this.store = store;
		this.edges = edges;
		this.catalogue = catalogue;
		this.pending = pending;
		this.lookups = new EndpointLookups(store, catalogue, identifier);
		this.items = new ItemStep(store, catalogue, rules, identifier, merges, refs);
		this.relationships = new RelationshipPlan(catalogue);
		this.deletions = new DeletionStep(withdrawals, lookups);
		this.settle = new PendingStep(pending, settlement, catalogue, rules, properties);
	}

	/** Where a chunk belongs. {@code last}: no later chunk will come, so a ref not found now is dangling. */
	record Context(String snapshotId, SnapshotModel.Envelope env, int seq, boolean last) {
	}

	/**
	 * The results of a chunk, counted per operation.
	 *
	 * @param reportedEdges the keys ({@link org.fedcmdb.cis.EdgeKeys}) of every edge the chunk reported, for its
	 * snapshot's withdrawal
	 * @param confirmedLater the unchanged records the chunk did not write, for its snapshot's finish to confirm
	 * ({@link org.fedcmdb.cis.ReportedRefs#pair}s)
	 * @param identityToken the identity epoch's token when the chunk began: they name the CIs of that epoch
	 * @param waitingRefs its edges that wait for a ref of a later chunk, settled at the snapshot's finish
	 */
	record Outcome(List<SnapshotModel.Result> results, Map<SnapshotModel.Operation, Integer> counts, int edgesCreated,
			long[] reportedEdges, List<String> confirmedLater, String identityToken, List<WaitingEdge> waitingRefs) {
	}

	Outcome process(Context ctx, SnapshotModel.Chunk chunk) {
		ChunkWork w = new ChunkWork(ctx, System.currentTimeMillis());
		String identityToken = refs.token();
		keepRejected(w, chunk.rejected());
		Map<String, SnapshotModel.Item> byRef = new LinkedHashMap<>();
		chunk.items().forEach(i -> byRef.put(i.ref(), i));
		Map<String, SnapshotModel.Endpoint> parents = parents(chunk);
		Map<SnapshotModel.Endpoint, String> found = lookups.find(lookupEndpoints(chunk, parents), w.source());
		w.lap("lookups");
		// the resolved refs' map becomes the chunk's (its items' CIs are added to it), not copied into another
		w.refToCi = refs.resolve(ctx.snapshotId(), ctx.env().source(), ctx.env().scope(),
				outsideRefs(w, chunk, byRef, parents), ctx.seq() >= 1 ? ctx.seq() - 1 : Integer.MAX_VALUE,
				() -> snapshots.confirmedLater(ctx.snapshotId(), refs.token()));
		w.lap("refs");
		applyItemsInPhases(w, chunk.items(), byRef, parents, found);
		RelationshipPlan.Planned planned = relationships.plan(w, chunk.relationships(), chunk.slots(), byRef, found,
				edges.asserted(ctx.env().source()));
		// edges waiting for a look-up target wait as nodes (any snapshot may bring it); those waiting for a ref of a
		// later chunk are kept with this chunk's results, for the snapshot's finish
		pending.savePendingEdges(planned.waiting().stream().filter(e -> e.awaitRef() == null).toList());
		List<WaitingEdge> waitingRefs = planned.waiting().stream().filter(e -> e.awaitRef() != null).toList();
		int created = edges.mergeEdges(planned.edges());
		w.lap("edges");
		deletions.apply(w, chunk.deletions());
		created += settle.apply(w, this::process);
		w.lap("pending");
		if (ctx.seq() >= 0) {
			// not for waiting records applied again when what they waited for arrived (seq -1): their snapshot has
			// mostly finished long ago, and a ref not remembered is read from the store as before
			refs.remember(ctx.snapshotId(), ctx.seq(), identityToken, byRef.keySet(), w.refToCi);
		}
		else {
			refs.gap(ctx.snapshotId());
		}
		if (log.isDebugEnabled()) {
			log.debug("chunk {} of {}: {} items, {} relationships, ms {}", ctx.seq(), ctx.snapshotId(), chunk.items().size(),
					chunk.relationships().size(), w.timings);
		}
		List<SnapshotModel.Result> results = new ArrayList<>(w.itemResults.values());
		results.addAll(w.otherResults);
		Map<SnapshotModel.Operation, Integer> counts = new EnumMap<>(SnapshotModel.Operation.class);
		results.forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
		return new Outcome(results.stream().map(r -> r.inChunk(ctx.seq())).toList(), counts, created,
				w.reported.build().toArray(), w.confirmedLater, identityToken, waitingRefs);
	}

	/** Forgets the refs a failed snapshot's chunks applied. */
	void forget(String snapshotId) {
		refs.forget(snapshotId);
	}

	/** Entries the parser refused keep their results; a refused item's ref is known as refused. */
	private static void keepRejected(ChunkWork w, List<SnapshotModel.Result> rejected) {
		for (SnapshotModel.Result r : rejected) {
			if (r.kind().equals("item")) {
				w.itemResults.put(r.index(), r);
				if (r.ref() != null) {
					w.rejectedRefs.add(r.ref());
				}
			}
			else {
				w.otherResults.add(r);
			}
		}
	}

	/**
	 * Items whose scoping parent has a CI are applied, phase after phase, until none is left; an item inside a parent
	 * that is not there, or was refused, or in a cycle of scoping relationships, is refused with the reason.
	 */
	private void applyItemsInPhases(ChunkWork w, List<SnapshotModel.Item> all, Map<String, SnapshotModel.Item> byRef,
			Map<String, SnapshotModel.Endpoint> parents, Map<SnapshotModel.Endpoint, String> found) {
		List<SnapshotModel.Item> remaining = new ArrayList<>(all);
		while (!remaining.isEmpty()) {
			List<SnapshotModel.Item> ready = new ArrayList<>();
			List<SnapshotModel.Item> waiting = new ArrayList<>();
			Map<SnapshotModel.Item, String> scopes = new HashMap<>();
			for (SnapshotModel.Item item : remaining) {
				SnapshotModel.Endpoint parent = parents.get(item.ref());
				String parentId = parent == null ? null : parent.isRef() ? w.refToCi.get(parent.ref()) : found.get(parent);
				if (parent == null || parentId != null) {
					if (parentId != null) {
						scopes.put(item, parentId);
					}
					ready.add(item);
				}
				else if (parent.isRef() && byRef.containsKey(parent.ref()) && !w.refused(parent.ref(), byRef)) {
					waiting.add(item);
				}
				else {
					refuseOrphan(w, item, parent, parent.isRef() && w.refused(parent.ref(), byRef));
				}
			}
			if (ready.isEmpty()) {
				waiting.forEach(item -> w.reject(item, "SCOPE_CYCLE", "the item's scoping relationships form a cycle"));
				return;
			}
			items.apply(w, ready, scopes);
			remaining = waiting;
		}
	}

	/**
	 * Identified inside a parent that is not there: identifying it globally would merge "ssh:22" of every host, so
	 * the record is refused with the reason.
	 */
	private void refuseOrphan(ChunkWork w, SnapshotModel.Item item, SnapshotModel.Endpoint parent, boolean rejectedParent) {
		w.reject(item, rejectedParent ? "PARENT_REJECTED" : "PARENT_NOT_FOUND",
				"the item is identified inside its " + catalogue.get(item.className()).scopedBy() + " target "
						+ parent.describe() + ", which " + (rejectedParent ? "was not accepted"
								: "is not a known CI (send parents before, or with, their dependents)"));
	}

	/**
	 * For each item of a scoped class, the endpoint it is identified inside (first matching relationship); the
	 * relationships' dependents found by slot ({@link RefSlots}), not by ref.
	 */
	private Map<String, SnapshotModel.Endpoint> parents(SnapshotModel.Chunk chunk) {
		Map<String, SnapshotModel.Endpoint> out = new HashMap<>();
		RefSlots slots = chunk.slots();
		boolean[] placed = new boolean[slots.items];
		List<SnapshotModel.Relationship> rels = chunk.relationships();
		for (int j = 0; j < rels.size(); j++) {
			int s = slots.from[j];
			if (s < 0 || s >= slots.items || placed[s]) {
				continue; // a look-up, a ref of another chunk, or an item whose parent is known
			}
			SnapshotModel.Item item = chunk.items().get(s);
			if (catalogue.get(item.className()).scopedBy().contains(rels.get(j).type())) {
				out.put(item.ref(), rels.get(j).to());
				placed[s] = true;
			}
		}
		return out;
	}

	/** Every look-up endpoint of the chunk: scoping parents, relationship ends and deletion targets. */
	private static Set<SnapshotModel.Endpoint> lookupEndpoints(SnapshotModel.Chunk chunk,
			Map<String, SnapshotModel.Endpoint> parents) {
		Set<SnapshotModel.Endpoint> endpoints = new LinkedHashSet<>();
		parents.values().stream().filter(e -> !e.isRef()).forEach(endpoints::add);
		chunk.relationships().forEach(r -> {
			if (!r.from().isRef()) {
				endpoints.add(r.from());
			}
			if (!r.to().isRef()) {
				endpoints.add(r.to());
			}
		});
		chunk.deletions().stream().map(SnapshotModel.Deletion::target).filter(e -> !e.isRef()).forEach(endpoints::add);
		return endpoints;
	}

	/**
	 * Refs this chunk uses that are not its items: items of earlier chunks of the same snapshot. Its relationships'
	 * are the slots after its items' ({@link RefSlots}), those of refused items left out; a scoping parent's ref is
	 * looked for even if an item of this chunk with that ref was refused.
	 */
	private static List<String> outsideRefs(ChunkWork w, SnapshotModel.Chunk chunk,
			Map<String, SnapshotModel.Item> byRef, Map<String, SnapshotModel.Endpoint> parents) {
		RefSlots slots = chunk.slots();
		List<String> outside = new ArrayList<>(slots.refs.length - slots.items);
		for (int s = slots.items; s < slots.refs.length; s++) {
			if (!w.rejectedRefs.contains(slots.refs[s])) {
				outside.add(slots.refs[s]);
			}
		}
		parents.values()
			.stream()
			.filter(e -> e.isRef() && !byRef.containsKey(e.ref()) && w.rejectedRefs.contains(e.ref()))
			.map(SnapshotModel.Endpoint::ref)
			.distinct()
			.forEach(outside::add);
		return outside;
	}

}
