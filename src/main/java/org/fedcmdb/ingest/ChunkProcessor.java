package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.fedcmdb.catalogue.CiClass;
import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Candidate;
import org.fedcmdb.identification.Decision;
import org.fedcmdb.identification.Identifier;
import org.fedcmdb.identification.Identity;
import org.fedcmdb.reconciliation.Observation;
import org.fedcmdb.reconciliation.Reconciler;
import org.fedcmdb.reconciliation.RulesConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies one chunk of a snapshot: identification, reconciliation and batched writes. Items of dependent classes
 * (a database instance on a host) are identified after their parent, in phases. Records that several existing CIs
 * match are set aside, the CIs merged, and the records applied to the survivor afterwards, so a merge never races
 * with the batch's in-memory state.
 */
@Component
class ChunkProcessor {

	private static final Logger log = LoggerFactory.getLogger(ChunkProcessor.class);

	/** Pending edges completed per transaction. */
	static final int PENDING_BATCH = 5_000;

	private final GraphStore store;

	private final ClassCatalogue catalogue;

	private final RulesConfig rules;

	private final Reconciler reconciler;

	private final Identifier identifier;

	private final MergeService merges;

	private final Withdrawals withdrawals;

	private final RowsHelper rows;

	private final PendingSettlement settlement;

	ChunkProcessor(GraphStore store, ClassCatalogue catalogue, RulesConfig rules, Reconciler reconciler,
			IngestProperties properties, MergeService merges, Withdrawals withdrawals, PendingSettlement settlement) {
		this.settlement = settlement;
		this.store = store;
		this.catalogue = catalogue;
		this.rules = rules;
		this.reconciler = reconciler;
		this.identifier = new Identifier(catalogue, properties.maxMerge());
		this.merges = merges;
		this.withdrawals = withdrawals;
		this.rows = new RowsHelper(catalogue);
	}

	/** Where a chunk belongs. {@code last}: no later chunk will come, so a ref not found now is dangling. */
	record Context(String snapshotId, SnapshotModel.Envelope env, int seq, boolean last) {
	}

	/** The results of a chunk, counted per operation. */
	/** @param reportedEdges the keys ({@link EdgeKeys}) of every edge the chunk reported, for its snapshot's withdrawal */
	record Outcome(List<SnapshotModel.Result> results, Map<SnapshotModel.Operation, Integer> counts, int edgesCreated,
			long[] reportedEdges) {
	}

	/** Per-chunk working memory. */
	private final class Work {

		final Context ctx;

		final long now = System.currentTimeMillis();

		final Map<String, String> refToCi = new HashMap<>();

		final Set<String> rejectedRefs = new HashSet<>();

		final Map<Integer, SnapshotModel.Result> itemResults = new TreeMap<>();

		final List<SnapshotModel.Result> otherResults = new ArrayList<>();

		/** Identity keys of CIs created in this chunk, not yet visible to a look-up in the database. */
		final Map<String, String> chunkKeys = new HashMap<>();

		final Map<String, Candidate> chunkCandidates = new HashMap<>();

		final Set<String> addedKeys = new LinkedHashSet<>();

		/** CIs this chunk created. */
		final Set<String> createdIds = new HashSet<>();

		/** Keys of the edges this chunk reported (created, already there, or completed from waiting). */
		final java.util.stream.LongStream.Builder reported = java.util.stream.LongStream.builder();

		/** Milliseconds per step, logged at DEBUG: where a slow chunk spends its time. */
		final Map<String, Long> timings = new LinkedHashMap<>();

		long mark = System.nanoTime();

		void lap(String step) {
			long now = System.nanoTime();
			timings.merge(step, (now - mark) / 1_000_000, Long::sum);
			mark = now;
		}

		Work(Context ctx) {
			this.ctx = ctx;
		}

		String source() {
			return ctx.env().source();
		}

		long collectedAt() {
			return ctx.env().collectedAt();
		}

	}

