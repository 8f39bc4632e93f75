package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.reconciliation.Observation;
import org.fedcmdb.reconciliation.Reconciler;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.springframework.stereotype.Service;

/**
 * Merges CIs that are one (a duplicate discovery, or an administrator's decision) into the oldest, and splits a CI
 * whose sources were wrongly matched. Relationships, identity keys, provenance and history move to the survivor in
 * one transaction; each merged id becomes an alias that keeps resolving to the survivor.
 */
@Service
public class MergeService {

	private final Driver driver;

	private final CypherCatalog cypher;

	private final GraphStore store;

	private final ClassCatalogue catalogue;

	private final Reconciler reconciler;

	private final WriterLease lock;

	private final EdgeEpoch epoch;

	private final SnapshotRefs refs;

	MergeService(Driver driver, CypherCatalog cypher, GraphStore store, ClassCatalogue catalogue, Reconciler reconciler,
			WriterLease lock, EdgeEpoch epoch, SnapshotRefs refs) {
		this.epoch = epoch;
		this.refs = refs;
		this.driver = driver;
		this.cypher = cypher;
		this.store = store;
		this.catalogue = catalogue;
		this.reconciler = reconciler;
		this.lock = lock;
	}

	/**
	 * Merges {@code mergedIds} into {@code survivorId}.
	 * @return the survivor's id
	 * @throws IllegalArgumentException when an id does not exist or the classes are not of one identification family
	 */
	public String merge(String survivorId, List<String> mergedIds, String source, String snapshotId, String reason) {
		return lock.call(() -> doMerge(survivorId, mergedIds, source, snapshotId, reason));
	}

