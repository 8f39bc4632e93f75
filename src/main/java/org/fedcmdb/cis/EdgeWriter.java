package org.fedcmdb.cis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

import org.fedcmdb.events.EventDraft;
import org.fedcmdb.events.EventOutbox;
import org.fedcmdb.events.EventTypes;
import org.fedcmdb.graph.CypherCatalog;
import org.fedcmdb.graph.Transactions;
import org.neo4j.driver.TransactionContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.springframework.stereotype.Component;

/**
 * Writes sources' assertions of edges in batches, each new edge with its history entry and its
 * {@code relationship.added} event in the same transaction: through the embedded database's kernel
 * ({@link KernelEdgeWrites}), else as Cypher ({@link EdgeStatements}).
 */
@Component
public class EdgeWriter {

	private final EventOutbox outbox;

	private final EdgeEpoch epoch;

	private final Transactions transactions;

	/** Edges written through the kernel API ({@link KernelEdgeWrites}; {@code fedcmdb.ingest.kernel-writes}). */
	private final boolean kernelWrites;

	/** The same writes as Cypher statements, against an external server. */
	private final EdgeStatements statements;

	EdgeWriter(Transactions transactions, CypherCatalog cypher, EventOutbox outbox, EdgeEpoch epoch,
			@org.springframework.beans.factory.annotation.Value("${fedcmdb.ingest.edge-batch:10000}") int edgeBatch,
			@org.springframework.beans.factory.annotation.Value("${fedcmdb.ingest.kernel-writes:true}") boolean kernelWrites) {
		this.kernelWrites = kernelWrites;
		this.statements = new EdgeStatements(cypher);
		if (edgeBatch < 1) {
			throw new IllegalArgumentException("fedcmdb.ingest.edge-batch must be at least 1, not " + edgeBatch);
		}
		this.edgeBatch = edgeBatch;
		this.transactions = transactions;
		this.outbox = outbox;
		this.epoch = epoch;
	}

	/**
	 * One source's assertion of an edge. {@code fresh}: its dependent CI was created in this batch, so the edge is
	 * created without a MERGE; {@code history}: the dependent CI existed before, so the new edge is a change of it;
	 * {@code key}: its {@link EdgeKeys#key}, which a chunk's plan has already computed (a SHA-256 per edge).
	 */
	public record EdgeWrite(String type, String from, String to, String source, long seen, long now,
			String snapshotId, boolean fresh, boolean history, long key) {

		public EdgeWrite(String type, String from, String to, String source, long seen, long now, String snapshotId,
				boolean fresh, boolean history) {
			this(type, from, to, source, seen, now, snapshotId, fresh, history, EdgeKeys.key(type, from, to));
		}

		Map<String, Object> row(long idx) {
			Map<String, Object> row = new HashMap<>();
			row.put("from", from);
			row.put("to", to);
			row.put("source", source);
			row.put("seen", seen);
			row.put("now", now);
			row.put("snapshotId", snapshotId);
			row.put("fresh", fresh);
			row.put("history", history);
			row.put("idx", idx);
			return row;
		}

	}

	/**
	 * Asserts the edges; returns how many were new (each new one an event, in the same transaction). Edges their
	 * source is known to assert already ({@link AssertedEdges}) are not looked up again: an unchanged re-send writes
	 * and reads no edge.
	 */
	public int mergeEdges(List<EdgeWrite> edges) {
		if (edges.isEmpty()) {
			return 0;
		}
		List<EdgeWrite> unknown = unknownPositions(edges).stream().map(edges::get).toList();
		if (unknown.isEmpty()) {
			return 0;
		}
		List<BatchWrite> batches = new ArrayList<>();
		for (int from = 0; from < unknown.size(); from += edgeBatch) {
			List<EdgeWrite> batch = unknown.subList(from, Math.min(unknown.size(), from + edgeBatch));
			List<EdgeWrite> fresh = batch.stream().filter(EdgeWrite::fresh).toList();
			List<EdgeWrite> other = batch.stream().filter(e -> !e.fresh()).toList();
			batches.add(new BatchWrite(batch, fresh, other));
		}
		// overlapping commits: a chunk's edges are distinct (RelationshipPlan), so no batch reads what another writes
		transactions.writeInOrder(batches);
		return batches.stream().mapToInt(b -> b.created).sum();
	}

	/**
	 * Edges per transaction of a chunk ({@code fedcmdb.ingest.edge-batch}, 10,000; as GraphStore's CI batches: less
	 * state alive across young collections).
	 */
	private final int edgeBatch;

	/**
	 * The edges {@code source} is known to assert now ({@link AssertedEdges}), for a chunk's plan to leave out before
	 * it builds their writes: an unchanged re-send's 2.8 million edges at tier M were each built as an {@link EdgeWrite},
	 * kept apart from the chunk's other edges in a set, then found known here. Asked under the writer lease, as
	 * {@link #mergeEdges} is, so that nothing moves the edges between the answer and the chunk's write.
	 */
	public LongPredicate asserted(String source) {
		String token = epoch.current();
		epoch.completeIfNoEdges(token, List.of(source));
		return key -> epoch.asserted.knows(token, source, key);
	}

	/** Positions in {@code edges} of those their source is not known to assert ({@link AssertedEdges}). */
	private List<Integer> unknownPositions(List<EdgeWrite> edges) {
		String token = epoch.current();
		epoch.completeIfNoEdges(token, edges.stream().map(EdgeWrite::source).distinct().toList());
		List<Integer> unknown = new ArrayList<>();
		for (int i = 0; i < edges.size(); i++) {
			EdgeWrite e = edges.get(i);
			if (!epoch.asserted.knows(token, e.source(), e.key())) {
				unknown.add(i);
			}
		}
		return unknown;
	}

