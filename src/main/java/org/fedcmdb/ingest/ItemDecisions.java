package org.fedcmdb.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.fedcmdb.cis.CiState;
import org.fedcmdb.cis.GraphStore;
import org.fedcmdb.graph.Json;
import org.fedcmdb.identification.Candidate;
import org.fedcmdb.identification.Decision;
import org.fedcmdb.identification.Identifier;
import org.fedcmdb.identification.Identity;

/**
 * A chunk's identification step, without a database: given the records' identities, the stored CIs their keys matched
 * and what earlier records of the same chunk created, which CI each record is. A record that proves several CIs to be
 * one is set aside with a merge plan in the first pass and applied to the survivor in the second; a new CI its source
 * may not create waits; a record matching several CIs it cannot merge is refused. Then which matched CIs an unchanged
 * re-send only touches (the fast path) and which must be loaded.
 */
final class ItemDecisions {

	private ItemDecisions() {
	}

	/** What the chunk created so far: identity keys and candidates a database look-up cannot see yet. */
	record ChunkMemory(Map<String, String> keys, Map<String, Candidate> candidates) {
	}

	/**
	 * @param target each accepted record's CI
	 * @param created the CIs this pass creates, by id
	 * @param setAside records applied in the second pass, after {@code mergePlan} (survivor to merged ids) is carried out
	 * @param waiting records whose new CI their source may not create
	 * @param multiMatch refused records with the reason
	 * @param rowsById the stored CIs the look-up found
	 */
	record Plan(Map<SnapshotModel.Item, String> target, Map<String, CiState> created, List<SnapshotModel.Item> setAside,
			Map<String, List<String>> mergePlan, List<SnapshotModel.Item> waiting, Map<SnapshotModel.Item, String> multiMatch,
			Map<String, GraphStore.CandidateRow> rowsById) {
	}

	static Plan decide(Identifier identifier, Map<SnapshotModel.Item, Identity> identities,
			List<GraphStore.CandidateRow> lookedUp, ChunkMemory chunk, boolean allowMerge, Predicate<String> mayInsert,
			long collectedAt) {
		return decide(identifier, identities, Map.of(), lookedUp, chunk, allowMerge, mayInsert, collectedAt);
	}

	/**
	 * Whether a record is still bound to the CI its source's live assertion in the snapshot's scope is on
	 * ({@link GraphStore#bound}), so that identification is not repeated for it: the record is unchanged (same hash:
	 * same class, identifiers and attributes), the CI is ACTIVE, of the record's class and identified inside the same
	 * scope (a dependent item reported inside another parent is identified again).
	 *
	 * <p>Identification decided the record's CI when it was first seen or last changed. Since then, what moves a record
	 * to another CI (a merge, a split, a restore) moves its assertion, and what could make its keys name a second CI
	 * is another record's identification, which would have found this CI by the same key; so the assertion's CI is the
	 * one identification would name. A source-native binding, as iTop's synchro replicas and ServiceNow's
	 * source-native keys keep: the look-up of the record's identity keys is most of an unchanged re-send's work.
	 */
	static boolean stillBound(SnapshotModel.Item item, Identity identity, GraphStore.CandidateRow row) {
		return row != null && item.hash().equals(row.hash()) && "ACTIVE".equals(row.status())
				&& item.className().equals(row.className()) && identity.scope().equals(row.scope());
	}