	Outcome process(Context ctx, SnapshotModel.Chunk chunk) {
		Work w = new Work(ctx);
		for (SnapshotModel.Result r : chunk.rejected()) {
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
		Map<String, SnapshotModel.Item> byRef = new LinkedHashMap<>();
		chunk.items().forEach(i -> byRef.put(i.ref(), i));
		Map<String, SnapshotModel.Endpoint> parents = parents(chunk, byRef);
		Map<SnapshotModel.Endpoint, String> lookups = resolveLookups(w, chunk, parents);
		w.lap("lookups");
		Set<String> outsideRefs = new HashSet<>();
		parents.values().stream().filter(e -> e.isRef() && !byRef.containsKey(e.ref())).forEach(e -> outsideRefs.add(e.ref()));
		chunk.relationships().forEach(r -> {
			for (SnapshotModel.Endpoint e : List.of(r.from(), r.to())) {
				if (e.isRef() && !byRef.containsKey(e.ref()) && !w.rejectedRefs.contains(e.ref())) {
					outsideRefs.add(e.ref());
				}
			}
		});
		w.refToCi.putAll(store.resolveRefs(ctx.snapshotId(), ctx.env().source(), outsideRefs));
		w.lap("refs");

		List<SnapshotModel.Item> remaining = new ArrayList<>(chunk.items());
		while (!remaining.isEmpty()) {
			List<SnapshotModel.Item> ready = new ArrayList<>();
			List<SnapshotModel.Item> waiting = new ArrayList<>();
			Map<SnapshotModel.Item, String> scopes = new HashMap<>();
			for (SnapshotModel.Item item : remaining) {
				SnapshotModel.Endpoint parent = parents.get(item.ref());
				if (parent == null) {
					ready.add(item);
					continue;
				}
				String parentId = parent.isRef() ? w.refToCi.get(parent.ref()) : lookups.get(parent);
				if (parentId != null) {
					scopes.put(item, parentId);
					ready.add(item);
				}
				else if (parent.isRef() && byRef.containsKey(parent.ref()) && !w.rejectedRefs.contains(parent.ref())
						&& !w.itemResults.containsKey(byRef.get(parent.ref()).index())) {
					waiting.add(item);
				}
				else {
					// Identified inside a parent that is not there: identifying it globally would merge "ssh:22" of
					// every host, so the record is refused with the reason.
					boolean rejectedParent = parent.isRef() && (w.rejectedRefs.contains(parent.ref())
							|| (byRef.containsKey(parent.ref()) && w.itemResults.containsKey(byRef.get(parent.ref()).index())));
					reject(w, item, rejectedParent ? "PARENT_REJECTED" : "PARENT_NOT_FOUND",
							"the item is identified inside its " + catalogue.get(item.className()).scopedBy() + " target "
									+ parent.describe() + ", which " + (rejectedParent ? "was not accepted"
											: "is not a known CI (send parents before, or with, their dependents)"));
				}
			}
			if (ready.isEmpty()) {
				for (SnapshotModel.Item item : waiting) {
					reject(w, item, "SCOPE_CYCLE", "the item's scoping relationships form a cycle");
				}
				break;
			}
			processPhase(w, ready, scopes);
			remaining = waiting;
		}
		int created = processRelationships(w, chunk.relationships(), byRef, lookups);
		w.lap("edges");
		processDeletions(w, chunk.deletions());
		created += resolvePending(w);
		w.lap("pending");
		if (log.isDebugEnabled()) {
			log.debug("chunk {} of {}: {} items, {} relationships, ms {}", ctx.seq(), ctx.snapshotId(), chunk.items().size(),
					chunk.relationships().size(), w.timings);
		}

		List<SnapshotModel.Result> results = new ArrayList<>(w.itemResults.values());
		results.addAll(w.otherResults);
		Map<SnapshotModel.Operation, Integer> counts = new EnumMap<>(SnapshotModel.Operation.class);
		results.forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
		return new Outcome(results.stream().map(r -> r.inChunk(ctx.seq())).toList(), counts, created,
				w.reported.build().toArray());
	}

	/** For each item of a scoped class, the endpoint it is identified inside (first matching relationship). */
	private Map<String, SnapshotModel.Endpoint> parents(SnapshotModel.Chunk chunk, Map<String, SnapshotModel.Item> byRef) {
		Map<String, SnapshotModel.Endpoint> out = new HashMap<>();
		for (SnapshotModel.Relationship r : chunk.relationships()) {
			if (!r.from().isRef() || out.containsKey(r.from().ref())) {
				continue;
			}
			SnapshotModel.Item item = byRef.get(r.from().ref());
			if (item != null && catalogue.get(item.className()).scopedBy().contains(r.type())) {
				out.put(item.ref(), r.to());
			}
		}
		return out;
	}

	private Map<SnapshotModel.Endpoint, String> resolveLookups(Work w, SnapshotModel.Chunk chunk,
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
		return lookupAll(endpoints, w.source());
	}

	Map<SnapshotModel.Endpoint, String> lookupAll(Collection<SnapshotModel.Endpoint> endpoints, String source) {
		Map<SnapshotModel.Endpoint, String> out = new HashMap<>();
		if (endpoints.isEmpty()) {
			return out;
		}
		Map<SnapshotModel.Endpoint, Identity> identities = new HashMap<>();
		Set<String> keys = new LinkedHashSet<>();
		for (SnapshotModel.Endpoint e : endpoints) {
			Identity id = Identity.of(catalogue, e.className(), e.identifiers(), null);
			identities.put(e, id);
			keys.addAll(id.allKeys());
		}
		Map<String, Set<String>> keyMatches = new HashMap<>();
		Map<String, Candidate> candidates = new HashMap<>();
		for (GraphStore.CandidateRow row : store.lookup(keys, source)) {
			keyMatches.computeIfAbsent(row.key(), k -> new LinkedHashSet<>()).add(row.id());
			candidates.putIfAbsent(row.id(), ItemDecisions.candidate(row));
		}
		for (var e : identities.entrySet()) {
			Decision d = identifier.decide(e.getValue(), keyMatches, candidates, Set.of());
			if (d.kind() == Decision.Kind.MATCH || d.kind() == Decision.Kind.MERGE) {
				out.put(e.getKey(), d.ciId());
			}
		}
		return out;
	}

	private void reject(Work w, SnapshotModel.Item item, String code, String message) {
		w.itemResults.put(item.index(), SnapshotModel.Result.rejectItem(item.index(), item.ref(), code, message));
		w.rejectedRefs.add(item.ref());
	}

	// ---------------------------------------------------------------------------------------------- items

	private void processPhase(Work w, List<SnapshotModel.Item> items, Map<SnapshotModel.Item, String> scopes) {
		List<SnapshotModel.Item> setAside = applyItems(w, items, scopes, true);
		if (!setAside.isEmpty()) {
			applyItems(w, setAside, scopes, false);
		}
	}

	/**
	 * Identifies and applies {@code items}; returns the items whose records proved several CIs to be one, after
	 * merging those CIs (they are applied in a second pass).
	 */
	private List<SnapshotModel.Item> applyItems(Work w, List<SnapshotModel.Item> items,
			Map<SnapshotModel.Item, String> scopes, boolean allowMerge) {
		String source = w.source();
		Map<SnapshotModel.Item, Identity> identities = new LinkedHashMap<>();
		Set<String> keys = new LinkedHashSet<>();
		for (SnapshotModel.Item item : items) {
			Identity identity = Identity.of(catalogue, item.className(), item.identifiers(), scopes.get(item));
			identities.put(item, identity);
			keys.addAll(identity.allKeys());
		}
		w.lap("identify");
		ItemDecisions.Plan plan = ItemDecisions.decide(identifier, identities, store.lookup(keys, source),
				new ItemDecisions.ChunkMemory(w.chunkKeys, w.chunkCandidates), allowMerge,
				cls -> rules.mayInsert(source, cls, catalogue::isA), w.collectedAt());
		plan.multiMatch().forEach((item, message) -> reject(w, item, "MULTI_MATCH", message));
		List<Map<String, Object>> pendingRows = new ArrayList<>();
		for (SnapshotModel.Item item : plan.waiting()) {
			w.itemResults.put(item.index(), new SnapshotModel.Result("item", 0, item.index(), item.ref(),
					SnapshotModel.Operation.PENDING, null, "INSERT_NOT_ALLOWED_FOR_SOURCE", "source " + source
							+ " may not create " + item.className()
							+ " CIs; the record waits until an allowed source reports the CI").pendingSince(w.now));
			pendingRows.add(pendingRow(w, item, identities.get(item)));
		}
		Map<SnapshotModel.Item, String> target = plan.target();
		Map<String, CiState> created = plan.created();
		// Merge first (own transactions), then apply the set-aside records to the survivors in a second pass.
		plan.mergePlan().forEach((survivor, merged) -> merges.merge(survivor, new ArrayList<>(new LinkedHashSet<>(merged)),
				source, w.ctx.snapshotId(), "identification: one record matched several CIs"));

		// Unchanged re-sends: only times move; nothing is loaded.
		GraphStore.Batch batch = new GraphStore.Batch();
		ItemDecisions.Touches touches = ItemDecisions.touches(plan, w.chunkCandidates);
		Map<String, SnapshotModel.Item> fastPath = touches.unchanged();
		Set<String> toLoad = touches.toLoad();
		for (var e : fastPath.entrySet()) {
			SnapshotModel.Item item = e.getValue();
			Map<String, Object> row = new HashMap<>();
			row.put("key", e.getKey() + "|" + source);
			row.put("ciId", e.getKey());
			row.put("seen", w.collectedAt());
			row.put("snapshotId", w.ctx.snapshotId());
			row.put("ref", item.ref());
			row.put("scope", w.ctx.env().scope());
			batch.touched.add(row);
			w.refToCi.put(item.ref(), e.getKey());
			w.itemResults.put(item.index(),
					SnapshotModel.Result.item(item.index(), item.ref(), SnapshotModel.Operation.NO_CHANGE, e.getKey()));
		}
		w.lap("lookup+decide");
		Map<String, CiState> states = new LinkedHashMap<>(store.load(toLoad));
		states.putAll(created);
		w.lap("load");
		for (var e : target.entrySet()) {
			SnapshotModel.Item item = e.getKey();
			if (fastPath.containsKey(e.getValue()) && fastPath.get(e.getValue()) == item) {
				continue;
			}
			CiState state = states.get(e.getValue());
			if (state == null) {
				reject(w, item, "CONCURRENT_CHANGE", "CI " + e.getValue() + " disappeared while processing; re-send");
				continue;
			}
			apply(w, state, item, identities.get(item));
		}
		Map<String, List<CiState.Change>> changes = new HashMap<>();
		for (CiState state : states.values()) {
			if (state.dirty) {
				changes.put(state.id, state.recompute(catalogue, reconciler, w.now));
				addRows(w, batch, state, changes.get(state.id));
			}
		}
		batch.pendingItems.addAll(pendingRows);
		w.createdIds.addAll(created.keySet());
		w.lap("reconcile");
		store.write(batch);
		w.lap("write");
		for (var e : target.entrySet()) {
			SnapshotModel.Item item = e.getKey();
			if (w.itemResults.containsKey(item.index())) {
				continue;
			}
			String ciId = e.getValue();
			SnapshotModel.Operation op;
			if (created.containsKey(ciId)) {
				op = SnapshotModel.Operation.INSERT;
			}
			else if (!allowMerge) {
				op = SnapshotModel.Operation.MERGED;
			}
			else {
				List<CiState.Change> c = changes.getOrDefault(ciId, List.of());
				op = c.isEmpty() ? SnapshotModel.Operation.NO_CHANGE : SnapshotModel.Operation.UPDATE;
			}
			w.refToCi.put(item.ref(), ciId);
			w.itemResults.put(item.index(), SnapshotModel.Result.item(item.index(), item.ref(), op, ciId));
		}
		return plan.setAside();
	}

	private Map<String, Object> pendingRow(Work w, SnapshotModel.Item item, Identity identity) {
		Map<String, Object> props = new HashMap<>();
		props.put("source", w.source());
		props.put("scope", w.ctx.env().scope());
		props.put("snapshotId", w.ctx.snapshotId());
		props.put("collectedAt", w.collectedAt());
		props.put("className", item.className());
		props.put("ref", item.ref());
		props.put("chunk", w.ctx.seq());
		props.put("index", item.index());
		props.put("item", Json.write(Map.of("ref", item.ref(), "class", item.className(), "identifiers",
				item.identifiers(), "attributes", item.attributes())));
		props.put("createdAt", w.now);
		String pkey = w.source() + "|" + identity.allKeys().get(0);
		props.put("pkey", pkey);
		return Map.of("pkey", pkey, "props", props, "keys", identity.allKeys());
	}

	/** Applies a record to this source's assertion of the CI; an older record never overwrites newer values. */
	private void apply(Work w, CiState state, SnapshotModel.Item item, Identity identity) {
		String source = w.source();
		long at = w.collectedAt();
		CiState.AssertionState a = state.assertions.get(source);
		if (a == null) {
			a = new CiState.AssertionState(source, true);
			a.firstSeen = at;
			state.assertions.put(source, a);
		}
		else if (a.withdrawn()) {
			state.notes.add(new CiState.Change("ASSERTION_REVIVED", "source", null, source, "reported again by snapshot "
					+ w.ctx.snapshotId() + " after its withdrawal at " + java.time.Instant.ofEpochMilli(a.withdrawnAt)));
			a.withdrawnAt = 0;
		}
		boolean newer = at >= a.seen;
		for (var attr : item.attributes().entrySet()) {
			Observation old = a.values.get(attr.getKey());
			if (old == null || at >= old.observedAt()) {
				a.values.put(attr.getKey(), new Observation(attr.getValue(), at));
			}
		}
		if (newer) {
			a.identifiers = new TreeMap<>(identity.identifiers());
			a.hash = item.hash();
			a.scope = w.ctx.env().scope();
			a.seen = at;
		}
		a.firstSeen = Math.min(a.firstSeen == 0 ? at : a.firstSeen, at);
		a.snapshotId = w.ctx.snapshotId();
		a.ref = item.ref();
		a.changed = true;
		if (state.isNew && !identity.scope().equals(Identity.GLOBAL)) {
			state.scope = identity.scope();
		}
		state.dirty = true;
	}

	private void addRows(Work w, GraphStore.Batch batch, CiState state, List<CiState.Change> changes) {
		Set<String> added = rows.addRows(batch, state, changes, w.source(), w.ctx.snapshotId(), w.now);
		w.addedKeys.addAll(added);
	}

	// -------------------------------------------------------------------------------------- relationships

	private int processRelationships(Work w, List<SnapshotModel.Relationship> rels,
			Map<String, SnapshotModel.Item> byRef, Map<SnapshotModel.Endpoint, String> lookups) {
		Map<String, List<Map<String, Object>>> byType = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		List<Map<String, Object>> pending = new ArrayList<>();
		for (SnapshotModel.Relationship r : rels) {
			String from = endpointId(w, r.from(), lookups);
			String to = endpointId(w, r.to(), lookups);
			String problem = problem(w, r.from(), from, byRef);
			if (problem == null) {
				problem = problem(w, r.to(), to, byRef);
			}
			if (problem != null) {
				w.otherResults.add(SnapshotModel.Result.rel(r.index(), SnapshotModel.Operation.REJECTED, "DANGLING_REF",
						problem));
				continue;
			}
			if (from == null || to == null) {
				SnapshotModel.Endpoint missing = from == null ? r.from() : r.to();
				boolean awaitRef = missing.isRef();
				if (awaitRef && w.ctx.last()) {
					w.otherResults.add(SnapshotModel.Result.rel(r.index(), SnapshotModel.Operation.REJECTED,
							"DANGLING_REF", "ref " + missing.ref() + " is not an item of this snapshot"));
					continue;
				}
				pending.add(pendingEdge(w, r, from, to, missing));
				w.otherResults.add(SnapshotModel.Result.rel(r.index(), SnapshotModel.Operation.PENDING,
						awaitRef ? "AWAITING_REF" : "LOOKUP_NOT_FOUND",
						(awaitRef ? "waiting for ref " + missing.ref() + " in a later chunk"
								: "no CI matches " + missing.describe() + " yet; the edge is kept and completed when it appears"))
					.pendingSince(w.now));
				continue;
			}
			if (from.equals(to)) {
				w.otherResults.add(SnapshotModel.Result.rel(r.index(), SnapshotModel.Operation.REJECTED, "SELF_LOOP",
						"both ends resolve to CI " + from));
				continue;
			}
			w.reported.add(EdgeKeys.key(r.type(), from, to));
			if (seen.add(r.type() + "|" + from + "|" + to)) {
				Map<String, Object> row = edgeRow(from, to, w.source(), w.collectedAt(), w.now, w.ctx.snapshotId());
				// a CI created by this chunk has no edges yet: its edges are created, not merged
				row.put("fresh", w.createdIds.contains(from) || w.createdIds.contains(to));
				row.put("history", !w.createdIds.contains(from));
				byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(row);
			}
		}
		store.savePendingEdges(pending);
		return store.mergeEdges(byType);
	}

	static Map<String, Object> edgeRow(String from, String to, String source, long seen, long now, String snapshotId) {
		Map<String, Object> row = new HashMap<>();
		row.put("from", from);
		row.put("to", to);
		row.put("source", source);
		row.put("seen", seen);
		row.put("now", now);
		row.put("snapshotId", snapshotId);
		return row;
	}

	private Map<String, Object> pendingEdge(Work w, SnapshotModel.Relationship r, String from, String to,
			SnapshotModel.Endpoint missing) {
		Map<String, Object> props = new HashMap<>();
		props.put("source", w.source());
		props.put("type", r.type());
		props.put("fromId", from);
		props.put("toId", to);
		props.put("snapshotId", w.ctx.snapshotId());
		props.put("seen", w.collectedAt());
		props.put("createdAt", w.now);
		props.put("index", r.index());
		props.put("chunk", w.ctx.seq());
		List<String> keys = List.of();
		if (missing.isRef()) {
			props.put("awaitRef", missing.ref());
		}
		else {
			keys = Identity.of(catalogue, missing.className(), missing.identifiers(), null).allKeys();
			props.put("lookup", missing.className() + " " + Json.write(missing.identifiers()));
		}
		String pkey = w.source() + "|" + r.type() + "|" + (from == null ? "?" + describe(r.from()) : from) + "|"
				+ (to == null ? "?" + describe(r.to()) : to) + (missing.isRef() ? "|" + w.ctx.snapshotId() : "");
		props.put("pkey", pkey);
		return Map.of("pkey", pkey, "props", props, "keys", keys);
	}

	private static String describe(SnapshotModel.Endpoint e) {
		return e.isRef() ? "ref:" + e.ref() : e.className() + ":" + Json.write(new TreeMap<>(e.identifiers()));
	}

	private static String endpointId(Work w, SnapshotModel.Endpoint e, Map<SnapshotModel.Endpoint, String> lookups) {
		return e.isRef() ? w.refToCi.get(e.ref()) : lookups.get(e);
	}

	private static String problem(Work w, SnapshotModel.Endpoint e, String id, Map<String, SnapshotModel.Item> byRef) {
		if (e.isRef() && id == null && (w.rejectedRefs.contains(e.ref()) || byRef.containsKey(e.ref()))) {
			SnapshotModel.Result r = byRef.containsKey(e.ref()) ? w.itemResults.get(byRef.get(e.ref()).index()) : null;
			String why = r == null ? "was rejected" : "is " + r.operation() + (r.code() == null ? "" : " (" + r.code() + ")");
			return "endpoint ref " + e.ref() + " " + why;
		}
		return null;
	}

	// ------------------------------------------------------------------------------------------ deletions

	private void processDeletions(Work w, List<SnapshotModel.Deletion> deletions) {
		if (deletions.isEmpty()) {
			return;
		}
		if (w.ctx.env().mode() != SnapshotModel.Mode.DELTA) {
			for (SnapshotModel.Deletion d : deletions) {
				w.otherResults.add(new SnapshotModel.Result("deletion", 0, d.index(), null,
						SnapshotModel.Operation.REJECTED, null, "DELETIONS_NEED_DELTA",
						"deletions are only read in DELTA snapshots; a FULL snapshot withdraws what it does not report"));
			}
			return;
		}
		List<String> refs = deletions.stream().map(SnapshotModel.Deletion::target).filter(SnapshotModel.Endpoint::isRef)
			.map(SnapshotModel.Endpoint::ref).toList();
		Map<String, String> byRef = withdrawals.ciIdsBySourceRef(w.source(), refs);
		List<SnapshotModel.Endpoint> lookupsNeeded = deletions.stream().map(SnapshotModel.Deletion::target)
			.filter(e -> !e.isRef()).toList();
		Map<SnapshotModel.Endpoint, String> found = lookupAll(lookupsNeeded, w.source());
		Set<String> ids = new LinkedHashSet<>();
		for (SnapshotModel.Deletion d : deletions) {
			String id = d.target().isRef() ? byRef.get(d.target().ref()) : found.get(d.target());
			if (id == null) {
				w.otherResults.add(new SnapshotModel.Result("deletion", 0, d.index(), null,
						SnapshotModel.Operation.REJECTED, null, "NOT_FOUND",
						"no CI asserted by " + w.source() + " matches " + d.target().describe()));
			}
			else {
				ids.add(id);
				w.otherResults.add(new SnapshotModel.Result("deletion", 0, d.index(), null,
						SnapshotModel.Operation.WITHDRAWN, id, null, null));
			}
		}
		withdrawals.withdraw(w.source(), ids, w.ctx.snapshotId(), EdgeKeys.NONE, "deleted by " + w.source());
	}

	// ------------------------------------------------------------------------------------------- pending

	/**
	 * Completes edges and records that were waiting for CIs this chunk created or re-keyed, and tells the snapshots
	 * that posted them. Returns the edges created for entries of this chunk (those of other chunks count in theirs).
	 */
	private int resolvePending(Work w) {
		if (w.addedKeys.isEmpty() || !store.anythingPending()) {
			return 0;
		}
		int created = 0;
		// In bounded batches, each completing its edges and deleting their pending records: a tier-M run ran out
		// of heap when the core switch arrived and one transaction completed every edge that waited for it.
		for (int round = 0; round < 100_000; round++) {
			List<Map<String, Object>> edges = store.readyPendingEdges(w.addedKeys, PENDING_BATCH);
			PendingSettlement.Local local = settlement.settleEdges(edges,
					edges.stream().map(e -> (String) e.get("resolved")).toList(), w.now, w.ctx.snapshotId(),
					w.ctx.snapshotId(), w.ctx.seq());
			replaceResults(w, local.results());
			created += local.edgesCreated();
			store.deletePending(edges.stream().map(e -> (String) e.get("pkey")).toList());
			if (edges.size() < PENDING_BATCH) {
				break;
			}
		}
		List<Map<String, Object>> items = store.readyPendingItems(w.addedKeys);
		if (!items.isEmpty()) {
			applyPendingItems(items, w.ctx.snapshotId());
		}
		return created;
	}

	/** This chunk's own waiting entries that resolved before the chunk ended: their results say how. */
	private static void replaceResults(Work w, List<SnapshotModel.Result> resolved) {
		for (SnapshotModel.Result r : resolved) {
			w.otherResults.replaceAll(o -> o.kind().equals(r.kind()) && o.index() == r.index() ? r.inChunk(0) : o);
		}
	}

	/** Re-applies records that waited for an allowed source to create their CI, as their own source's DELTA. */
	private void applyPendingItems(List<Map<String, Object>> items, String bySnapshot) {
		Map<String, List<Map<String, Object>>> bySource = new LinkedHashMap<>();
		items.forEach(i -> bySource.computeIfAbsent((String) i.get("source"), k -> new ArrayList<>()).add(i));
		SnapshotParser parser = new SnapshotParser(catalogue, rules, Integer.MAX_VALUE);
		for (var e : bySource.entrySet()) {
			List<SnapshotModel.Item> parsed = new ArrayList<>();
			long collectedAt = 0;
			String snapshotId = null;
			String scope = "";
			for (Map<String, Object> p : e.getValue()) {
				try {
					parsed.add(parser.item(parsed.size(), Json.MAPPER.readTree((String) p.get("item"))));
				}
				catch (RuntimeException ex) {
					log.warn("Dropping unreadable pending item {}: {}", p.get("pkey"), ex.getMessage());
				}
				collectedAt = Math.max(collectedAt, ((Number) p.get("collectedAt")).longValue());
				snapshotId = (String) p.get("snapshotId");
				scope = (String) p.get("scope");
			}
			List<Map<String, Object>> rowsOf = new ArrayList<>(e.getValue());
			store.deletePending(rowsOf.stream().map(p -> (String) p.get("pkey")).toList());
			SnapshotModel.Envelope env = new SnapshotModel.Envelope(e.getKey(), scope, SnapshotModel.Mode.DELTA, false,
					false, collectedAt);
			Outcome o = process(new Context(snapshotId, env, -1, true),
					new SnapshotModel.Chunk(parsed, List.of(), List.of(), List.of()));
			log.info("Applied {} pending record(s) of source {}: {}", parsed.size(), e.getKey(), o.counts());
			if (parsed.size() == rowsOf.size()) {
				Map<Integer, SnapshotModel.Result> byIndex = new HashMap<>();
				o.results().stream().filter(r -> r.kind().equals("item")).forEach(r -> byIndex.put(r.index(), r));
				List<SnapshotModel.Result> applied = new ArrayList<>();
				for (int i = 0; i < parsed.size(); i++) {
					applied.add(byIndex.get(i));
				}
				if (applied.stream().allMatch(java.util.Objects::nonNull)) {
					settlement.settleItems(rowsOf, applied, System.currentTimeMillis(), bySnapshot);
				}
			}
		}
	}

}
