package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Set;

import org.fedcmdb.catalogue.ClassCatalogue;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.fedcmdb.reconciliation.Reconciler;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The CI batch writer: identification look-ups, working copies loaded whole, and {@link #commit}, which writes a batch
 * of reconciled CIs, their assertions, identity keys, history and events with one statement per kind of row, never a
 * transaction per item. Edges are {@link EdgeWriter}'s. Cypher lives in {@code cypher/queries/ingest-*.cypher}; on the
 * embedded database the per-chunk look-ups are answered in process ({@link LocalReads}).
 */
@Component
public class GraphStore {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GraphStore.class);

	private final Driver driver;

	private final CypherCatalog cypher;

	private final ClassCatalogue catalogue;

	private final Reconciler reconciler;

	private final RowsHelper rows;

	/** The per-chunk reads in process, on the embedded database; null against an external server. */
	private final LocalReads local;

	private final Transactions transactions;

	/**
	 * CIs (or touched assertions) per write transaction ({@code fedcmdb.ingest.write-batch}, 2,500). A 10k-record
	 * chunk in one transaction kept its whole state alive across several young collections (copied each time, and
	 * promoted); smaller transactions leave less to copy.
	 */
	private final int writeBatch;

	/**
	 * What a batch's transaction writes with ({@link CiBatchWrite}); new CIs through the embedded database's kernel
	 * API ({@link KernelWrites}) rather than Cypher ({@code fedcmdb.ingest.kernel-writes}, true; in-process writes only).
	 */
	private final CiBatchWrite.Writers writers;

	GraphStore(Driver driver, Transactions transactions, CypherCatalog cypher, ClassCatalogue catalogue,
			WriterLease lock, EventOutbox outbox, Reconciler reconciler, ObjectProvider<DatabaseManagementService> embedded,
			@org.springframework.beans.factory.annotation.Value("${fedcmdb.ingest.in-process-reads:true}") boolean inProcessReads,
			@org.springframework.beans.factory.annotation.Value("${fedcmdb.ingest.write-batch:2500}") int writeBatch,
			@org.springframework.beans.factory.annotation.Value("${fedcmdb.ingest.kernel-writes:true}") boolean kernelWrites) {
		if (writeBatch < 1) {
			throw new IllegalArgumentException("fedcmdb.ingest.write-batch must be at least 1, not " + writeBatch);
		}
		this.writeBatch = writeBatch;
		DatabaseManagementService dbms = inProcessReads ? embedded.getIfAvailable() : null;
		this.local = dbms == null ? null : new LocalReads(dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME));
		this.reconciler = reconciler;
		this.rows = new RowsHelper(catalogue);
		this.driver = driver;
		this.transactions = transactions;
		this.writers = new CiBatchWrite.Writers(cypher, lock, outbox, kernelWrites);
		this.cypher = cypher;
		this.catalogue = catalogue;
	}

	/**
	 * A CI an identity key identifies, with what identification needs of it and the source's live assertion of it: its
	 * hash, ref and scope and whether it is stale (null, null, null, false without one).
	 */
	public record CandidateRow(String key, String id, String className, long firstSeen, String scope, String identifiers,
			List<String> distinctFrom, String hash, String ref, String assertedScope, boolean stale, String status) {

		/** The same CI as identified by another key. */
		CandidateRow forKey(String key) {
			return new CandidateRow(key, id, className, firstSeen, scope, identifiers, distinctFrom, hash, ref,
					assertedScope, stale, status);
		}

		/** Whether the source's assertion already says what a record of this hash, ref and scope would. */
		public boolean asserts(String hash, String ref, String scope) {
			return hash.equals(this.hash) && ref.equals(this.ref) && scope.equals(assertedScope) && !stale;
		}
	}

	/** {@code withdraw-candidates} in process on the embedded database ({@link LocalReads#countScope}); else null. */
	Withdrawals.Counted countScope(String source, String scope, long before, String snapshotId, Set<String> unwritten) {
		return local == null ? null : local.countScope(source, scope, before, snapshotId, unwritten);
	}

	public List<CandidateRow> lookup(Collection<String> keys, String source) {
		if (keys.isEmpty()) {
			return List.of();
		}
		List<CandidateRow> rows = local == null ? null : local.lookup(keys, source);
		return rows != null ? rows : lookupOverBolt(keys, source);
	}

	List<CandidateRow> lookupOverBolt(Collection<String> keys, String source) {
		try (Session s = driver.session()) {
			return s.executeRead(tx -> tx.run(cypher.get("ingest-lookup-keys"),
					Map.of("keys", List.copyOf(keys), "source", source)).list(r -> new CandidateRow(
							r.get("key").asString(), r.get("id").asString(), r.get("class").asString(),
							r.get("firstSeen").isNull() ? 0 : r.get("firstSeen").asLong(), r.get("scope").asString(),
							r.get("identifiers").asString(null), r.get("distinctFrom").asList(Value::asString),
							r.get("hash").asString(null), r.get("ref").asString(null), r.get("assertedScope").asString(null),
							r.get("stale").asBoolean(false), r.get("status").asString(null))));
		}
	}

	/**
	 * The records bound to a CI: per ref, the CI the source's live assertion in the scope is on, with that assertion's
	 * hash and staleness and the CI's class, scope, first-seen time and status (no identifiers: a bound record is not
	 * identified again). A ref two live assertions carry is left out. After {@code probe} refs without one bound the
	 * rest are not read: a first ingest's records have none.
	 */
	public Map<String, CandidateRow> bound(String source, String scope, Collection<String> refs, int probe) {
		if (refs.isEmpty()) {
			return Map.of();
		}
		Map<String, CandidateRow> rows = local == null ? null : local.bound(source, scope, refs, probe);
		if (rows != null) {
			return rows;
		}
		List<String> all = List.copyOf(refs);
		if (all.size() > probe) {
			Map<String, CandidateRow> first = boundOverBolt(source, scope, all.subList(0, probe));
			if (first.isEmpty()) {
				return first;
			}
		}
		return boundOverBolt(source, scope, all);
	}

	Map<String, CandidateRow> boundOverBolt(String source, String scope, Collection<String> refs) {
		List<CandidateRow> rows;
		try (Session s = driver.session()) {
			rows = s.executeRead(tx -> tx.run(cypher.get("ingest-bound-refs"),
					Map.of("source", source, "scope", scope, "refs", List.copyOf(refs), "maxEntries",
							KernelBindings.MAX_ENTRIES)).list(r -> new CandidateRow(null,
							r.get("id").asString(), r.get("class").asString(),
							r.get("firstSeen").isNull() ? 0 : r.get("firstSeen").asLong(), r.get("scope").asString(), null,
							List.of(), r.get("hash").asString(null), r.get("ref").asString(), scope,
							r.get("stale").asBoolean(false), r.get("status").asString(null))));
		}
		BindingsFound found = new BindingsFound();
		rows.forEach(r -> found.add(r.ref(), r));
		return found.rows();
	}

	/** The working copies of these CIs with all their assertions; a CI that is gone is absent. */
	public Map<String, CiState> load(Collection<String> ids) {
		Map<String, CiState> out = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return out;
		}
		List<Record> records = transactions.read(
				tx -> tx.run(cypher.get("ingest-load-cis"), Map.of("ids", List.copyOf(ids))).list());
		for (Record r : records) {
			Map<String, Object> props = new LinkedHashMap<>(r.get("ci").asMap());
			CiState state = new CiState((String) props.get("id"), false, (String) props.get("class"),
					(String) props.get("scope"), props);
			for (Object a : r.get("assertions").asList()) {
				@SuppressWarnings("unchecked")
				AssertionState as = AssertionState.fromProps((Map<String, Object>) a);
				state.assertions.put(as.source, as);
			}
			out.put(state.id, state);
		}
		return out;
	}

	/** The CIs the source's assertions of this snapshot carry these refs for. */
	public Map<String, String> resolveRefs(String snapshotId, String source, Collection<String> refs) {
		if (refs.isEmpty()) {
			return new HashMap<>();
		}
		return local != null ? local.resolveRefs(snapshotId, source, refs) : resolveRefsOverBolt(snapshotId, source, refs);
	}

	Map<String, String> resolveRefsOverBolt(String snapshotId, String source, Collection<String> refs) {
		Map<String, String> out = new HashMap<>();
		try (Session s = driver.session()) {
			s.executeRead(tx -> tx.run(cypher.get("ingest-resolve-refs"),
					Map.of("refs", List.copyOf(refs), "snapshotId", snapshotId, "source", source)).list())
				.forEach(r -> out.put(r.get("ref").asString(), r.get("id").asString()));
		}
		return out;
	}

	/**
	 * A record that waits for an allowed source to create its CI, saved with the batch that set it aside: its key, the
	 * properties of its {@code PendingItem} node and the identity keys it waits on.
	 */
	public record WaitingRow(String pkey, Map<String, Object> props, List<String> keys) {
	}

	/** Where a batch of records comes from, and when it is applied. */
	public record Origin(String source, String snapshotId, String scope, long collectedAt, long now) {
	}

	/** A record that changed nothing: its CI was seen again, under this ref. */
	public record Touch(String ciId, String ref) {
	}

	/** What {@link #commit} changed: each CI's changes (empty: none), and the identity keys CIs gained. */
	public record Committed(Map<String, List<CiState.Change>> changes, Set<String> addedKeys) {
	}

	/**
	 * Reconciles the states records were applied to ({@link CiState#assertRecord}) and writes them, the touched
	 * assertions, the records that wait for an allowed source, their history and their events, in transactions of
	 * {@link #writeBatch} CIs (a CI with its history and events always in one).
	 */
	public Committed commit(Origin origin, Collection<CiState> states, List<Touch> touches,
			List<WaitingRow> waitingRecords) {
		List<CiBatch> batches = new ArrayList<>();
		batches.add(new CiBatch());
		for (Touch t : touches) {
			next(batches).touched.add(new BatchRows.Touch(t.ciId() + "|" + origin.source(), t.ciId(),
					origin.collectedAt(), origin.snapshotId(), t.ref(), origin.scope(), origin.now()));
		}
		Map<String, List<CiState.Change>> changes = new HashMap<>();
		Set<String> added = new LinkedHashSet<>();
		for (CiState state : states) {
			if (state.dirty) {
				List<CiState.Change> c = state.recompute(catalogue, reconciler, origin.now());
				changes.put(state.id, c);
				added.addAll(rows.addRows(next(batches), state, c, origin.source(), origin.snapshotId(), origin.now()));
			}
		}
		CiBatch last = batches.get(batches.size() - 1);
		waitingRecords.forEach(w -> last.pendingItems.add(new BatchRows.PendingItem(w.pkey(), w.props(), w.keys())));
		transactions.writeInOrder(batches.stream().filter(b -> !b.isEmpty()).map(b -> new CiBatchWrite(b, writers)).toList());
		return new Committed(changes, added);
	}

	/** The batch the next CI or touch goes to: the last one, or a new one when that holds {@link #writeBatch}. */
	private CiBatch next(List<CiBatch> batches) {
		CiBatch b = batches.get(batches.size() - 1);
		if (b.records >= writeBatch) {
			b = new CiBatch();
			batches.add(b);
		}
		b.records++;
		return b;
	}

	void write(CiBatch b) {
		if (b.isEmpty()) {
			return;
		}
		transactions.writeInOrder(List.of(new CiBatchWrite(b, writers)));
	}

}