	/**
	 * @param bound the records {@link #stillBound} to a CI, with its row: not identified, their CI is their target
	 * @param lookedUp the stored CIs the other records' identity keys matched
	 */
	static Plan decide(Identifier identifier, Map<SnapshotModel.Item, Identity> identities,
			Map<SnapshotModel.Item, GraphStore.CandidateRow> bound, List<GraphStore.CandidateRow> lookedUp,
			ChunkMemory chunk, boolean allowMerge, Predicate<String> mayInsert, long collectedAt) {
		Map<String, Set<String>> dbMatches = new HashMap<>();
		Map<String, Candidate> candidates = new HashMap<>(chunk.candidates());
		Map<String, GraphStore.CandidateRow> rowsById = new HashMap<>();
		Set<String> distinct = new HashSet<>();
		for (GraphStore.CandidateRow row : lookedUp) {
			addMatch(dbMatches, row.key(), row.id());
			candidates.computeIfAbsent(row.id(), id -> candidate(row)); // a CI's identifiers parsed once, not per key
			rowsById.putIfAbsent(row.id(), row);
			row.distinctFrom().forEach(d -> {
				distinct.add(row.id() + "|" + d);
				distinct.add(d + "|" + row.id());
			});
		}
		Plan plan = new Plan(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new LinkedHashMap<>(),
				new ArrayList<>(), new LinkedHashMap<>(), rowsById);
		Identification identification = new Identification(identifier, dbMatches, candidates, distinct, chunk, plan,
				allowMerge, mayInsert, collectedAt);
		for (var e : identities.entrySet()) {
			SnapshotModel.Item item = e.getKey();
			GraphStore.CandidateRow boundRow = bound.get(item);
			if (boundRow != null) {
				plan.target().put(item, boundRow.id());
				rowsById.put(boundRow.id(), boundRow); // the assertion of the snapshot's scope, read by its ref
			}
			else {
				identification.decide(item, e.getValue());
			}
		}
		return plan;
	}

	/**
	 * The records that are not bound: identified, and what identification decided put in the plan. A method of its
	 * own, apart from the loop over every record, so that the compiled loop of an unchanged re-send (every record
	 * bound) is small, and the one of a first ingest (none bound) does not carry the other's path.
	 */
	private record Identification(Identifier identifier, Map<String, Set<String>> dbMatches,
			Map<String, Candidate> candidates, Set<String> distinct, ChunkMemory chunk, Plan plan, boolean allowMerge,
			Predicate<String> mayInsert, long collectedAt) {

		void decide(SnapshotModel.Item item, Identity identity) {
			Decision d = identifier.decide(identity, keyMatches(identity, dbMatches, chunk), candidates, distinct);
			switch (d.kind()) {
				case MULTI_MATCH -> plan.multiMatch().put(item, d.message());
				case MATCH -> plan.target().put(item, d.ciId());
				case MERGE -> merge(item, d);
				case NEW -> create(item, identity);
			}
		}

		private void merge(SnapshotModel.Item item, Decision d) {
			boolean mergesNewCi = d.merge().stream().anyMatch(plan.created()::containsKey)
					|| plan.created().containsKey(d.ciId()) || chunk.candidates().containsKey(d.ciId())
					|| d.merge().stream().anyMatch(chunk.candidates()::containsKey);
			if (allowMerge && !mergesNewCi) {
				plan.mergePlan().computeIfAbsent(d.ciId(), k -> new ArrayList<>()).addAll(d.merge());
				plan.setAside().add(item);
			}
			else {
				plan.target().put(item, d.ciId());
			}
		}

		private void create(SnapshotModel.Item item, Identity identity) {
			if (!mayInsert.test(item.className())) {
				plan.waiting().add(item);
				return;
			}
			CiState state = CiState.created(item.className(), identity.scope());
			plan.created().put(state.id(), state);
			plan.target().put(item, state.id());
			Candidate c = new Candidate(state.id(), item.className(), collectedAt, identity.scope(),
					identity.identifiers());
			candidates.put(state.id(), c);
			chunk.candidates().put(state.id(), c);
			identity.allKeys().forEach(k -> chunk.keys().putIfAbsent(k, state.id()));
		}

	}

	/**
	 * Records that a key identifies a CI. Nearly every key identifies one CI: a one-element set until a second comes
	 * (a set of its own per key was a million short-lived hash tables in an unchanged re-send at a million CIs).
	 */
	private static void addMatch(Map<String, Set<String>> matches, String key, String ciId) {
		Set<String> ids = matches.get(key);
		if (ids == null) {
			matches.put(key, Set.of(ciId));
		}
		else if (ids instanceof LinkedHashSet<String> more) {
			more.add(ciId);
		}
		else if (!ids.contains(ciId)) {
			Set<String> more = new LinkedHashSet<>(ids);
			more.add(ciId);
			matches.put(key, more);
		}
	}

