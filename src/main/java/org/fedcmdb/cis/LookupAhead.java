package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.LabelEntry;
import org.neo4j.graphdb.event.PropertyEntry;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identification look-up of the chunk after the one being applied, read on another thread while the worker
 * applies this one (an unchanged re-send's chunks spent a third of their time there, with the second core half idle),
 * and used only if nothing it read has changed since. A {@link Watch} begins before its read, at a point where no
 * write of CI state is in flight (the worker at a chunk's start, holding the writer lease, before it writes anything),
 * and listens to every commit of the embedded database from then on: a commit that creates, deletes, relabels or
 * changes (a value that differs) what {@link KernelLookup} reads (identity keys and their {@code IDENTIFIES}, CIs'
 * identification fields, assertions' and their {@code ASSERTS}) spoils it, and the look-up is read again where it is
 * used. Unspoiled, its rows are what a read at the time of use would return: nothing they depend on changed between
 * the two. Embedded database only (another server's commits cannot be listened to).
 */
public final class LookupAhead {

	private static final Logger log = LoggerFactory.getLogger(LookupAhead.class);

	private static final Set<String> LABELS = Set.of("CI", "Assertion", "IdKey");

	private static final Set<String> TYPES = Set.of("IDENTIFIES", "ASSERTS");

	/** The longest a look-up waits for a read ahead under way (it takes a fraction of a second). */
	private static final long MAX_WAIT_S = 10;

	private final DatabaseManagementService dbms;

	private final String database;

	private final LocalReads local;

	/**
	 * The watch of the chunk being applied (begun when the chunk before it was) and that of the next one (begun when
	 * this one was taken): both serve; an older one is closed.
	 */
	private volatile Watch previous;

	private volatile Watch current;

	LookupAhead(DatabaseManagementService dbms, String database, LocalReads local) {
		this.dbms = dbms;
		this.database = database;
		this.local = local;
	}

	/**
	 * Begins a watch for {@code source}'s look-up of the next chunk. Call where no write of CI state is in flight (a
	 * commit already under way when the watch begins would not be seen).
	 */
	Watch begin(String source) {
		Watch w = new Watch(source);
		dbms.registerTransactionEventListener(database, w);
		advance(w);
		return w;
	}

	/** The next chunk is not read ahead; the current one's read still serves. */
	void skip() {
		advance(null);
	}

	private synchronized void advance(Watch next) {
		if (previous != null) {
			previous.close();
		}
		previous = current;
		current = next;
	}

	/** Ends every watch. */
	synchronized void close() {
		advance(null);
		advance(null);
	}

	/**
	 * Rows of the keys a watch read for {@code source}, if its read has ended unspoiled: those keys are removed from
	 * {@code keys}; null when no watch has any to give.
	 */
	List<GraphStore.CandidateRow> serve(Set<String> keys, String source) {
		List<GraphStore.CandidateRow> out = null;
		for (Watch w : new Watch[] { previous, current }) {
			// a read under way is waited for (reading again would repeat it); one not begun is not
			if (w == null || !w.source.equals(source) || w.spoiled || !(w.rows.isDone() || w.started)) {
				continue;
			}
			Map<String, List<GraphStore.CandidateRow>> byKey = w.awaitRows();
			if (byKey == null || w.spoiled) {
				continue;
			}
			out = out == null ? new ArrayList<>() : out;
			for (var it = keys.iterator(); it.hasNext();) {
				List<GraphStore.CandidateRow> rows = byKey.get(it.next());
				if (rows != null) {
					out.addAll(rows);
					it.remove();
					w.served++;
				}
			}
		}
		return out;
	}

	/**
	 * Whether a commit changes anything the look-up reads. Removed labels include a deleted node's; a property set
	 * to the value it had changes nothing; anything that cannot be told (an entity already gone) counts as a change.
	 */
	static boolean touchesLookup(TransactionData data) {
		try {
			for (LabelEntry e : data.assignedLabels()) {
				if (LABELS.contains(e.label().name())) {
					return true;
				}
			}
			for (LabelEntry e : data.removedLabels()) {
				if (LABELS.contains(e.label().name())) {
					return true;
				}
			}
			for (Relationship r : data.createdRelationships()) {
				if (TYPES.contains(r.getType().name())) {
					return true;
				}
			}
			for (Relationship r : data.deletedRelationships()) {
				if (TYPES.contains(r.getType().name())) {
					return true;
				}
			}
			for (PropertyEntry<Node> p : data.assignedNodeProperties()) {
				if (KernelLookup.READS.contains(p.key()) && !Objects.deepEquals(p.previouslyCommittedValue(), p.value())
						&& labelled(p.entity())) {
					return true;
				}
			}
			for (PropertyEntry<Node> p : data.removedNodeProperties()) {
				if (KernelLookup.READS.contains(p.key()) && labelled(p.entity())) {
					return true;
				}
			}
			return false;
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

	private static boolean labelled(Node n) {
		for (var label : n.getLabels()) {
			if (LABELS.contains(label.name())) {
				return true;
			}
		}
		return false;
	}

	/** One chunk's look-up ahead: begun on the worker, read on another thread, spoiled by a commit it could miss. */
	public final class Watch extends TransactionEventListenerAdapter<Object> {

		private final String source;

		private final CompletableFuture<Map<String, List<GraphStore.CandidateRow>>> rows = new CompletableFuture<>();

		private volatile boolean spoiled;

		private volatile boolean closed;

		/** Whether its read has begun. */
		private volatile boolean started;

		private volatile int served;

		private Watch(String source) {
			this.source = source;
		}

		/** Reads the look-up of {@code keys} (on any thread); a read spoiled meanwhile is kept from use. */
		public void read(Collection<String> keys) {
			if (spoiled || closed || keys.isEmpty()) {
				rows.complete(null);
				return;
			}
			started = true;
			try {
				List<GraphStore.CandidateRow> found = local.lookup(keys, source);
				if (found == null) {
					rows.complete(null);
					return;
				}
				Map<String, List<GraphStore.CandidateRow>> byKey = new HashMap<>(keys.size() * 2);
				keys.forEach(k -> byKey.put(k, new ArrayList<>(1)));
				found.forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>(1)).add(r));
				rows.complete(byKey);
			}
			catch (RuntimeException ex) {
				log.debug("reading the next chunk's look-up ahead failed; it is read where used: {}", ex.toString());
				rows.complete(null);
			}
			catch (Error ex) {
				rows.complete(null);
				throw ex;
			}
		}

		/** Its rows once read (waiting for a read under way, for at most {@link #MAX_WAIT_S} s); null otherwise. */
		private Map<String, List<GraphStore.CandidateRow>> awaitRows() {
			try {
				return rows.get(MAX_WAIT_S, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
				return null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

		@Override
		public Object beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService db) {
			if (!spoiled && touchesLookup(data)) {
				spoiled = true;
			}
			return null;
		}

		/** Whether a commit since it began changed what it read (for tests and the step log). */
		boolean spoiled() {
			return spoiled;
		}

		private void close() {
			closed = true;
			spoiled = true;
			try {
				dbms.unregisterTransactionEventListener(database, this);
			}
			catch (RuntimeException ex) {
				log.debug("unregistering a look-up watch: {}", ex.toString());
			}
			if (served > 0 && log.isDebugEnabled()) {
				log.debug("{} identity keys' look-up served from the read ahead", served);
			}
		}

	}

}