	/** Edges per transaction when settling edges that waited: bounded, as a chunk's are. */
	static final int SETTLE_BATCH = 20_000;

	/**
	 * Like {@link #mergeEdges}, every edge looked up: returns the positions in {@code edges} of those that were new.
	 * In transactions of {@link #SETTLE_BATCH} edges: a snapshot's finish settles every edge that waited for a ref of
	 * a later chunk (hundreds of thousands at the benchmark's tier M), and one transaction holding them all, with their
	 * events, outgrew a 4 GiB heap. A batch that commits stays (MERGE: settling again finds its edges).
	 */
	public Set<Integer> mergeEdgesReporting(List<EdgeWrite> edges) {
		Set<Integer> out = new HashSet<>();
		if (edges.isEmpty()) {
			return out;
		}
		// as mergeEdges: edges their source is known to assert are neither read nor written (a re-send's forward refs)
		List<Integer> unknown = unknownPositions(edges);
		List<List<Integer>> positions = new ArrayList<>();
		List<BatchWrite> batches = new ArrayList<>();
		for (int from = 0; from < unknown.size(); from += SETTLE_BATCH) {
			List<Integer> at = unknown.subList(from, Math.min(unknown.size(), from + SETTLE_BATCH));
			List<EdgeWrite> batch = at.stream().map(edges::get).toList();
			positions.add(at);
			batches.add(new BatchWrite(batch, List.of(), batch));
		}
		// one after the other, without overlapping commits: two waiting rows of one edge (a relationship reported in
		// two chunks) may fall in two batches, and the second must see the edge the first created, committed
		batches.forEach(b -> transactions.writeInOrder(List.of(b)));
		for (int b = 0; b < batches.size(); b++) {
			List<Integer> at = positions.get(b);
			batches.get(b).createdRows.forEach(i -> out.add(at.get(i.intValue())));
		}
		return out;
	}

	/**
	 * A batch of edges in a transaction of its own: its fresh edges created and the others merged, then (the locks
	 * commits are ordered by) their events appended and the edge epoch moved (so that another instance's sets, which
	 * do not hold these edges, are not taken for complete); once it committed, its edges go to this instance's sets.
	 * On the embedded database a batch is built while the one before it commits ({@link Transactions#writeInOrder}).
	 */
	private final class BatchWrite implements Transactions.OrderedWrite {

		private final List<EdgeWrite> edges;

		private final List<EdgeWrite> fresh;

		private final List<EdgeWrite> other;

		/** Positions in {@code other} of the edges it created. */
		private final Set<Long> createdRows = new HashSet<>();

		private EventOutbox.Prepared prepared;

		private int created;

		private EdgeEpoch.Move move;

		BatchWrite(List<EdgeWrite> edges, List<EdgeWrite> fresh, List<EdgeWrite> other) {
			this.edges = edges;
			this.fresh = fresh;
			this.other = other;
		}

		@Override
		public void build(TransactionContext tx) {
			List<EventDraft> events = new ArrayList<>();
			created = createEdges(tx, fresh, events) + assertEdges(tx, other, createdRows, events);
			prepared = outbox.prepare(events); // written and compressed here, beside the batch before's commit
		}

		@Override
		public void seal(TransactionContext tx) {
			outbox.append(tx, prepared);
			move = epoch.bump(tx);
		}

		@Override
		public void committed() {
			Map<String, LongStream.Builder> bySource = new HashMap<>();
			edges.forEach(e -> bySource.computeIfAbsent(e.source(), k -> LongStream.builder()).add(e.key()));
			bySource.forEach((source, keys) -> epoch.asserted.added(move.from(), move.to(), source, keys.build().toArray()));
		}

	}

	/**
	 * Edges whose dependent CI this chunk created: through the kernel on the embedded database, else
	 * {@code ingest-create-edges}; each created edge's event added to {@code events}, appended when the batch is sealed.
	 */
	private int createEdges(TransactionContext tx, List<EdgeWrite> fresh, List<EventDraft> events) {
		KernelTransaction ktx = kernelWrites && !fresh.isEmpty() ? Transactions.kernel(tx) : null;
		List<KernelEdgeWrites.Created> created = ktx == null ? null : KernelEdgeWrites.create(ktx, fresh);
		if (created == null) {
			return statements.create(tx, fresh, events);
		}
		return addEvents(fresh, created, events);
	}

	/**
	 * Edges that may exist ({@code ingest-merge-edges}, through the kernel on the embedded database); the positions
	 * in {@code edges} of those created go to {@code createdRows}, each one's event to {@code events}.
	 */
	private int assertEdges(TransactionContext tx, List<EdgeWrite> edges, Set<Long> createdRows, List<EventDraft> events) {
		KernelTransaction ktx = kernelWrites && !edges.isEmpty() ? Transactions.kernel(tx) : null;
		List<KernelEdgeWrites.Created> created = ktx == null ? null : KernelEdgeWrites.merge(ktx, edges);
		if (created == null) {
			return statements.merge(tx, edges, createdRows, events);
		}
		createdRows.clear(); // a retried transaction starts over
		created.forEach(c -> createdRows.add(c.idx()));
		return addEvents(edges, created, events);
	}

	private static int addEvents(List<EdgeWrite> edges, List<KernelEdgeWrites.Created> created, List<EventDraft> events) {
		for (KernelEdgeWrites.Created c : created) {
			EdgeWrite e = edges.get((int) c.idx());
			events.add(CiEvents.relationship(EventTypes.RELATIONSHIP_ADDED, c.row(), e.type(), e.source(),
					e.snapshotId()));
		}
		return created.size();
	}

}