	private String doMerge(String survivorId, List<String> mergedIds, String source, String snapshotId,
			String reason) {
		Set<String> ids = new LinkedHashSet<>();
		ids.add(survivorId);
		ids.addAll(mergedIds);
		Map<String, CiState> states = store.load(ids);
		for (String id : ids) {
			if (!states.containsKey(id)) {
				throw new IllegalArgumentException("CI " + id + " does not exist");
			}
		}
		CiState survivor = states.get(survivorId);
		long now = System.currentTimeMillis();
		List<CiState.Change> changes = new ArrayList<>();
		for (String id : mergedIds) {
			if (id.equals(survivorId)) {
				continue;
			}
			CiState merged = states.get(id);
			if (!catalogue.identificationRoot(merged.className).equals(catalogue.identificationRoot(survivor.className))) {
				throw new IllegalArgumentException("CI " + id + " (" + merged.className + ") cannot be merged into "
						+ survivorId + " (" + survivor.className + ")");
			}
			for (AssertionState a : merged.assertions.values()) {
				AssertionState into = survivor.assertions.get(a.source);
				if (into == null) {
					AssertionState moved = new AssertionState(a.source, true);
					copy(a, moved);
					survivor.assertions.put(a.source, moved);
				}
				else {
					combine(a, into);
				}
			}
			changes.add(new CiState.Change("MERGED", null, id, survivorId,
					"merged " + merged.className + " " + merged.props.get("name") + " (" + id + "): " + reason));
		}
		survivor.dirty = true;
		changes.addAll(survivor.recompute(catalogue, reconciler, now));
		CiBatch batch = new CiBatch();
		survivor.rekey = true;
		new RowsHelper(catalogue).addRows(batch, survivor, changes, source, snapshotId, now);
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(tx -> {
				epoch.bump(tx); // edges move to the survivor: every instance's asserted-edge sets start over
				refs.bump(tx); // and assertions: the refs remembered for snapshots are no longer trusted
				for (String id : mergedIds) {
					if (id.equals(survivorId)) {
						continue;
					}
					Map<String, Object> params = Map.of("survivorId", survivorId, "mergedId", id, "now", now);
					for (String type : new java.util.TreeSet<>(ClassCatalogue.RELATIONSHIP_TYPES)) {
						tx.run(cypher.render("merge-move-out-edges", Map.of("type", type)), params).consume();
						tx.run(cypher.render("merge-move-in-edges", Map.of("type", type)), params).consume();
					}
					tx.run(cypher.render("merge-finish",
							Map.of("labels", String.join(":", catalogue.get(states.get(id).className).labels()))), params)
						.consume();
				}
			});
		}
		store.write(batch);
		return survivorId;
	}

	private static void copy(AssertionState from, AssertionState to) {
		to.scope = from.scope;
		to.ref = from.ref;
		to.snapshotId = from.snapshotId;
		to.firstSeen = from.firstSeen;
		to.seen = from.seen;
		to.hash = from.hash;
		to.stale = from.stale;
		to.withdrawnAt = from.withdrawnAt;
		to.values = new TreeMap<>(from.values);
		to.identifiers = new TreeMap<>(from.identifiers);
		to.changed = true;
	}

	/** Two assertions of one source about what is now one CI: the latest observation of each value wins. */
	private static void combine(AssertionState from, AssertionState into) {
		for (var e : from.values.entrySet()) {
			Observation o = into.values.get(e.getKey());
			if (o == null || e.getValue().observedAt() > o.observedAt()) {
				into.values.put(e.getKey(), e.getValue());
			}
		}
		from.identifiers.forEach((k, v) -> {
			Set<String> all = new java.util.TreeSet<>(into.identifiers.getOrDefault(k, List.of()));
			all.addAll(v);
			into.identifiers.put(k, List.copyOf(all));
		});
		into.firstSeen = Math.min(into.firstSeen, from.firstSeen);
		if (from.seen > into.seen) {
			into.seen = from.seen;
			into.snapshotId = from.snapshotId;
			into.ref = from.ref;
			into.scope = from.scope;
		}
		// one live assertion of the source makes the combined one live
		into.withdrawnAt = from.withdrawn() && into.withdrawn() ? Math.max(from.withdrawnAt, into.withdrawnAt) : 0;
		into.hash = null; // the next record of this source is applied in full
		into.changed = true;
	}

	/**
	 * Splits the assertions of {@code sources} off CI {@code ciId} into a new CI, and marks the two as distinct so
	 * identification does not merge them again.
	 * @return the new CI's id
	 */
	public String split(String ciId, List<String> sources, String reason) {
		return lock.call(() -> doSplit(ciId, sources, reason));
	}

	private String doSplit(String ciId, List<String> sources, String reason) {
		CiState original = store.load(List.of(ciId)).get(ciId);
		if (original == null) {
			throw new IllegalArgumentException("CI " + ciId + " does not exist");
		}
		Set<String> moving = new HashSet<>(sources);
		if (!original.assertions.keySet().containsAll(moving)) {
			throw new IllegalArgumentException("CI " + ciId + " is asserted by " + original.assertions.keySet()
					+ ", not by all of " + sources);
		}
		if (moving.containsAll(original.assertions.keySet())) {
			throw new IllegalArgumentException("a split must leave at least one source on the original CI");
		}
		long now = System.currentTimeMillis();
		CiState split = CiState.created(original.className, original.scope);
		List<String> deleteKeys = new ArrayList<>();
		for (String source : sources) {
			AssertionState a = original.assertions.remove(source);
			AssertionState moved = new AssertionState(source, true);
			copy(a, moved);
			moved.hash = null;
			split.assertions.put(source, moved);
			deleteKeys.add(ciId + "|" + source);
		}
		split.props.put("distinctFrom", List.of(ciId));
		List<String> distinct = new ArrayList<>();
		Object existing = original.props.get("distinctFrom");
		if (existing instanceof List<?> l) {
			l.forEach(x -> distinct.add((String) x));
		}
		distinct.add(split.id);
		original.props.put("distinctFrom", distinct);
		original.dirty = true;
		split.dirty = true;
		split.rekey = true;
		List<CiState.Change> originalChanges = new ArrayList<>();
		originalChanges.add(new CiState.Change("SPLIT", null, null, split.id, "sources " + sources + " split off: " + reason));
		originalChanges.addAll(original.recompute(catalogue, reconciler, now));
		List<CiState.Change> splitChanges = new ArrayList<>(split.recompute(catalogue, reconciler, now));
		splitChanges.add(new CiState.Change("SPLIT", null, ciId, null, "split off " + ciId + ": " + reason));
		try (Session s = driver.session()) {
			s.executeWriteWithoutResult(
					tx -> tx.run(cypher.get("withdraw-delete-assertions"), Map.of("keys", deleteKeys)).consume());
		}
		CiBatch batch = new CiBatch();
		RowsHelper rows = new RowsHelper(catalogue);
		rows.addRows(batch, original, originalChanges, "admin", null, now);
		rows.addRows(batch, split, splitChanges, "admin", null, now);
		store.write(batch);
		refs.bump(); // the split-off assertions belong to a new CI (still under this writer lease)
		return split.id;
	}

}