	/** Per identity key of the record, the CIs it matched in the store and in the chunk so far. */
	private static Map<String, Set<String>> keyMatches(Identity identity, Map<String, Set<String>> dbMatches,
			ChunkMemory chunk) {
		Map<String, Set<String>> km = new HashMap<>();
		for (String key : identity.allKeys()) {
			Set<String> stored = dbMatches.get(key);
			String inChunk = chunk.keys().get(key);
			if (inChunk == null) {
				if (stored != null) {
					km.put(key, stored); // read only by identification: shared, not copied per record
				}
				continue;
			}
			Set<String> ids = stored == null ? new LinkedHashSet<>() : new LinkedHashSet<>(stored);
			ids.add(inChunk);
			km.put(key, ids);
		}
		return km;
	}

	static Candidate candidate(GraphStore.CandidateRow row) {
		return new Candidate(row.id(), row.className(), row.firstSeen(), row.scope(),
				new IdentifiersOnUse(row.identifiers()));
	}

	/**
	 * A stored CI's identifiers, parsed from their JSON when first read. Identification reads a candidate's
	 * identifiers only to compare a higher-priority identifier set the record did not match on, or two CIs it would
	 * merge; a record that matched on its first set (every record of an unchanged re-send) never does, and parsing
	 * each looked-up CI's identifiers was about half of a re-sent chunk's decisions (13 of 28 samples in a profile).
	 */
	static final class IdentifiersOnUse extends java.util.AbstractMap<String, List<String>> {

		private final String json;

		private Map<String, List<String>> parsed;

		IdentifiersOnUse(String json) {
			this.json = json;
		}

		private Map<String, List<String>> parsed() {
			if (parsed == null) {
				parsed = java.util.Collections.unmodifiableMap(Json.readIdentifiers(json));
			}
			return parsed;
		}

		@Override
		public List<String> get(Object key) {
			return parsed().get(key);
		}

		@Override
		public boolean containsKey(Object key) {
			return parsed().containsKey(key);
		}

		@Override
		public Set<Entry<String, List<String>>> entrySet() {
			return parsed().entrySet();
		}

		boolean isParsed() {
			return parsed != null;
		}

	}

	/**
	 * @param unchanged CIs an unchanged record only touches (same record hash, ACTIVE, reached once), with that record
	 * @param toLoad the other existing CIs, loaded whole to be reconciled
	 * @param confirmedLater those of {@code unchanged} not even touched: the source's assertion already carries the
	 * record's ref and the snapshot's scope and is not stale, and the snapshot's finish confirms them (a complete FULL
	 * one moves its scope's ScopeSeen, any other touches them then)
	 */
	record Touches(Map<String, SnapshotModel.Item> unchanged, Set<String> toLoad, Set<String> confirmedLater) {
	}

	/**
	 * @param scope the snapshot's scope
	 * @param mayDefer whether touches may wait for the snapshot's finish (a chunk of a FULL snapshot)
	 */
	static Touches touches(Plan plan, Map<String, Candidate> chunkCandidates, String scope, boolean mayDefer) {
		Set<String> toLoad = new LinkedHashSet<>();
		Map<String, SnapshotModel.Item> unchanged = new LinkedHashMap<>();
		Set<String> reached = new HashSet<>();
		for (var e : plan.target().entrySet()) {
			String ciId = e.getValue();
			GraphStore.CandidateRow row = plan.rowsById().get(ciId);
			boolean firstTouch = reached.add(ciId);
			if (row != null && firstTouch && e.getKey().hash().equals(row.hash()) && "ACTIVE".equals(row.status())
					&& !plan.created().containsKey(ciId) && !chunkCandidates.containsKey(ciId)) {
				unchanged.put(ciId, e.getKey());
			}
			else if (!plan.created().containsKey(ciId)) {
				toLoad.add(ciId);
			}
		}
		// a CI reached by the fast path and then again by another record of the chunk takes the full path
		unchanged.keySet().removeIf(toLoad::contains);
		Set<String> later = new LinkedHashSet<>();
		if (mayDefer) {
			unchanged.forEach((ciId, item) -> {
				if (plan.rowsById().get(ciId).asserts(item.hash(), item.ref(), scope)) {
					later.add(ciId);
				}
			});
		}
		return new Touches(unchanged, toLoad, later);
	}

}
