package org.fedcmdb.cis;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import org.eclipse.collections.impl.map.mutable.UnifiedMap;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.neo4j.driver.TransactionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The refs a snapshot's chunks applied (ref to CI id), remembered for its later chunks and its finish, which resolve
 * the refs their relationships name outside themselves: an unchanged re-send's chunks spent about a sixth of their
 * time reading them back ({@code ingest-resolve-refs}, a seek per ref). A remembered ref answers as that read would
 * (the CI this snapshot's assertion of the ref belongs to) as long as no assertion has moved to another CI since: every
 * merge, split and restore moves the identity epoch's token ({@link #bump}, in the database, so other instances see it
 * too), and a snapshot's refs remembered under another token are dropped. Refs not remembered (applied by another
 * instance, past the capacity, dropped) are read as before. Bounded by {@code fedcmdb.ingest.remembered-refs} entries
 * over all snapshots (the least recently used snapshot's go first); a snapshot's are forgotten when it finishes or
 * fails.
 */
@Component
public class SnapshotRefs {

	private final Transactions transactions;

	private final CypherCatalog cypher;

	private final GraphStore store;

	private final int capacity;

	/** Per snapshot, in access order (the eldest is evicted first). */
	private final LinkedHashMap<String, Known> snapshots = new LinkedHashMap<>(16, 0.75f, true);

	private int size;

	/** Unwritten records a snapshot may leave for its finish ({@code fedcmdb.ingest.max-unwritten}). */
	private final int maxUnwritten;

	@Autowired
	SnapshotRefs(Transactions transactions, CypherCatalog cypher, GraphStore store,
			@Value("${fedcmdb.ingest.remembered-refs:1000000}") int capacity,
			@Value("${fedcmdb.ingest.max-unwritten:2000000}") int maxUnwritten) {
		if (capacity < 0 || maxUnwritten < 0) {
			throw new IllegalArgumentException("fedcmdb.ingest.remembered-refs and fedcmdb.ingest.max-unwritten must be "
					+ "0 or more, not " + capacity + " and " + maxUnwritten);
		}
		this.maxUnwritten = maxUnwritten;
		this.transactions = transactions;
		this.cypher = cypher;
		this.store = store;
		this.capacity = capacity;
	}

	private static final class Known {

		final String token;

		/**
		 * Eclipse Collections' UnifiedMap keeps keys and values in its table, not in an entry object each: a look-up
		 * in a million refs (an unchanged tier-M re-send makes millions) follows one reference less, and the entries'
		 * objects (32 MB per million refs, in the old generation until the snapshot finishes) are not made.
		 */
		final Map<String, String> refs = new UnifiedMap<>();

		/** Chunks 1 to {@code through} are all remembered (-1: some chunk is not). */
		int through;

		Known(String token, int seq) {
			this.token = token;
			this.through = seq <= 1 ? seq : -1;
		}

		void chunk(int seq) {
			if (through >= 0 && seq == through + 1) {
				through = seq;
			}
			else if (seq > through) {
				through = -1;
			}
		}

	}

	/** The identity epoch's token now; read at a chunk's start and given back to {@link #remember}. */
	public String token() {
		return transactions.read(this::read);
	}

	/**
	 * The CIs the snapshot applied these refs to: the remembered ones from memory, the others from the database, as
	 * {@link GraphStore#resolveRefs} (the assertions the snapshot wrote carry its id), then from the unchanged records
	 * it did not write ({@code unwritten}, read only if needed: their pairs, or, if an assertion may have moved to
	 * another CI since, the live assertion of the source in the scope that carries the ref).
	 * @param through the snapshot's chunks applied so far (1 to this); if memory holds them all, the unwritten
	 * records' refs are in it
	 * @return a new map, the caller's to add to
	 */
	public Map<String, String> resolve(String snapshotId, String source, String scope, Collection<String> refs,
			int through, Supplier<ReportedRefs> unwritten) {
		if (refs.isEmpty()) {
			return new HashMap<>();
		}
		// room for the caller's own refs too (a chunk adds its items' CIs to this map)
		Map<String, String> out = new HashMap<>(Math.max(16, refs.size() * 2));
		// chunks 1 to through all remembered, and no record of the snapshot applied otherwise since (gap): a ref
		// still missing is neither a record they wrote nor an unwritten one of theirs but a later chunk's, so neither
		// the assertions (a seek per ref: most of an unchanged re-send's time resolving refs went to finding nothing)
		// nor the stored pairs (a read of every pair the snapshot stored) are read
		boolean whole = known(snapshotId, token(), refs, out) >= through;
		if (out.size() < refs.size() && !whole) {
			out.putAll(store.resolveRefs(snapshotId, source, missing(refs, out)));
		}
		if (out.size() < refs.size() && !whole) {
			ReportedRefs u = unwritten.get();
			List<String> missing = missing(refs, out).stream().filter(u.byRef()::containsKey).toList();
			if (u.identityMoved() && !missing.isEmpty()) {
				transactions.read(tx -> tx.run(cypher.get("ingest-resolve-unwritten-refs"),
						Map.of("source", source, "scope", scope, "refs", missing)).list())
					.forEach(r -> out.put(r.get("ref").asString(), r.get("id").asString()));
			}
			else {
				missing.forEach(ref -> out.put(ref, u.byRef().get(ref)));
			}
		}
		return out;
	}

	private static List<String> missing(Collection<String> refs, Map<String, String> found) {
		return refs.stream().filter(r -> !found.containsKey(r)).toList();
	}

	/**
	 * Remembers the refs a chunk's items applied ({@code applied}, their CIs in {@code ciByRef}, which may also hold refs
	 * of earlier chunks the chunk resolved: those are not put again, a look-up in a map of up to a million entries
	 * each), if no assertion moved to another CI since the chunk began (under {@code tokenAtStart}); otherwise the
	 * snapshot's remembered refs are dropped.
	 */
	public void remember(String snapshotId, int seq, String tokenAtStart, Collection<String> applied,
			Map<String, String> ciByRef) {
		String now = token();
		synchronized (this) {
			Known k = snapshots.get(snapshotId);
			if (!Objects.equals(now, tokenAtStart) || k != null && !Objects.equals(k.token, now)) {
				drop(snapshotId);
				return;
			}
			if (k == null) {
				k = new Known(now, seq);
				snapshots.put(snapshotId, k);
			}
			else {
				k.chunk(seq);
			}
			for (String ref : applied) {
				String id = ciByRef.get(ref);
				if (id == null) {
					continue; // refused, or waiting
				}
				// below the capacity, every entry fits: one hash look-up per ref (a million per re-sent snapshot)
				if (size >= capacity && !k.refs.containsKey(ref) && !makeRoom(snapshotId)) {
					k.through = -1;
					return;
				}
				if (k.refs.put(ref, id) == null) {
					size++;
				}
			}
		}
	}

	/**
	 * A record of the snapshot was applied outside its chunks (a waiting record, once what it waited for came): its
	 * ref is in the store, not in memory, which is no longer whole for the snapshot.
	 */
	public synchronized void gap(String snapshotId) {
		Known k = snapshots.get(snapshotId);
		if (k != null) {
			k.through = -1;
		}
	}

	/**
	 * Whether a chunk may leave {@code n} more unchanged records unwritten for the snapshot's finish, which reads them
	 * all into memory: up to {@code fedcmdb.ingest.max-unwritten} (2,000,000) per snapshot, counted over the chunks
	 * this instance applied (exact for a snapshot one instance applies; with chunks spread over instances, per
	 * instance); past it they are touched as a DELTA's are.
	 */
	public synchronized boolean leaveUnwritten(String snapshotId, int n) {
		int before = unwritten.getOrDefault(snapshotId, 0);
		if (before + n > maxUnwritten) {
			return false;
		}
		unwritten.put(snapshotId, before + n);
		return true;
	}

	/**
	 * Unwritten records per snapshot, from its first chunk on: kept apart from the remembered refs, which start at the
	 * end of a snapshot's first chunk and may be evicted, so that the bound holds for every chunk this instance applies.
	 */
	private final Map<String, Integer> unwritten = new HashMap<>();

	/** Forgets a finished or failed snapshot's refs and count of unwritten records. */
	public synchronized void forget(String snapshotId) {
		drop(snapshotId);
		unwritten.remove(snapshotId);
	}

	/** How many refs are remembered over all snapshots. */
	synchronized int size() {
		return size;
	}

	/** A new identity epoch, in {@code tx}: some assertion now belongs to another CI. */
	void bump(TransactionContext tx) {
		tx.run(cypher.get("identity-epoch-bump"), Map.of("token", UUID.randomUUID().toString())).consume();
	}

	/** A new identity epoch in a transaction of its own (under the writer lease of the change that calls it). */
	public void bump() {
		transactions.write(tx -> {
			bump(tx);
			return null;
		});
	}

	/** Puts the remembered ones of these refs in {@code out}; returns through which chunk memory is whole (-1). */
	private synchronized int known(String snapshotId, String token, Collection<String> refs, Map<String, String> out) {
		Known k = snapshots.get(snapshotId);
		if (k == null) {
			return -1;
		}
		if (!Objects.equals(k.token, token)) {
			drop(snapshotId);
			return -1;
		}
		for (String ref : refs) {
			String id = k.refs.get(ref);
			if (id != null) {
				out.put(ref, id);
			}
		}
		return k.through;
	}

	/** Whether one more entry fits, after evicting other snapshots' refs, least recently used first. */
	private boolean makeRoom(String snapshotId) {
		var it = snapshots.entrySet().iterator();
		while (size >= capacity && it.hasNext()) {
			var e = it.next();
			if (!e.getKey().equals(snapshotId)) {
				size -= e.getValue().refs.size();
				it.remove();
			}
		}
		return size < capacity;
	}

	private void drop(String snapshotId) {
		Known k = snapshots.remove(snapshotId);
		if (k != null) {
			size -= k.refs.size();
		}
	}

	private String read(TransactionContext tx) {
		return tx.run(cypher.get("identity-epoch-read")).single().get("token").asString(null);
	}

}
